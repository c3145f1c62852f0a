internal import CICU

/// ICU normalisation and case folding of UTF-8 text with reusable buffers. Not thread-safe: one
/// per thread, owned by a `Tokenizer`.
final class ICUTransformer {
    private let handle: OpaquePointer

    init(_ form: TokenizerOptions.Normalization) throws(TextError) {
        let code: Int32 = switch form {
        case .none: CICU_NORMALIZE_NONE
        case .nfc: CICU_NORMALIZE_NFC
        case .nfkc: CICU_NORMALIZE_NFKC
        }
        var error: Int32 = 0
        guard let opened = cicu_transformer_open(code, &error), error == 0 else {
            throw .icuFailure(operation: "unorm2_get\(form)Instance", code: error)
        }
        handle = opened
    }

    deinit { cicu_transformer_close(handle) }

    /// Normalises valid UTF-8. Returns nil when the text is already normalised (a quick check, no
    /// copy); otherwise the normalised bytes and, when asked for, the spans that map them back
    /// (`cicu_norm_span`, last one a terminator; else no spans), both valid until the next call.
    func normalize(_ text: UnsafeBufferPointer<UInt8>, withSpans: Bool) throws(TextError)
        -> (text: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<cicu_norm_span>?)? {
        guard text.count < Int(Int32.max) else { throw .lineTooLong(bytes: text.count) }
        var error: Int32 = 0
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let length = cicu_transformer_normalize(handle, base, Int32(text.count), withSpans ? 1 : 0, &error)
        guard error == 0 else { throw .icuFailure(operation: "unorm2_normalize", code: error) }
        guard length >= 0 else { return nil }
        let output = UnsafeBufferPointer(start: cicu_transformer_output(handle), count: Int(length))
        guard withSpans else { return (output, nil) }
        var spanCount: Int32 = 0
        let spans = cicu_transformer_spans(handle, &spanCount)
        return (output, UnsafeBufferPointer(start: spans, count: Int(spanCount)))
    }

    /// Full case folding (U_FOLD_CASE_DEFAULT) of valid UTF-8, normalised again to this
    /// transformer's form. The result is valid until the next call.
    func fold(_ text: UnsafeBufferPointer<UInt8>) throws(TextError) -> UnsafeBufferPointer<UInt8> {
        var error: Int32 = 0
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let length = cicu_transformer_fold(handle, base, Int32(text.count), &error)
        guard error == 0, length >= 0 else { throw .icuFailure(operation: "u_strFoldCase", code: error) }
        return UnsafeBufferPointer(start: cicu_transformer_output(handle), count: Int(length))
    }
}

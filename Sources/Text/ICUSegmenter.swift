internal import CICU

/// One ICU break iterator (character, word or sentence) reused line after line over UTF-8, with
/// its boundary buffer. Not thread-safe: one per thread, owned by a `Tokenizer`.
final class ICUSegmenter {
    enum Kind: Int32 {
        case character = 0, word = 1, sentence = 3
    }

    private let handle: OpaquePointer
    /// The boundaries of the last `run`: `boundaries[0] == 0`, the last equals the text's length.
    private(set) var boundaries: [Int32] = []
    /// The rule statuses of the segments ending at each boundary (filled when asked for).
    private(set) var statuses: [Int32] = []
    /// Whether ICU picked its root rules for the locale, which the Swift fast paths implement.
    let usesRootRules: Bool

    init(_ kind: Kind, locale: String) throws(TextError) {
        var error: Int32 = 0
        let opened = locale.withCString { cicu_segmenter_open(kind.rawValue, $0, &error) }
        guard let opened, error == 0 else { throw .icuFailure(operation: "ubrk_open(\(locale))", code: error) }
        handle = opened
        usesRootRules = cicu_segmenter_uses_root_rules(opened) != 0
    }

    deinit { cicu_segmenter_close(handle) }

    /// Segments valid UTF-8 and returns the number of boundaries now in `boundaries` (at least
    /// one). O(n) plus ICU's dictionary work for Thai, CJK and the like.
    @discardableResult
    func run(_ text: UnsafeBufferPointer<UInt8>, withStatuses: Bool = false) throws(TextError) -> Int {
        guard text.count < Int(Int32.max) else { throw .lineTooLong(bytes: text.count) }
        let needed = text.count + 1
        if boundaries.count < needed { boundaries = [Int32](repeating: 0, count: max(needed, 2 * boundaries.count)) }
        if withStatuses && statuses.count < needed { statuses = [Int32](repeating: 0, count: boundaries.count) }
        var error: Int32 = 0
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let count = boundaries.withUnsafeMutableBufferPointer { b in
            if withStatuses {
                return statuses.withUnsafeMutableBufferPointer { s in
                    cicu_segmenter_run(handle, base, Int32(text.count), b.baseAddress, s.baseAddress, &error)
                }
            }
            return cicu_segmenter_run(handle, base, Int32(text.count), b.baseAddress, nil, &error)
        }
        guard error == 0, count > 0 else { throw .icuFailure(operation: "ubrk_next", code: error) }
        return Int(count)
    }
}

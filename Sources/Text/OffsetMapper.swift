import JSONCore

internal import CICU

/// Maps byte offsets in the segmented text (the line itself, or its normalisation) to code-point
/// offsets in the original line.
///
/// Without normalisation changes the map is the identity on code points: a byte offset maps to the
/// number of code points before it (itself, for ASCII). After normalisation the text is a tiling of
/// spans (`cicu_norm_span`): identity spans map one to one; a rewritten span is one normalisation
/// unit (a starter and the marks that combine or reorder with it), and only its ends correspond to
/// positions of the original. A token that starts or ends inside such a unit (e.g. NFKC turns `½`
/// into `1⁄2`, which the word rules split) gets the whole unit: starts round down, ends round up.
///
/// Queries must come in non-decreasing byte order (tokens in order, each start before its end);
/// then all queries of a line together cost O(n).
struct OffsetMapper {
    private let text: UnsafePointer<UInt8>?
    private let isASCII: Bool
    private let spans: UnsafeBufferPointer<cicu_norm_span>?
    private var cursorByte = 0
    private var cursorCodePoint = 0
    private var spanIndex = 0

    /// A map for `text`; `spans` is nil when the text is the original line.
    init(text: UnsafeBufferPointer<UInt8>, isASCII: Bool, spans: UnsafeBufferPointer<cicu_norm_span>?) {
        self.text = text.baseAddress
        self.isASCII = isASCII && spans == nil
        self.spans = spans
    }

    /// The number of code points of the segmented text before byte `byte`.
    private mutating func textCodePoint(_ byte: Int) -> Int {
        if isASCII { return byte }
        guard let text else { return 0 }
        if byte < cursorByte { cursorByte = 0; cursorCodePoint = 0 }
        cursorCodePoint += ValidUTF8.codePointCount(text, cursorByte, byte)
        cursorByte = byte
        return cursorCodePoint
    }

    /// The index of the span that contains `byte` (the terminator for the end of the text).
    private mutating func locate(_ spans: UnsafeBufferPointer<cicu_norm_span>, _ byte: Int) -> Int {
        if spanIndex < spans.count && Int(spans[spanIndex].output_byte) > byte { spanIndex = 0 }
        while spanIndex + 1 < spans.count && Int(spans[spanIndex + 1].output_byte) <= byte { spanIndex += 1 }
        return spanIndex
    }

    /// The original code-point offset of a token that starts at `byte`.
    mutating func start(_ byte: Int) -> Int {
        guard let spans else { return textCodePoint(byte) }
        let j = locate(spans, byte)
        let span = spans[j]
        if span.identity != 0 {
            return Int(span.source_code_point) + textCodePoint(byte) - Int(span.output_code_point)
        }
        return Int(span.source_code_point)
    }

    /// The original code-point offset of a token that ends at `byte`.
    mutating func end(_ byte: Int) -> Int {
        guard let spans else { return textCodePoint(byte) }
        let j = locate(spans, byte)
        let span = spans[j]
        if Int(span.output_byte) == byte { return Int(span.source_code_point) }
        if span.identity != 0 {
            return Int(span.source_code_point) + textCodePoint(byte) - Int(span.output_code_point)
        }
        return Int(spans[j + 1].source_code_point)
    }
}

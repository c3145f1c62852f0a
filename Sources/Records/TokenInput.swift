import JSONCore

/// A stream of token sequences, read either from JSON Lines records (an array-of-strings field,
/// `tokens` by default) or from plain text (tokens separated by ASCII white space, one sequence
/// per line), as the stream protocol of DESIGN.md describes.
///
/// Plain text is read in blocks, never a line at a time, so a corpus that is one 100 MB line
/// (text8) streams in bounded memory: a token cut by a block boundary is carried over. Every
/// token is checked as UTF-8; an invalid one is located by input name and line number.
public final class TokenInput {
    public let readers: [ByteReader]
    public let format: InputFormat
    public let field: String
    let input: LineInput
    let skipInvalid: Bool

    /// - Parameters:
    ///   - format: `.jsonLines` or `.text` (resolve `.automatic` first with `LineInput.resolve`).
    ///   - field: the record field holding the tokens.
    public init(input: LineInput, readers: [ByteReader], format: InputFormat, field: String = "tokens", skipInvalid: Bool = false) {
        self.input = input
        self.readers = readers
        self.format = format
        self.field = field
        self.skipInvalid = skipInvalid
    }

    /// How many invalid lines were skipped (JSON Lines only; in plain text every byte is read).
    public var skippedLines: Int { input.skippedLines }

    /// Calls `token` with each token's UTF-8 bytes (valid during the call) and `endOfSequence`
    /// after each record or line that held at least one token.
    public func forEach(token: (UnsafeBufferPointer<UInt8>) throws -> Void,
                        endOfSequence: () throws -> Void = {}) throws {
        if format == .jsonLines {
            let parser = RecordParser()
            try input.forEachLine(readers: readers, validateUTF8: false, skipInvalid: skipInvalid) { line, _ in
                try parser.parse(line)
                guard let i = parser.index(of: field) else {
                    throw RecordsError.invalidLine("missing field '\(field)'")
                }
                var any = false
                try parser.forEachStringBytes(i, field: field) { any = true; try token($0) }
                if any { try endOfSequence() }
            }
        } else {
            for reader in readers { try forEachPlainToken(reader, token: token, endOfSequence: endOfSequence) }
        }
    }

    /// Splits blocks of plain text on ASCII white space, carrying a token cut by a block boundary.
    private func forEachPlainToken(_ reader: ByteReader, token: (UnsafeBufferPointer<UInt8>) throws -> Void,
                                   endOfSequence: () throws -> Void) throws {
        var splitter = WhitespaceSplitter()
        var line = 1
        var lineHasTokens = false
        func emit(_ raw: UnsafeRawBufferPointer) throws {
            if let bad = UTF8Validation.firstInvalidOffset(in: raw) {
                throw RecordsError.located(source: reader.name, line: line,
                                           message: "invalid UTF-8 at byte \(bad + 1) of a token")
            }
            lineHasTokens = true
            try token(raw.assumingMemoryBound(to: UInt8.self))
        }
        func endOfLine() throws {
            if lineHasTokens { try endOfSequence(); lineHasTokens = false }
            line += 1
        }
        while let chunk = try reader.nextChunk() {
            try splitter.split(UnsafeRawBufferPointer(chunk), token: emit, newline: endOfLine)
        }
        try splitter.finish(emit)
        if lineHasTokens { try endOfSequence() }
    }

    /// ASCII white space: space and TAB, LF, VT, FF, CR (as Python's `bytes.split()`).
    @inline(__always)
    public static func isSpace(_ b: UInt8) -> Bool { WhitespaceSplitter.isWhitespace(b) }
}

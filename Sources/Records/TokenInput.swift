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
        var pending: [UInt8] = []
        var line = 1
        var lineHasTokens = false
        func emit(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            if let bad = UTF8Validation.firstInvalidOffset(in: UnsafeRawBufferPointer(bytes)) {
                throw RecordsError.located(source: reader.name, line: line,
                                           message: "invalid UTF-8 in token at byte \(bad + 1) of the token")
            }
            lineHasTokens = true
            try token(bytes)
        }
        while let chunk = try reader.nextChunk() {
            let n = chunk.count
            var i = 0
            if !pending.isEmpty {
                while i < n, !Self.isSpace(chunk[i]) { i += 1 }
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<i]))
                if i == n { continue }
                try pending.withUnsafeBufferPointer { try emit($0) }
                pending.removeAll(keepingCapacity: true)
            }
            while true {
                while i < n, Self.isSpace(chunk[i]) {
                    if chunk[i] == 0x0A {
                        if lineHasTokens { try endOfSequence(); lineHasTokens = false }
                        line += 1
                    }
                    i += 1
                }
                if i == n { break }
                let start = i
                while i < n, !Self.isSpace(chunk[i]) { i += 1 }
                if i == n {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<n]))
                    break
                }
                try emit(UnsafeBufferPointer(rebasing: chunk[start..<i]))
            }
        }
        if !pending.isEmpty { try pending.withUnsafeBufferPointer { try emit($0) } }
        if lineHasTokens { try endOfSequence() }
    }

    /// ASCII white space: space and TAB, LF, VT, FF, CR (as Python's `bytes.split()`).
    @inline(__always)
    public static func isSpace(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(0x1_0000_3E00) >> UInt64(b)) & 1 == 1
    }
}

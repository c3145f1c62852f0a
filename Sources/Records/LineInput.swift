import Diagnostics
import JSONCore

/// How a program's input is to be read.
public enum InputFormat: Sendable, Equatable {
    /// One JSON object per line.
    case jsonLines
    /// Plain text lines.
    case text
    /// Decide from the first non-blank byte: `{` means JSON Lines.
    case automatic
}

/// The inputs of a filter, read in order: the named files (`-` is standard input), or standard
/// input when none is named. Every line is handed to a body; an invalid line (a `badData` error
/// thrown by the body, or invalid UTF-8) is located as `source:line: message`, or counted and skipped
/// when the caller chooses to skip invalid lines.
public final class LineInput {
    public let paths: [String]
    /// Called before a read that may block, so that output can be flushed for interactive use.
    public var willRead: (() throws -> Void)?
    /// How many invalid lines were skipped.
    public private(set) var skippedLines = 0
    /// The first skipped line's error, for the summary message.
    public private(set) var firstSkipped: RecordsError?

    public init(paths: [String]) {
        self.paths = paths.isEmpty ? ["-"] : paths
    }

    /// Opens every input first, so that a missing file is reported before any output is written.
    public func openAll() throws -> [ByteReader] {
        try paths.map { try ByteReader.open($0) }
    }

    /// Decides the format of the first input with content when `format` is `.automatic`.
    public static func resolve(_ format: InputFormat, first reader: ByteReader) throws -> InputFormat {
        guard format == .automatic else { return format }
        return try reader.peekFirstNonBlank() == UInt8(ascii: "{") ? .jsonLines : .text
    }

    /// Calls `body` with each line's bytes (without `\n`) and its 1-based line number in its source.
    ///
    /// - Parameters:
    ///   - validateUTF8: check every line as UTF-8 before `body` sees it (plain text input).
    ///   - skipInvalid: count and skip lines whose `body` throws a bad-data error, instead of stopping.
    public func forEachLine(readers: [ByteReader], validateUTF8: Bool, skipInvalid: Bool,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        for reader in readers {
            reader.willRead = willRead
            while let line = try reader.nextLine() {
                do {
                    if validateUTF8, let bad = UTF8Validation.firstInvalidOffset(in: UnsafeRawBufferPointer(line)) {
                        throw RecordsError.invalidLine("invalid UTF-8 at byte \(bad + 1)")
                    }
                    try body(line, reader.lineNumber)
                } catch let error as ClassifiedError where error.kind == .badData {
                    let located: RecordsError
                    if let error = error as? RecordsError, case .located = error { located = error } else {
                        located = .located(source: reader.name, line: reader.lineNumber, message: error.description)
                    }
                    guard skipInvalid else { throw located }
                    skippedLines += 1
                    if firstSkipped == nil { firstSkipped = located }
                }
            }
        }
    }
}

import Diagnostics

/// A JSON text that does not follow RFC 8259, with the byte offset where the problem was found.
///
/// Always classified as `.badData`: JSON comes from input files, records and model headers, so a
/// malformed text is bad input, never a program error. `description` reads
/// `invalid JSON at byte 17: expected ':' after an object key`.
public struct JSONError: ClassifiedError, Equatable, Sendable {
    /// Offset of the offending byte from the start of the parsed buffer (0-based).
    public let offset: Int
    /// What is wrong, in lower case without a full stop.
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var kind: FailureKind { .badData }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }

    /// The same error with its offset moved by `delta` bytes (for errors found in a sub-buffer).
    public func shifted(by delta: Int) -> JSONError {
        JSONError(offset: offset + delta, reason: reason)
    }
}

/// How a byte is shown in an error message: `'x'` when printable ASCII, `byte 0xNN` otherwise.
@usableFromInline
func describeByte(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F {
        return "'\(Character(Unicode.Scalar(byte)))'"
    }
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
}

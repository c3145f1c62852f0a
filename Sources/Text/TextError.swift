import Diagnostics

/// The errors of the `Text` module. The command-line layer prints `description` after the
/// program's name and adds the line number for data errors.
public enum TextError: ClassifiedError, Equatable {
    /// The input is not valid UTF-8; `byteOffset` (0-based) is where the first bad sequence
    /// starts. The message counts bytes from 1, as every located message of nlpipe does.
    case invalidUTF8(byteOffset: Int)
    /// A line longer than ICU's 32-bit offsets can address (2 GiB - 1 bytes).
    case lineTooLong(bytes: Int)
    /// A combination of options that has no meaning, e.g. splitting digits of whole sentences.
    case unsupportedOptions(String)
    /// ICU reported a failure (an error code of `UErrorCode`) in the named operation.
    case icuFailure(operation: String, code: Int32)

    public var kind: FailureKind {
        switch self {
        case .invalidUTF8, .lineTooLong: .badData
        case .unsupportedOptions: .usage
        case .icuFailure: .other
        }
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset + 1)"
        case .lineTooLong(let bytes): "line of \(bytes) bytes is longer than the 2147483647 bytes ICU can segment"
        case .unsupportedOptions(let message): message
        case .icuFailure(let operation, let code): "ICU failed in \(operation) (error \(code))"
        }
    }
}

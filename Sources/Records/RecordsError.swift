import Diagnostics

/// Errors of the stream layer. Messages follow `prog: ` and name the input and line where known.
public enum RecordsError: ClassifiedError, Equatable {
    /// An input file could not be opened (`path`, the system's reason).
    case cannotOpen(path: String, reason: String, missing: Bool)
    /// Reading an input failed at the system level.
    case readFailed(source: String, reason: String)
    /// Writing the output failed (other than a closed pipe).
    case writeFailed(reason: String)
    /// A line is not a valid record: malformed JSON, invalid UTF-8, a missing or mistyped field.
    case invalidLine(String)
    /// An invalid line, located: `source:line: message`.
    case located(source: String, line: Int, message: String)

    public var kind: FailureKind {
        switch self {
        case .cannotOpen(_, _, let missing): return missing ? .noInput : .io
        case .readFailed, .writeFailed: return .io
        case .invalidLine, .located: return .badData
        }
    }

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason, _): return "cannot open '\(path)': \(reason)"
        case let .readFailed(source, reason): return "cannot read \(source): \(reason)"
        case let .writeFailed(reason): return "cannot write output: \(reason)"
        case let .invalidLine(message): return message
        case let .located(source, line, message): return "\(source):\(line): \(message)"
        }
    }
}

/// Thrown when standard output is a pipe whose reader has gone away (`prog | head`). The command
/// line layer ends the program quietly with exit status 0, as ripgrep and jq do.
public struct OutputClosed: Error, Equatable {
    public init() {}
}

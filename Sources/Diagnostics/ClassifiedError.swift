/// What kind of failure an error is, so that the command-line layer can choose the documented exit
/// code (sysexits.h: 64 usage, 65 data, 66 no input, 74 I/O, 1 anything else) without the domain
/// modules knowing about processes or exit codes.
public enum FailureKind: Sendable, Equatable {
    /// The user asked for something that cannot be done as asked (EX_USAGE, 64).
    case usage
    /// The input data is malformed: invalid UTF-8, bad JSON, a damaged model file (EX_DATAERR, 65).
    case badData
    /// An input file does not exist or cannot be opened (EX_NOINPUT, 66).
    case noInput
    /// Reading or writing failed at the operating-system level (EX_IOERR, 74).
    case io
    /// Anything else (1).
    case other
}

/// An error that knows its kind and has a one-line message for people.
///
/// Every module throws errors conforming to this protocol; `description` is the message that
/// follows `prog: ` on standard error, so it starts in lower case and ends without a full stop.
public protocol ClassifiedError: Error, CustomStringConvertible {
    var kind: FailureKind { get }
}

/// A plain classified error with a message, for the cases that need no type of their own.
public struct Failure: ClassifiedError, Equatable {
    public let kind: FailureKind
    public let description: String

    public init(_ kind: FailureKind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

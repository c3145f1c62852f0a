import Diagnostics

/// A model archive that cannot be read or written, naming the file.
///
/// `description` is `<path>: <message>`, so the command line shows
/// `vocab: model.nlpipe: header length 4096 exceeds the 100 bytes after it (truncated file?)`.
public struct ArchiveError: ClassifiedError, Equatable, Sendable {
    public let kind: FailureKind
    /// The file concerned (or a name such as `<memory>` for archives parsed from bytes).
    public let path: String
    /// What went wrong, in lower case without a full stop.
    public let message: String

    public init(_ kind: FailureKind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

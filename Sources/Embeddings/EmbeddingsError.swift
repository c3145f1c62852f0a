import Diagnostics

/// A failure reading, writing or querying word vectors: bad data (65) for damaged or
/// unrecognised files, no input (66) for missing files, usage (64) for impossible requests.
public struct EmbeddingsError: ClassifiedError, Equatable, Sendable {
    public let kind: FailureKind
    public let description: String

    public init(_ kind: FailureKind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func badData(_ path: String, _ message: String) -> EmbeddingsError {
        EmbeddingsError(.badData, "\(path): \(message)")
    }
}

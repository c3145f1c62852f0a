import Foundation

/// Where the repository and the shared test data live, found from this file's path so that tests
/// work from any working directory and any `--scratch-path`.
public enum SharedData {
    /// The repository root (the folder holding `Package.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` next to the repository: real corpora and reference vectors (read-only).
    public static let root: URL = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared").appendingPathComponent("data")

    /// The URL of a file under `../shared/data`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a file under `../shared/data`.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// Every non-empty line of a JSON Lines file under `../shared/data`, parsed as a dictionary.
    public static func jsonLines(_ relativePath: String) throws -> [[String: Any]] {
        let text = String(decoding: try data(relativePath), as: UTF8.self)
        return try text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestSupportError("not a JSON object: \(line.prefix(80))")
            }
            return object
        }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

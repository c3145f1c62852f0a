import Diagnostics
import JSONCore
import ModelArchive

/// The `vocabulary` archive kind, format version 1.
///
/// Tensors: `tokens.utf8`, `tokens.offsets`, `tokens.counts` (see `TokenListTensors`), all tokens
/// in id order, specials first. Metadata (JSON strings):
/// - `specials`: `{"tokens":["<unk>",…],"unknown":"<unk>","begin":"<s>","end":"</s>","padding":"<pad>"}`
///   (a role is `null` when absent);
/// - `vocabulary`: `{"min_count":5,"max_size":null,"corpus_tokens":…,"corpus_types":…}` (null
///   entries when built from an explicit list);
/// - `config` (vocabulary files only): the build configuration, `buildConfig` unless the program
///   passes its own.
/// Other kinds can carry a vocabulary with `addTensors(to:)` and `init(embeddedIn:)`.
extension Vocabulary {
    public static let archiveKind = "vocabulary"
    public static let archiveFormatVersion = 1

    /// The build settings and corpus statistics as JSON:
    /// `{"min_count":…,"max_size":…,"specials":[…],"corpus_tokens":…,"corpus_types":…}`.
    public var buildConfig: JSONValue {
        [
            "min_count": options.map { JSONValue($0.minCount) } ?? .null,
            "max_size": options?.maxSize.map { JSONValue($0) } ?? .null,
            "specials": .array(specials.tokens.map(JSONValue.string)),
            "corpus_tokens": corpusTokenCount.map { JSONValue($0) } ?? .null,
            "corpus_types": corpusTypeCount.map { JSONValue($0) } ?? .null,
        ]
    }

    /// Adds the token tensors and the `specials` and `vocabulary` metadata to an archive of any kind.
    public func addTensors(to writer: inout ArchiveWriter) throws {
        try TokenListTensors.add(to: &writer, count: count,
                                 appendToken: { i, bytes in bytes.append(contentsOf: tokens[i].utf8) },
                                 countOf: { counts[$0] })
        writer.metadata["specials"] = specialsJSON.jsonText
        let statistics: JSONValue = [
            "min_count": options.map { JSONValue($0.minCount) } ?? .null,
            "max_size": options?.maxSize.map { JSONValue($0) } ?? .null,
            "corpus_tokens": corpusTokenCount.map { JSONValue($0) } ?? .null,
            "corpus_types": corpusTypeCount.map { JSONValue($0) } ?? .null,
        ]
        writer.metadata["vocabulary"] = statistics.jsonText
    }

    /// A writer for a `vocabulary` file holding this vocabulary, with `config` (default
    /// `buildConfig`) as its configuration.
    public func archiveWriter(config: JSONValue? = nil) throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: Self.archiveKind, formatVersion: Self.archiveFormatVersion)
        try addTensors(to: &writer)
        writer.setConfig(config ?? buildConfig)
        return writer
    }

    /// Writes a `vocabulary` file atomically (see `ArchiveWriter.write(to:)`).
    public func write(to path: String, config: JSONValue? = nil) throws {
        try archiveWriter(config: config).write(to: path)
    }

    /// Reads the vocabulary of a `vocabulary` file; `.badData` for another kind or a newer version.
    public init(archive reader: ArchiveReader) throws {
        try reader.require(kind: Self.archiveKind, supportedVersion: Self.archiveFormatVersion)
        try self.init(embeddedIn: reader)
    }

    /// Opens and reads a `vocabulary` file.
    public init(contentsOf path: String) throws {
        try self.init(archive: try ArchiveReader(path: path))
    }

    /// Reads a vocabulary carried by an archive of any kind (`addTensors(to:)` wrote it).
    /// Throws `.badData` naming the file for missing or inconsistent tensors or metadata.
    public init(embeddedIn reader: ArchiveReader) throws {
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: reader.path, message) }
        guard let specialsValue = try reader.metadataJSON("specials") else { throw bad("has no 'specials' metadata") }
        let specials = try Self.specials(from: specialsValue, bad)
        var tokens: [String] = []
        var counts: [Int] = []
        try TokenListTensors.read(reader) { bytes, count in
            guard let token = String(validating: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                throw bad("token \(tokens.count) is not valid UTF-8")
            }
            tokens.append(token)
            counts.append(count)
        }
        let statistics = try reader.metadataJSON("vocabulary")
        func integer(_ key: String) throws -> Int? {
            guard let value = statistics?[key], !value.isNull else { return nil }
            guard let number = value.intValue else { throw bad("'vocabulary' metadata has a non-integer '\(key)'") }
            return number
        }
        var options: VocabularyOptions? = nil
        if let minCount = try integer("min_count") {
            options = VocabularyOptions(minCount: minCount, maxSize: try integer("max_size"), specials: specials)
        }
        do {
            try self.init(tokens: tokens, counts: counts, specials: specials, options: options,
                          corpusTokenCount: try integer("corpus_tokens"), corpusTypeCount: try integer("corpus_types"))
        } catch let failure as Failure {
            throw bad(failure.description)
        }
    }

    var specialsJSON: JSONValue {
        func role(_ token: String?) -> JSONValue { token.map(JSONValue.string) ?? .null }
        return [
            "tokens": .array(specials.tokens.map(JSONValue.string)),
            "unknown": role(specials.unknown),
            "begin": role(specials.begin),
            "end": role(specials.end),
            "padding": role(specials.padding),
        ]
    }

    private static func specials(from value: JSONValue, _ bad: (String) -> ArchiveError) throws -> SpecialTokens {
        guard let list = value["tokens"]?.arrayValue else { throw bad("'specials' metadata has no 'tokens' list") }
        let tokens = try list.map { item -> String in
            guard let token = item.stringValue else { throw bad("'specials' metadata lists a non-string token") }
            return token
        }
        func role(_ key: String) throws -> String? {
            guard let item = value[key], !item.isNull else { return nil }
            guard let token = item.stringValue else { throw bad("'specials' metadata has a non-string '\(key)'") }
            return token
        }
        do {
            return try SpecialTokens(tokens, unknown: try role("unknown"), begin: try role("begin"),
                                     end: try role("end"), padding: try role("padding"))
        } catch let failure as Failure {
            throw bad("'specials' metadata is inconsistent: \(failure.description)")
        }
    }
}

import Diagnostics
import JSONCore
import ModelArchive
import Neural
import VocabularyModule

/// The `lm` archive kind, format version 1.
///
/// Tensors: every network parameter under its name as f32 with its shape (`embedding.weight`
/// V×E, `layers.<l>.input_weight` blocks·H×I, `layers.<l>.hidden_weight` blocks·H×H,
/// `layers.<l>.bias` 1×blocks·H, `output.weight` V×H unless tied, `output.bias` 1×V; gate blocks
/// in the order of `CellKind`), and the vocabulary's tensors. Metadata: `network`
/// (`{"cell","vocabulary_size","embed","hidden","layers","dropout","tied"}`), `level`
/// (`word`/`char`), `specials`/`vocabulary` (the vocabulary's) and `config` (training settings).
extension LanguageModel {
    public static let archiveKind = "lm"
    public static let archiveFormatVersion = 1

    /// The network shape as stored in `network` metadata.
    static func json(_ c: NetworkConfiguration) -> JSONValue {
        [
            "cell": .string(c.cell.rawValue), "vocabulary_size": JSONValue(c.vocabularySize),
            "embed": JSONValue(c.embedSize), "hidden": JSONValue(c.hiddenSize), "layers": JSONValue(c.layers),
            "dropout": JSONValue(c.dropout), "tied": .bool(c.tied),
        ]
    }

    static func networkConfiguration(_ value: JSONValue?, _ bad: (String) -> ArchiveError) throws -> NetworkConfiguration {
        guard let value else { throw bad("has no 'network' metadata") }
        func integer(_ key: String) throws -> Int {
            guard let n = value[key]?.intValue, n > 0 else { throw bad("'network' metadata needs a positive integer '\(key)'") }
            return n
        }
        var c = NetworkConfiguration()
        guard let cellName = value["cell"]?.stringValue, let cell = CellKind(rawValue: cellName) else {
            throw bad("'network' metadata has no known 'cell'")
        }
        c.cell = cell
        c.vocabularySize = try integer("vocabulary_size")
        c.embedSize = try integer("embed")
        c.hiddenSize = try integer("hidden")
        c.layers = try integer("layers")
        c.dropout = value["dropout"]?.doubleValue ?? 0
        c.tied = value["tied"]?.boolValue ?? false
        if c.tied && c.embedSize != c.hiddenSize { throw bad("'network' metadata ties weights of different sizes") }
        if !(c.dropout >= 0 && c.dropout < 1) { throw bad("'network' metadata has a dropout outside [0, 1)") }
        return c
    }

    /// Adds the parameters, the vocabulary and the metadata to `writer`.
    func addContents(to writer: inout ArchiveWriter) throws {
        for p in network.parameters {
            try writer.add(p.name, Array(UnsafeBufferPointer(start: p.value.base, count: p.value.count)),
                           shape: [p.value.rows, p.value.columns])
        }
        try vocabulary.addTensors(to: &writer)
        writer.metadata["network"] = Self.json(network.configuration).jsonText
        writer.metadata["level"] = level.rawValue
        writer.setConfig(trainingConfig)
    }

    /// Writes an `lm` file atomically.
    public func write(to path: String) throws {
        var writer = ArchiveWriter(kind: Self.archiveKind, formatVersion: Self.archiveFormatVersion)
        try addContents(to: &writer)
        try writer.write(to: path)
    }

    /// Reads an `lm` file; `.badData` naming the file for another kind, a newer version, or
    /// tensors that do not match the stored shape.
    public convenience init(contentsOf path: String) throws {
        try self.init(archive: try ArchiveReader(path: path), kind: Self.archiveKind)
    }

    /// Reads the model part of an archive of `kind` (`lm`, or a checkpoint).
    convenience init(archive reader: ArchiveReader, kind: String) throws {
        try reader.require(kind: kind, supportedVersion: Self.archiveFormatVersion)
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: reader.path, message) }
        let configuration = try Self.networkConfiguration(try reader.metadataJSON("network"), bad)
        guard let levelName = reader.metadata["level"], let level = ModelLevel(rawValue: levelName) else {
            throw bad("has no known 'level' metadata")
        }
        let vocabulary = try Vocabulary(embeddedIn: reader)
        guard vocabulary.count == configuration.vocabularySize else {
            throw bad("its vocabulary has \(vocabulary.count) tokens but the network \(configuration.vocabularySize)")
        }
        try self.init(vocabulary: vocabulary, level: level, network: configuration, trainingConfig: try reader.config() ?? .null)
        for p in network.parameters {
            let values = try reader.buffer(p.name, as: Float.self, shape: [p.value.rows, p.value.columns])
            for i in 0..<values.count {
                guard values[i].isFinite else { throw bad("tensor '\(p.name)' holds a non-finite value") }
                p.value.base[i] = values[i]
            }
        }
    }
}

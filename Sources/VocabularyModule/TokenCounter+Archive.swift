import JSONCore
import ModelArchive

/// The `counts` archive kind, format version 1: raw corpus counts, no pruning, no special tokens,
/// so that counts of shards can be merged exactly (`vocab count`, `vocab merge`) and a vocabulary
/// built later with any options.
///
/// Tensors: `tokens.utf8`, `tokens.offsets`, `tokens.counts` (see `TokenListTensors`), tokens by
/// count descending then code-point order. Metadata `config`: the caller's configuration, by
/// default `{"corpus_tokens":…,"corpus_types":…}`.
extension TokenCounter {
    public static let archiveKind = "counts"
    public static let archiveFormatVersion = 1

    /// A writer for a `counts` file holding these counts.
    public func archiveWriter(config: JSONValue? = nil) throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: Self.archiveKind, formatVersion: Self.archiveFormatVersion)
        let order = entriesByFrequency()
        let table = self.table
        try TokenListTensors.add(to: &writer, count: order.count,
                                 appendToken: { i, bytes in bytes.append(contentsOf: table.key(at: order[i])) },
                                 countOf: { table.value(at: order[$0]) })
        writer.setConfig(config ?? ["corpus_tokens": JSONValue(totalCount), "corpus_types": JSONValue(distinctCount)])
        return writer
    }

    /// Writes a `counts` file atomically (see `ArchiveWriter.write(to:)`).
    public func write(to path: String, config: JSONValue? = nil) throws {
        try archiveWriter(config: config).write(to: path)
    }

    /// Reads the counts of a `counts` file; `.badData` for another kind, a newer version, or
    /// inconsistent tensors.
    public init(archive reader: ArchiveReader) throws {
        try reader.require(kind: Self.archiveKind, supportedVersion: Self.archiveFormatVersion)
        let tokens = try reader.info("tokens.counts").elementCount
        self.init(expectedDistinct: tokens)
        let table = self.table
        var total = 0
        try TokenListTensors.read(reader) { bytes, count in
            table.add(bytes.baseAddress, bytes.count, count)
            total &+= count
        }
        guard table.count == tokens else {
            throw ArchiveError(.badData, path: reader.path, "a counts file lists a token twice")
        }
        totalCount = total
    }

    /// Opens and reads a `counts` file.
    public init(contentsOf path: String) throws {
        try self.init(archive: try ArchiveReader(path: path))
    }
}

import Diagnostics
import JSONCore
import ModelArchive
import VocabularyModule

/// The `cooccurrence` archive kind, format version 1: the co-occurrence counts of one shard of a
/// corpus (`embed-train --method glove --cooccur-only`), which `CooccurrenceShards` adds up
/// exactly with others before training.
///
/// Tensors: the vocabulary (`tokens.utf8`, `tokens.offsets`, `tokens.counts`, see
/// `TokenListTensors`), and one entry per non-zero pair, sorted by row then column:
/// `pairs.rows` I32 [n], `pairs.columns` I32 [n], `pairs.counts` U64 [n], the count in units of
/// 1/scale (X = counts / scale, scale = lcm(1…window)). Metadata `config`: `window`, `symmetric`,
/// `scale`, `corpus_tokens`, `pairs`, and `vocabulary` ("counted" when the shard built its own
/// vocabulary, "given" when it used `--vocab`).
///
/// numpy: `X = scipy.sparse.coo_matrix((counts / scale, (rows, columns)))`.
public enum CooccurrenceArchive {
    public static let kind = "cooccurrence"
    public static let formatVersion = 1

    /// Writes the sorted entries of `source` (merged counts) with `vocabulary` to `path`
    /// atomically. The entries go through one temporary file, so memory stays small whatever
    /// their number. Returns the number of pairs written.
    @discardableResult
    static func write(_ source: any CooccurrenceSource, vocabulary: Vocabulary, options: CooccurrenceOptions,
                      corpusTokens: Int, vocabularyGiven: Bool, temporaryDirectory: String, to path: String) throws -> Int {
        let run = try CooccurrenceRun(directory: temporaryDirectory)
        while let entry = try source.next() { try run.append(entry) }
        try run.flush()
        var writer = ArchiveWriter(kind: kind, formatVersion: formatVersion)
        try TokenListTensors.add(to: &writer, count: vocabulary.count,
                                 appendToken: { i, bytes in bytes.append(contentsOf: vocabulary.tokens[i].utf8) },
                                 countOf: { vocabulary.counts[$0] })
        try writer.add("pairs.rows", dtype: .i32, shape: [run.count], payload: RunColumn(run: run, field: .row))
        try writer.add("pairs.columns", dtype: .i32, shape: [run.count], payload: RunColumn(run: run, field: .column))
        try writer.add("pairs.counts", dtype: .u64, shape: [run.count], payload: RunColumn(run: run, field: .count))
        var config = options.json
        if case .object(var fields) = config {
            fields.append(("corpus_tokens", JSONValue(corpusTokens)))
            fields.append(("pairs", JSONValue(run.count)))
            fields.append(("vocabulary", .string(vocabularyGiven ? "given" : "counted")))
            config = .object(fields)
        }
        writer.setConfig(config)
        try writer.write(to: path)
        return run.count
    }
}

/// One field of every entry of a run, as tensor data produced piece by piece.
struct RunColumn: TensorPayload {
    enum Field { case row, column, count }
    let run: CooccurrenceRun
    let field: Field

    var payloadByteCount: Int { run.count * (field == .count ? 8 : 4) }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payloadByteCount)
        try? forEachChunk { bytes.append(contentsOf: $0) }
        return try bytes.withUnsafeBytes(body)
    }

    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let reader = run.reader()
        let chunk = 1 << 14
        var words: [UInt64] = []
        var halves: [UInt32] = []
        words.reserveCapacity(chunk)
        halves.reserveCapacity(chunk)
        func emit() throws {
            if field == .count {
                try words.withUnsafeBytes { try body($0) }
                words.removeAll(keepingCapacity: true)
            } else {
                try halves.withUnsafeBytes { try body($0) }
                halves.removeAll(keepingCapacity: true)
            }
        }
        while let entry = try reader.next() {
            switch field {
            case .row: halves.append(UInt32(littleEndian: UInt32(bitPattern: entry.row)))
            case .column: halves.append(UInt32(littleEndian: UInt32(bitPattern: entry.column)))
            case .count: words.append(entry.count.littleEndian)
            }
            if words.count == chunk || halves.count == chunk { try emit() }
        }
        try emit()
    }
}

extension CooccurrenceCounter {
    /// Ends counting and writes the counts as a `cooccurrence` shard file (see
    /// `CooccurrenceArchive`); `vocabularyGiven` records whether the vocabulary came from `--vocab`
    /// (shards counted with the same one add up to one pass). Returns the number of pairs.
    @discardableResult
    public func write(to path: String, vocabulary: Vocabulary, corpusTokens: Int, vocabularyGiven: Bool,
                      temporaryDirectory: String) throws -> Int {
        try CooccurrenceArchive.write(try finish(), vocabulary: vocabulary, options: options, corpusTokens: corpusTokens,
                                      vocabularyGiven: vocabularyGiven, temporaryDirectory: temporaryDirectory, to: path)
    }
}

extension CooccurrenceShards {
    /// Writes the summed counts as one shard file. Returns the number of pairs.
    @discardableResult
    public func write(to path: String, temporaryDirectory: String) throws -> Int {
        try CooccurrenceArchive.write(try merged(), vocabulary: vocabulary, options: options, corpusTokens: corpusTokens,
                                      vocabularyGiven: vocabularyGiven, temporaryDirectory: temporaryDirectory, to: path)
    }
}

extension TrainingCorpus {
    /// Distinct tokens read (in the vocabulary or not): what the vocabulary's tables cost.
    public var distinctTokens: Int { remap?.count ?? vocabulary.count }
}

import Diagnostics
import JSONCore
import ModelArchive
import VocabularyModule

/// Co-occurrence shard files (`cooccurrence` archives) read together: the counts of several
/// shards of a corpus added up exactly, which equals counting the whole corpus in one pass when
/// the shards were counted with the same vocabulary (`--vocab`) and cut at line boundaries.
///
/// Every shard must have the same vocabulary (the same words in the same order) and the same
/// window settings; otherwise their ids or weights mean different things and `.badData` says so.
/// The vocabulary's counts are the first shard's when it was given (`--vocab`: every shard holds
/// the same counts), their sums when each shard counted its own.
public final class CooccurrenceShards {
    public let paths: [String]
    public let vocabulary: Vocabulary
    public let options: CooccurrenceOptions
    /// Corpus tokens over all shards.
    public let corpusTokens: Int
    /// Whether the shards were counted with a given vocabulary (`--vocab`).
    public let vocabularyGiven: Bool
    let readers: [ArchiveReader]

    /// Whether `path` is a `cooccurrence` archive (false for anything else, including text).
    public static func isShard(_ path: String) -> Bool {
        guard let reader = try? ArchiveReader(path: path) else { return false }
        return reader.kind == CooccurrenceArchive.kind
    }

    /// Opens and checks the shards. Throws `.noInput` for a missing file, `.badData` for a file of
    /// another kind, a damaged one, or shards that cannot be added up.
    public init(paths: [String]) throws {
        precondition(!paths.isEmpty)
        self.paths = paths
        var readers: [ArchiveReader] = []
        var first: (tokens: [String], counts: [Int], options: CooccurrenceOptions, given: Bool)?
        var counts: [Int] = []
        var corpusTokens = 0
        for path in paths {
            let reader = try ArchiveReader(path: path)
            try reader.require(kind: CooccurrenceArchive.kind, supportedVersion: CooccurrenceArchive.formatVersion)
            func bad(_ message: String) -> Failure { Failure(.badData, "\(path): \(message)") }
            guard let config = try reader.config(), config.objectValue != nil else {
                throw bad("the co-occurrence file has no configuration")
            }
            guard let window = config["window"]?.intValue, let symmetric = config["symmetric"]?.boolValue,
                  let scale = config["scale"]?.intValue else { throw bad("the configuration lacks window, symmetric or scale") }
            let options = CooccurrenceOptions(window: window, symmetric: symmetric)
            do { try options.validate() } catch { throw bad("the window \(window) is out of range") }
            guard UInt64(scale) == options.scale else { throw bad("the scale \(scale) does not match the window \(window)") }
            let given = config["vocabulary"]?.stringValue == "given"
            corpusTokens += config["corpus_tokens"]?.intValue ?? 0
            var tokens: [String] = []
            var shardCounts: [Int] = []
            try TokenListTensors.read(reader) { bytes, count in
                tokens.append(String(decoding: bytes, as: UTF8.self))
                shardCounts.append(count)
            }
            let n = try reader.info("pairs.counts").elementCount
            for name in ["pairs.rows", "pairs.columns"] where try reader.info(name).elementCount != n {
                throw bad("'\(name)' and 'pairs.counts' differ in length")
            }
            if let first {
                guard first.options == options else {
                    throw bad("counted with window \(window)\(symmetric ? "" : " asymmetric"), but \(paths[0]) with window "
                        + "\(first.options.window)\(first.options.symmetric ? "" : " asymmetric"): count every shard the same way")
                }
                guard first.tokens == tokens else {
                    throw bad("its vocabulary differs from \(paths[0])'s: count every shard with the same --vocab (from 'vocab build')")
                }
                if !first.given { for i in counts.indices { counts[i] += shardCounts[i] } }
            } else {
                first = (tokens, shardCounts, options, given)
                counts = shardCounts
            }
            readers.append(reader)
        }
        self.readers = readers
        self.options = first!.options
        self.corpusTokens = corpusTokens
        vocabularyGiven = first!.given
        vocabulary = try Vocabulary(tokens: first!.tokens, counts: counts)
    }

    /// The merged counts of all shards, in key order.
    func merged() throws -> CooccurrenceMerger {
        CooccurrenceMerger(try zip(paths, readers).map { try ShardSource(reader: $0.1, path: $0.0, vocabularySize: vocabulary.count) })
    }

    /// Every summed count (for tests and small shards: all in memory).
    public func sortedCounts() throws -> [CooccurrenceEntry] {
        var all: [CooccurrenceEntry] = []
        try merged().forEach { all.append($0) }
        return all
    }
}

/// The pairs of one shard file, checked as they are read: keys strictly increasing, ids inside
/// the vocabulary, counts positive.
final class ShardSource: CooccurrenceSource {
    let reader: ArchiveReader
    let path: String
    let rows: UnsafeBufferPointer<Int32>
    let columns: UnsafeBufferPointer<Int32>
    let counts: UnsafeBufferPointer<UInt64>
    let vocabularySize: Int
    private var index = 0
    private var previous: UInt64?

    init(reader: ArchiveReader, path: String, vocabularySize: Int) throws {
        self.reader = reader
        self.path = path
        rows = try reader.buffer("pairs.rows", as: Int32.self, shape: [nil])
        columns = try reader.buffer("pairs.columns", as: Int32.self, shape: [nil])
        counts = try reader.buffer("pairs.counts", as: UInt64.self, shape: [nil])
        self.vocabularySize = vocabularySize
    }

    func next() throws -> CooccurrenceEntry? {
        guard index < counts.count else { return nil }
        defer { index += 1 }
        let (row, column, count) = (rows[index], columns[index], counts[index])
        guard row >= 0, Int(row) < vocabularySize, column >= 0, Int(column) < vocabularySize else {
            throw Failure(.badData, "\(path): pair \(index) names a word outside the vocabulary")
        }
        let entry = CooccurrenceEntry(row: row, column: column, count: count)
        if let previous, previous >= entry.key {
            throw Failure(.badData, "\(path): the pairs are not sorted by row and column at pair \(index)")
        }
        guard count > 0 else { throw Failure(.badData, "\(path): pair \(index) has a zero count") }
        previous = entry.key
        return entry
    }
}

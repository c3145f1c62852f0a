import Diagnostics
import JSONCore
import Kernels
import ModelArchive
import Randomness
import VocabularyModule

/// A paused training run (`embed-train --checkpoint FILE`, continued with `--resume FILE`): the
/// `embeddings-checkpoint` archive kind, format version 1, written atomically (`AtomicFile`
/// through `ArchiveWriter`), so an interrupted write leaves the previous checkpoint intact.
///
/// It holds everything a run's future depends on besides the corpus, so that with `--threads 1`
/// (or `--deterministic` and any thread count) the resumed run writes the same bytes as a run that
/// was never interrupted:
///
/// - `tokens.utf8`, `tokens.offsets`, `tokens.counts`: the vocabulary (`TokenListTensors`);
/// - `input` F32 [V, D] and `output` F32 [R, D]: the input vectors and the output layer;
/// - per worker (thread, or shard with `--deterministic`) w: `workers.random` U64 [W, 4] (PCG64
///   state high, low, increment high, low), `workers.counters` I64 [W, 6] (cursor, words since the
///   learning rate was set, words, examples, positions, pending sentence length),
///   `workers.loss` F64 [W, 2] (summed loss, published learning rate), `workers.lr` F32 [W]
///   (the learning rate in use), `workers.sentences` I32 [W, max sentence length] (pending words);
/// - `epoch_start.loss` F64 [1]: the summed loss at the start of the current epoch.
///
/// Metadata: `config` (every training setting, `TrainingOptions.json`) and `progress`
/// (`{"position", "total", "corpus_tokens", "epoch_words", "epoch_examples"}`: the global corpus
/// position reached, the spooled ids per epoch, the tokens read, and the words and examples at the
/// start of the current epoch).
public struct TrainingCheckpoint: @unchecked Sendable {
    public static let archiveKind = "embeddings-checkpoint"
    public static let archiveFormatVersion = 1
    static let counterColumns = 6

    /// The settings of the run, as stored in the model file.
    public let config: JSONValue
    public let words: [String]
    public let counts: [Int]
    /// Tokens the corpus had.
    public let tokenCount: Int
    /// Spooled ids per epoch.
    let total: Int
    /// The global corpus position reached (see `TrainingSchedule`).
    public let position: Int
    let epochStart: WorkerProgress
    let states: [WorkerState]
    let input: FloatMatrix
    let output: FloatMatrix

    init(options: TrainingOptions, vocabulary: Vocabulary, tokenCount: Int, total: Int, position: Int,
         epochStart: WorkerProgress, states: [WorkerState], input: FloatMatrix, output: FloatMatrix) {
        config = options.json
        words = vocabulary.tokens
        counts = vocabulary.counts
        self.tokenCount = tokenCount
        self.total = total
        self.position = position
        self.epochStart = epochStart
        self.states = states
        self.input = input
        self.output = output
    }

    /// Writes the checkpoint atomically.
    public func write(to path: String) throws {
        var writer = ArchiveWriter(kind: Self.archiveKind, formatVersion: Self.archiveFormatVersion)
        try TokenListTensors.add(to: &writer, count: words.count,
                                 appendToken: { i, bytes in bytes.append(contentsOf: words[i].utf8) }, countOf: { counts[$0] })
        try writer.add("input", dtype: .f32, shape: [input.rows, input.columns], payload: MatrixPayload(input))
        try writer.add("output", dtype: .f32, shape: [output.rows, output.columns], payload: MatrixPayload(output))
        let w = states.count
        let sentenceLength = states.map(\.sentence.count).max() ?? 0
        try writer.add("workers.random", states.flatMap { [$0.random.state.high, $0.random.state.low,
                                                           $0.random.increment.high, $0.random.increment.low] }, shape: [w, 4])
        try writer.add("workers.counters", states.flatMap { s -> [Int64] in
            [s.cursor, s.wordsSinceRate, s.progress.words, s.progress.examples, s.progress.positions, s.sentence.count].map { Int64($0) }
        }, shape: [w, Self.counterColumns])
        try writer.add("workers.loss", states.flatMap { [$0.progress.loss, $0.progress.learningRate] }, shape: [w, 2])
        try writer.add("workers.lr", states.map(\.learningRate), shape: [w])
        try writer.add("workers.sentences", states.flatMap { $0.sentence + Array(repeating: -1, count: sentenceLength - $0.sentence.count) },
                       shape: [w, sentenceLength])
        try writer.add("epoch_start.loss", [epochStart.loss], shape: [1])
        writer.setConfig(config)
        let progress: JSONValue = ["position": JSONValue(position), "total": JSONValue(total), "corpus_tokens": JSONValue(tokenCount),
                                   "epoch_words": JSONValue(epochStart.words), "epoch_examples": JSONValue(epochStart.examples)]
        writer.metadata["progress"] = progress.jsonText
        try writer.write(to: path)
    }

    /// Reads a checkpoint. Throws `.notFound`/`.io` when it cannot be read and `.badData` naming
    /// the file when it is not an `embeddings-checkpoint` file or is damaged or inconsistent.
    public init(contentsOf path: String) throws {
        let reader = try ArchiveReader(path: path)
        try reader.require(kind: Self.archiveKind, supportedVersion: Self.archiveFormatVersion)
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: path, message) }
        let (words, counts) = try WordVectors.readWords(reader)
        guard let config = try reader.config(), config.objectValue != nil,
              let progress = try reader.metadataJSON("progress"),
              let position = progress["position"]?.intValue, let total = progress["total"]?.intValue,
              let tokenCount = progress["corpus_tokens"]?.intValue, let epochWords = progress["epoch_words"]?.intValue,
              let epochExamples = progress["epoch_examples"]?.intValue, total > 0, position >= 0 else {
            throw bad("the checkpoint's 'config' or 'progress' metadata is missing or incomplete")
        }
        guard let dimension = config["dim"]?.intValue, dimension > 0 else { throw bad("the config has no valid 'dim'") }
        func matrix(_ name: String) throws -> FloatMatrix {
            let info = try reader.info(name)
            guard info.shape.count == 2, info.shape[1] == dimension, info.shape[0] > 0 else {
                throw bad("tensor '\(name)' has shape \(info.shape), expected [rows, \(dimension)]")
            }
            let values = try reader.buffer(name, as: Float.self, shape: [info.shape[0], dimension])
            let result = FloatMatrix(rows: info.shape[0], columns: dimension)
            if let base = values.baseAddress { result.base.update(from: base, count: values.count) }
            return result
        }
        let input = try matrix("input")
        guard input.rows == words.count else { throw bad("'input' has \(input.rows) rows for \(words.count) words") }
        let output = try matrix("output")
        let random = try reader.buffer("workers.random", as: UInt64.self, shape: [nil, 4])
        let w = random.count / 4
        let counters = try reader.buffer("workers.counters", as: Int64.self, shape: [w, Self.counterColumns])
        let loss = try reader.buffer("workers.loss", as: Double.self, shape: [w, 2])
        let lr = try reader.buffer("workers.lr", as: Float.self, shape: [w])
        let sentenceInfo = try reader.info("workers.sentences")
        guard sentenceInfo.shape.count == 2, sentenceInfo.shape[0] == w else { throw bad("'workers.sentences' has the wrong shape") }
        let sentenceLength = sentenceInfo.shape[1]
        let sentences = try reader.buffer("workers.sentences", as: Int32.self, shape: [w, sentenceLength])
        let epochLoss = try reader.buffer("epoch_start.loss", as: Double.self, shape: [1])
        var states: [WorkerState] = []
        for t in 0..<w {
            guard random[4 * t + 3] & 1 == 1 else { throw bad("worker \(t)'s random state is invalid") }
            let c = (0..<Self.counterColumns).map { Int(counters[Self.counterColumns * t + $0]) }
            guard c.allSatisfy({ $0 >= 0 }), c[5] <= sentenceLength else { throw bad("worker \(t)'s counters are invalid") }
            let sentence = (0..<c[5]).map { sentences[sentenceLength * t + $0] }
            guard sentence.allSatisfy({ $0 >= 0 && Int($0) < words.count }) else { throw bad("worker \(t)'s pending words are invalid") }
            states.append(WorkerState(cursor: c[0],
                                      random: PCG64(state: (random[4 * t], random[4 * t + 1]), increment: (random[4 * t + 2], random[4 * t + 3])),
                                      learningRate: lr[t], wordsSinceRate: c[1],
                                      progress: WorkerProgress(positions: c[4], words: c[2], examples: c[3], loss: loss[2 * t],
                                                               learningRate: loss[2 * t + 1]),
                                      sentence: sentence))
        }
        withExtendedLifetime(reader) {}
        self.config = config
        self.words = words
        self.counts = counts
        self.tokenCount = tokenCount
        self.total = total
        self.position = position
        self.epochStart = WorkerProgress(words: epochWords, examples: epochExamples, loss: epochLoss[0])
        self.states = states
        self.input = input
        self.output = output
    }

    /// Checks that a run with `options` on `corpus` continues this checkpoint: `.usage` listing
    /// every setting that differs (the number of threads counts only without `--deterministic`,
    /// whose result does not depend on it), `.badData` when the corpus is not the one the
    /// checkpoint was trained on (another vocabulary, token count or length).
    func check(options: TrainingOptions, corpus: TrainingCorpus) throws {
        let differences = Self.differences(stored: config, options: options)
        if !differences.isEmpty {
            throw Failure(.usage, "the checkpoint was written with other settings: " + differences.joined(separator: ", ")
                + "; resume with the checkpoint's settings")
        }
        guard words == corpus.vocabulary.tokens, counts == corpus.vocabulary.counts, tokenCount == corpus.tokenCount,
              total == corpus.spool.count else {
            throw Failure(.badData, "the input is not the corpus the checkpoint was trained on (its vocabulary has "
                + "\(words.count) words from \(tokenCount) tokens; this input gives \(corpus.vocabulary.count) words from "
                + "\(corpus.tokenCount) tokens): resume with the same input")
        }
        let shares = options.deterministic ? TrainingOptions.deterministicShards : options.threads
        guard states.count == shares, position <= total * options.epochs,
              states.allSatisfy({ $0.sentence.count <= options.maxSentenceLength }) else {
            throw Failure(.badData, "the checkpoint's progress is inconsistent with its settings (\(states.count) workers, "
                + "position \(position))")
        }
    }

    /// Settings recorded in `config` only from some build on, with the value every run had
    /// before: a checkpoint without the key was written with that value.
    static let valuesBeforeRecorded: [String: JSONValue] = ["init_range": JSONValue(0.5)]

    /// Every setting of `options` that differs from the `stored` configuration, as
    /// "--option stored (this run: value)".
    static func differences(stored: JSONValue, options: TrainingOptions) -> [String] {
        let stored = stored.objectValue ?? []
        var differences: [String] = []
        for (key, value) in options.json.objectValue ?? [] {
            let old = stored.first { $0.key == key }?.value ?? valuesBeforeRecorded[key] ?? .null
            if old != value {
                differences.append("--\(String(key.map { $0 == "_" ? "-" : $0 })) \(old.jsonText) (this run: \(value.jsonText))")
            }
        }
        return differences
    }

    /// Copies the stored vectors into the run's matrices; `.badData` when their shapes differ.
    func restore(input: FloatMatrix, output: FloatMatrix) throws {
        guard self.input.rows == input.rows, self.input.columns == input.columns,
              self.output.rows == output.rows, self.output.columns == output.columns else {
            throw Failure(.badData, "the checkpoint's matrices do not fit this run (output layer \(self.output.rows) rows, "
                + "expected \(output.rows))")
        }
        input.base.update(from: self.input.base, count: input.count)
        output.base.update(from: self.output.base, count: output.count)
    }
}

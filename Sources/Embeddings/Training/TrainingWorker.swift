import Kernels
import Randomness

/// What a worker publishes for the progress display, read by the main thread without locks
/// (a stale or torn read only shows an older number).
struct WorkerProgress {
    var positions = 0
    var words = 0
    var examples = 0
    var loss: Double = 0
    var learningRate: Double = 0
}

/// Where a worker (or, with `--deterministic`, a shard) stands: everything besides the shared
/// parameters that its future depends on, so a checkpoint holding it resumes bit for bit.
struct WorkerState: Sendable {
    /// Positions of the worker's range consumed over all epochs (epoch × range count + offset).
    var cursor = 0
    var random: PCG64
    /// The learning rate in use (recomputed every 10,000 words).
    var learningRate: Float
    /// Words since the learning rate was last recomputed.
    var wordsSinceRate = 0
    var progress = WorkerProgress()
    /// Kept words read but not yet trained: the start of a sentence cut by a pause.
    var sentence: [Int32] = []
}

/// One training worker over a fixed range of the spooled corpus: builds sentences of kept words
/// and runs skip-gram or CBOW over them with output layer `Layer` on rows from `Rows`.
///
/// The loop is word2vec.c's (Mikolov et al. 2013a/b): frequent words are subsampled, each centre
/// word draws a window b ∈ 1…window (random window shrinking), the learning rate falls linearly
/// with this worker's progress through its epochs, η(p) = η₀ − (η₀ − η_min)·p, recomputed every
/// 10,000 words. Skip-gram: each context word's input vector is the hidden vector predicting the
/// centre word, and receives the accumulated step. CBOW: the mean of the context vectors predicts
/// the centre word, and every context vector receives the whole step (word2vec.c's `cbow_mean`).
/// Nothing is allocated inside the loop. `advance(to:)` runs up to any position and stops there
/// with its state intact (a pending sentence is kept, not trained), so pausing at a sync point
/// (a checkpoint, a barrier) never changes what is computed.
struct TrainingWorker<Layer: OutputLayer, Rows: RowStore>: @unchecked Sendable {
    var layer: Layer
    let input: Rows
    /// The layer's rows (the same store `layer` writes through), for `refresh`/`publish`.
    let output: Rows
    let dimension: Int
    let method: TrainingMethod
    let window: Int
    let maxSentenceLength: Int
    let keep: UnsafePointer<Float>
    let subsample: Bool
    let remap: UnsafePointer<Int32>?
    let spool: TokenIDSpool
    let range: Range<Int>
    let epochs: Int
    let startRate: Double
    let endRate: Double
    var random: PCG64
    /// Where `state` is published for the progress display (read without locks).
    let progress: UnsafeMutablePointer<WorkerProgress>
    let scratch: WorkerScratch
    var cursor = 0
    var lr: Float
    var wordsSinceRate = 0
    var wordsSincePublish = 0
    var state = WorkerProgress()
    var length = 0

    static var chunkSize: Int { WorkerScratch.chunkSize }

    /// The state to store in a checkpoint.
    var snapshot: WorkerState {
        WorkerState(cursor: cursor, random: random, learningRate: lr, wordsSinceRate: wordsSinceRate, progress: state,
                    sentence: (0..<length).map { Int32(scratch.sentence[$0]) })
    }

    /// Continues from a checkpointed state.
    mutating func restore(_ saved: WorkerState) {
        cursor = saved.cursor
        random = saved.random
        lr = saved.learningRate
        wordsSinceRate = saved.wordsSinceRate
        state = saved.progress
        length = min(saved.sentence.count, maxSentenceLength)
        for i in 0..<length { scratch.sentence[i] = Int(saved.sentence[i]) }
        progress.pointee = state
    }

    /// Trains on the worker's range up to cumulative position `target` (epoch × range count +
    /// offset; at most epochs × range count). At the end of each epoch the pending sentence is
    /// trained, as word2vec.c does at the end of its thread's share.
    mutating func advance(to target: Int) throws {
        let count = range.count
        let chunk = scratch.chunk
        let sentence = scratch.sentence
        let totalPositions = Double(max(1, count * epochs))
        input.refresh()
        output.refresh()
        defer {
            input.publish()
            output.publish()
        }
        while cursor < min(target, count * epochs) {
            let epoch = cursor / count
            let epochEnd = (epoch + 1) * count
            let stop = min(target, epochEnd)
            let position = range.lowerBound + cursor - epoch * count
            let n = try spool.read(at: position, into: chunk, count: min(Self.chunkSize, stop - cursor))
            if n == 0 { break }
            for k in 0..<n {
                let raw = chunk[k]
                if raw == TokenIDSpool.endOfSequence {
                    if length > 0 { train(sentence, length, lr, scratch.gradient, scratch.hidden) }
                    length = 0
                    continue
                }
                let id = raw >= 0 ? (remap.map { Int($0[Int(raw)]) } ?? Int(raw)) : -1
                if id < 0 { continue }
                state.words += 1
                wordsSinceRate += 1
                wordsSincePublish += 1
                if wordsSincePublish >= HotRowCopy.publishInterval {
                    wordsSincePublish = 0
                    input.publish()
                    output.publish()
                }
                if subsample && !(uniform() < keep[id]) { continue }
                sentence[length] = id
                length += 1
                if length == maxSentenceLength {
                    train(sentence, length, lr, scratch.gradient, scratch.hidden)
                    length = 0
                }
                if wordsSinceRate >= 10_000 {
                    wordsSinceRate = 0
                    let p = Double(cursor + k) / totalPositions
                    lr = Float(startRate - (startRate - endRate) * min(1, p))
                    state.positions = cursor + k
                    state.learningRate = Double(lr)
                    progress.pointee = state
                }
            }
            cursor += n
            if cursor == epochEnd {
                if length > 0 { train(sentence, length, lr, scratch.gradient, scratch.hidden) }
                length = 0
            }
        }
        state.positions = cursor
        state.learningRate = Double(lr)
        progress.pointee = state
    }

    /// A uniform Float in [0, 1) from the top 24 bits of one draw.
    @inline(__always)
    mutating func uniform() -> Float {
        Float(random.next() >> 40) * 0x1p-24
    }

    /// One pass of the window over a sentence of vocabulary ids.
    @inline(__always)
    mutating func train(_ sentence: UnsafeMutablePointer<Int>, _ length: Int, _ lr: Float,
                        _ gradient: UnsafeMutablePointer<Float>, _ hidden: UnsafeMutablePointer<Float>) {
        var loss: Float = 0
        var examples = 0
        for i in 0..<length {
            let center = sentence[i]
            let reduced = window - Int(random.next() % UInt64(window))
            let first = max(0, i - reduced)
            let last = min(length - 1, i + reduced)
            if first == last { continue }
            switch method {
            case .skipgram:
                layer.beginCenter(center, random: &random)
                for j in first...last where j != i {
                    let context = input.row(sentence[j])
                    Vector.zero(gradient, count: dimension)
                    loss += layer.update(hidden: context, gradient: gradient, target: center, lr: lr, random: &random)
                    Vector.axpy(1, gradient, context, count: dimension)
                    examples += 1
                }
            case .cbow:
                Vector.zero(hidden, count: dimension)
                for j in first...last where j != i {
                    Vector.axpy(1, input.row(sentence[j]), hidden, count: dimension)
                }
                Vector.scale(hidden, by: 1 / Float(last - first), count: dimension)
                Vector.zero(gradient, count: dimension)
                loss += layer.update(hidden: hidden, gradient: gradient, target: center, lr: lr, random: &random)
                for j in first...last where j != i {
                    Vector.axpy(1, gradient, input.row(sentence[j]), count: dimension)
                }
                examples += 1
            }
        }
        state.loss += Double(loss)
        state.examples += examples
    }
}

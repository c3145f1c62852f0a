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

/// One training thread: reads its fixed share of the spooled corpus each epoch, builds sentences
/// of kept words, and runs skip-gram or CBOW over them with output layer `Layer`.
///
/// The loop is word2vec.c's (Mikolov et al. 2013a/b): frequent words are subsampled, each centre
/// word draws a window b ∈ 1…window (random window shrinking), the learning rate falls linearly
/// with this worker's progress through its epochs, η(p) = η₀ − (η₀ − η_min)·p, recomputed every
/// 10,000 words. Skip-gram: each context word's input vector is the hidden vector predicting the
/// centre word, and receives the accumulated step. CBOW: the mean of the context vectors predicts
/// the centre word, and every context vector receives the whole step (word2vec.c's `cbow_mean`).
/// Nothing is allocated inside the loop; parameters are shared with the other workers (Hogwild).
/// At the end of each epoch the worker publishes its progress and waits at the `EpochBarrier`.
struct TrainingWorker<Layer: OutputLayer>: @unchecked Sendable {
    var layer: Layer
    let input: SharedRows
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
    let progress: UnsafeMutablePointer<WorkerProgress>
    let barrier: EpochBarrier

    static var chunkSize: Int { 1 << 16 }

    /// Returns the number of epochs finished (fewer than `epochs` when the run was cancelled).
    @discardableResult
    mutating func run() throws -> Int {
        let chunk = UnsafeMutablePointer<Int32>.allocate(capacity: Self.chunkSize)
        let sentence = UnsafeMutablePointer<Int>.allocate(capacity: maxSentenceLength)
        let gradient = UnsafeMutablePointer<Float>.allocate(capacity: dimension)
        let hidden = UnsafeMutablePointer<Float>.allocate(capacity: dimension)
        defer {
            chunk.deallocate()
            sentence.deallocate()
            gradient.deallocate()
            hidden.deallocate()
        }
        let totalPositions = Double(max(1, range.count * epochs))
        var state = WorkerProgress()
        var lr = Float(startRate)
        var wordsSinceRate = 0
        for epoch in 0..<epochs {
            var position = range.lowerBound
            var length = 0
            while position < range.upperBound {
                let n = try spool.read(at: position, into: chunk, count: min(Self.chunkSize, range.upperBound - position))
                if n == 0 { break }
                for k in 0..<n {
                    let raw = chunk[k]
                    if raw == TokenIDSpool.endOfSequence {
                        if length > 0 { train(sentence, length, lr, gradient, hidden, &state) }
                        length = 0
                        continue
                    }
                    let id = raw >= 0 ? (remap.map { Int($0[Int(raw)]) } ?? Int(raw)) : -1
                    if id < 0 { continue }
                    state.words += 1
                    wordsSinceRate += 1
                    if subsample && !(uniform() < keep[id]) { continue }
                    sentence[length] = id
                    length += 1
                    if length == maxSentenceLength {
                        train(sentence, length, lr, gradient, hidden, &state)
                        length = 0
                    }
                    if wordsSinceRate >= 10_000 {
                        wordsSinceRate = 0
                        let p = Double(epoch * range.count + (position + k - range.lowerBound)) / totalPositions
                        lr = Float(startRate - (startRate - endRate) * min(1, p))
                        state.positions = epoch * range.count + position + k - range.lowerBound
                        state.learningRate = Double(lr)
                        progress.pointee = state
                    }
                }
                position += n
            }
            if length > 0 { train(sentence, length, lr, gradient, hidden, &state) }
            state.positions = (epoch + 1) * range.count
            state.learningRate = Double(lr)
            progress.pointee = state
            if !barrier.arrive(lastEpoch: epoch == epochs - 1) { return epoch + 1 }
        }
        return epochs
    }

    /// A uniform Float in [0, 1) from the top 24 bits of one draw.
    @inline(__always)
    mutating func uniform() -> Float {
        Float(random.next() >> 40) * 0x1p-24
    }

    /// One pass of the window over a sentence of vocabulary ids.
    @inline(__always)
    mutating func train(_ sentence: UnsafeMutablePointer<Int>, _ length: Int, _ lr: Float,
                        _ gradient: UnsafeMutablePointer<Float>, _ hidden: UnsafeMutablePointer<Float>,
                        _ state: inout WorkerProgress) {
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

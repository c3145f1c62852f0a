import Kernels
import Randomness

/// The read-only tables of the output layers, pinned for the workers' raw pointers.
final class LayerTables: @unchecked Sendable {
    let sigmoid: Sigmoid
    let noiseThreshold: PinnedBuffer<UInt32>?
    let noiseAlias: PinnedBuffer<Int32>?
    let codes: PinnedBuffer<UInt8>?
    let points: PinnedBuffer<Int32>?
    let offsets: PinnedBuffer<Int32>?
    /// The longest Huffman path (0 without hierarchical softmax).
    let longestPath: Int

    init(options: TrainingOptions, corpus: TrainingCorpus, tree: HuffmanTree?) {
        sigmoid = Sigmoid(mode: options.sigmoid)
        if options.loss == .ns {
            let noise = NoiseDistribution(counts: corpus.counts, exponent: options.noiseExponent)
            noiseThreshold = PinnedBuffer(noise.threshold)
            noiseAlias = PinnedBuffer(noise.alias)
        } else {
            noiseThreshold = nil
            noiseAlias = nil
        }
        codes = tree.map { PinnedBuffer($0.codes) }
        points = tree.map { PinnedBuffer($0.points) }
        offsets = tree.map { PinnedBuffer($0.offsets) }
        longestPath = tree.map { t in zip(t.offsets.dropFirst(), t.offsets).map { Int($0 - $1) }.max() ?? 0 } ?? 0
    }
}

/// The buffers one worker owns: a chunk of spooled ids, the sentence, the hidden vector and its
/// step, the layer's scratch (noise words, softmax scores) and the row pointers and labels of one
/// example's logistic terms. Each buffer starts on its own 64-byte line and fills whole lines, so
/// workers writing their scratch never share a cache line (no false sharing).
final class WorkerScratch: @unchecked Sendable {
    /// Ids read from the spool at a time.
    static let chunkSize = 1 << 16
    let chunk: UnsafeMutablePointer<Int32>
    let sentence: UnsafeMutablePointer<Int>
    let gradient: UnsafeMutablePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    let layer: UnsafeMutableRawPointer
    let termRows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    let termLabels: UnsafeMutablePointer<Float>

    static func lines<T>(_ count: Int, of: T.Type) -> UnsafeMutablePointer<T> {
        let bytes = (max(1, count) * MemoryLayout<T>.stride + 63) / 64 * 64
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64).bindMemory(to: T.self, capacity: count)
    }

    init(dimension: Int, maxSentenceLength: Int, layerBytes: Int, terms: Int) {
        chunk = Self.lines(Self.chunkSize, of: Int32.self)
        sentence = Self.lines(maxSentenceLength, of: Int.self)
        gradient = Self.lines(dimension, of: Float.self)
        hidden = Self.lines(dimension, of: Float.self)
        layer = UnsafeMutableRawPointer(Self.lines(max(8, layerBytes), of: UInt8.self))
        termRows = Self.lines(terms, of: UnsafeMutablePointer<Float>.self)
        termLabels = Self.lines(terms, of: Float.self)
    }

    deinit {
        chunk.deallocate()
        sentence.deallocate()
        gradient.deallocate()
        hidden.deallocate()
        layer.deallocate()
        termRows.deallocate()
        termLabels.deallocate()
    }
}

/// A worker seen from the drivers (the Hogwild threads, the deterministic shards), whatever its
/// layer and row store. The calls are closures made inside the specialised `WorkerFactory.box`:
/// a protocol witness of a generic class would run the unspecialised training loop (every row
/// access and layer call through witness tables, measured 2x slower).
final class WorkerHandle: @unchecked Sendable {
    /// See `TrainingWorker.advance(to:)`.
    let advance: (Int) throws -> Void
    let snapshot: () -> WorkerState
    let restoring: (WorkerState) -> Void

    init(advance: @escaping (Int) throws -> Void, snapshot: @escaping () -> WorkerState,
         restoring: @escaping (WorkerState) -> Void) {
        self.advance = advance
        self.snapshot = snapshot
        self.restoring = restoring
    }

    func advance(to target: Int) throws { try advance(target) }
    /// Its state, read while it is paused.
    var state: WorkerState { snapshot() }
    func restore(_ state: WorkerState) { restoring(state) }
}

/// Holds one `TrainingWorker` for the closures of its `WorkerHandle`.
final class WorkerBox<Layer: OutputLayer, Rows: RowStore>: @unchecked Sendable {
    var worker: TrainingWorker<Layer, Rows>
    init(_ worker: TrainingWorker<Layer, Rows>) { self.worker = worker }
}

/// What every worker of a run shares: the options, the layer tables, the subsampling and
/// remapping tables and the spool. `makeWorker` builds the worker the options ask for over the
/// given rows and share of the corpus.
struct WorkerFactory: @unchecked Sendable {
    let options: TrainingOptions
    let tables: LayerTables
    let keep: PinnedBuffer<Float>
    let remap: PinnedBuffer<Int32>?
    let spool: TokenIDSpool

    func makeWorker<Rows: RowStore>(input: Rows, output: Rows, range: Range<Int>, random: PCG64,
                                    progress: UnsafeMutablePointer<WorkerProgress>) -> WorkerHandle {
        let d = options.dimension
        switch options.loss {
        case .ns:
            let scratch = WorkerScratch(dimension: d, maxSentenceLength: options.maxSentenceLength,
                                        layerBytes: options.negative * MemoryLayout<Int>.stride, terms: options.negative + 1)
            var layer = NegativeSamplingLayer(output: output, dimension: d, negative: options.negative,
                                              noiseThreshold: tables.noiseThreshold!.base, noiseAlias: tables.noiseAlias!.base,
                                              noiseCount: UInt64(tables.noiseAlias!.count),
                                              noise: scratch.layer.bindMemory(to: Int.self, capacity: options.negative),
                                              kernel: kernel(scratch))
            layer.sharePerCenter = options.shareNegatives && options.method == .skipgram
            return box(layer, input: input, output: output, scratch: scratch, range: range, random: random, progress: progress)
        case .hs:
            let scratch = WorkerScratch(dimension: d, maxSentenceLength: options.maxSentenceLength, layerBytes: 0,
                                        terms: tables.longestPath)
            let layer = HierarchicalSoftmaxLayer(output: output, dimension: d, codes: tables.codes!.base,
                                                 points: tables.points!.base, offsets: tables.offsets!.base,
                                                 kernel: kernel(scratch))
            return box(layer, input: input, output: output, scratch: scratch, range: range, random: random, progress: progress)
        case .softmax:
            let v = keep.count
            let scratch = WorkerScratch(dimension: d, maxSentenceLength: options.maxSentenceLength,
                                        layerBytes: v * MemoryLayout<Float>.stride, terms: 0)
            let layer = FullSoftmaxLayer(output: output, dimension: d, vocabularySize: v,
                                         scores: scratch.layer.bindMemory(to: Float.self, capacity: v))
            return box(layer, input: input, output: output, scratch: scratch, range: range, random: random, progress: progress)
        }
    }

    /// The logistic terms' kernel over a worker's scratch, with the copy the options chose.
    private func kernel(_ scratch: WorkerScratch) -> LogisticKernel {
        LogisticKernel(avx2: options.vectorKernels.usesAVX2, sigmoid: tables.sigmoid, rows: scratch.termRows,
                       labels: scratch.termLabels)
    }

    private func box<Layer: OutputLayer, Rows: RowStore>(_ layer: Layer, input: Rows, output: Rows, scratch: WorkerScratch, range: Range<Int>,
                                                        random: PCG64, progress: UnsafeMutablePointer<WorkerProgress>)
        -> WorkerHandle {
        let box = WorkerBox(TrainingWorker(layer: layer, input: input, output: output, dimension: options.dimension, method: options.method,
                                 window: options.window, maxSentenceLength: options.maxSentenceLength,
                                 keep: keep.base, subsample: options.sample > 0, remap: remap.map { UnsafePointer($0.base) },
                                 spool: spool, range: range, epochs: options.epochs,
                                 startRate: options.startLearningRate, endRate: options.endLearningRate,
                                 random: random, progress: progress, scratch: scratch,
                                 lr: Float(options.startLearningRate)))
        // The worker trains as a copy in the calling thread's stack frame, written back when it
        // pauses: its fields (the random state, the running loss) are stored on every step, as
        // the layers write through raw pointers the compiler cannot tell apart from them, and
        // two workers' boxes, allocated one after the other, can share a cache line (false
        // sharing between the threads).
        return WorkerHandle(advance: { target in
                                var worker = box.worker
                                defer { box.worker = worker }
                                try worker.advance(to: target)
                            },
                            snapshot: { box.worker.snapshot },
                            restoring: { box.worker.restore($0) })
    }
}

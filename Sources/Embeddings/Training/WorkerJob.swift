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
    }
}

/// Everything one worker thread needs; `run` builds the layer the options ask for and runs the
/// generic worker specialised for it.
struct WorkerJob: @unchecked Sendable {
    let options: TrainingOptions
    let tables: LayerTables
    let input: SharedRows
    let output: SharedRows
    let keep: PinnedBuffer<Float>
    let remap: PinnedBuffer<Int32>?
    let spool: TokenIDSpool
    let range: Range<Int>
    let random: PCG64
    let progress: UnsafeMutablePointer<WorkerProgress>
    let barrier: EpochBarrier

    func run() throws {
        let d = options.dimension
        switch options.loss {
        case .ns:
            let noise = UnsafeMutablePointer<Int>.allocate(capacity: options.negative)
            defer { noise.deallocate() }
            var layer = NegativeSamplingLayer(output: output, dimension: d, negative: options.negative, sigmoid: tables.sigmoid,
                                              noiseThreshold: tables.noiseThreshold!.base, noiseAlias: tables.noiseAlias!.base,
                                              noiseCount: UInt64(tables.noiseAlias!.count), noise: noise)
            layer.sharePerCenter = options.shareNegatives && options.method == .skipgram
            try run(layer)
        case .hs:
            try run(HierarchicalSoftmaxLayer(output: output, dimension: d, sigmoid: tables.sigmoid, codes: tables.codes!.base,
                                             points: tables.points!.base, offsets: tables.offsets!.base))
        case .softmax:
            let v = keep.count
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: v)
            defer { scores.deallocate() }
            try run(FullSoftmaxLayer(output: output, dimension: d, vocabularySize: v, scores: scores))
        }
    }

    func run<Layer: OutputLayer>(_ layer: Layer) throws {
        var worker = TrainingWorker(layer: layer, input: input, dimension: options.dimension, method: options.method,
                                    window: options.window, maxSentenceLength: options.maxSentenceLength,
                                    keep: keep.base, subsample: options.sample > 0, remap: remap.map { UnsafePointer($0.base) },
                                    spool: spool, range: range, epochs: options.epochs,
                                    startRate: options.startLearningRate, endRate: options.endLearningRate,
                                    random: random, progress: progress, barrier: barrier)
        try worker.run()
    }
}

import Kernels
import Randomness

/// W, W̃, the biases and their AdaGrad accumulators for a vocabulary of V words: 2V rows in one
/// 64-byte-aligned block (word i is row i, context j is row V + j), laid out by `GloVeRowLayout`.
/// Starts as `glove.c` does: every vector component and bias uniform in [−0.5, 0.5)/d, every
/// accumulator 1. The start depends on the seed only (PCG64 from SeedSequence(seed, spawn key
/// [2³²−1]), row by row), never on the thread count.
final class GloVeParameters: @unchecked Sendable {
    let layout: GloVeRowLayout
    let vocabularySize: Int
    let storage: FloatMatrix

    init(vocabularySize: Int, dimension: Int, seed: UInt64) {
        layout = GloVeRowLayout(dimension: dimension)
        self.vocabularySize = vocabularySize
        storage = FloatMatrix(rows: 2 * vocabularySize, columns: layout.stride)
        var random = PCG64(seedSequence: SeedSequence(seed, spawnKey: [UInt32.max]))
        let scale = 1 / Float(dimension)
        func uniform() -> Float { (Float(random.next() >> 40) * 0x1p-24 - 0.5) * scale }
        for r in 0..<2 * vocabularySize {
            let row = storage.row(r)
            for k in 0..<dimension { row[k] = uniform() }
            // The padding's accumulators too: its zero steps divide by √G.
            for k in 0..<layout.padded { row[layout.accumulators + k] = 1 }
            row[layout.bias] = uniform()
            row[layout.biasAccumulator] = 1
        }
    }

    @inline(__always) func word(_ i: Int32) -> UnsafeMutablePointer<Float> { storage.base + Int(i) * layout.stride }
    @inline(__always) func context(_ j: Int32) -> UnsafeMutablePointer<Float> {
        storage.base + (vocabularySize + Int(j)) * layout.stride
    }

    /// The vectors `kind` asks for, one row per word (d columns, 2d for `concat`).
    func vectors(_ kind: GloVeVectorOutput) -> FloatMatrix {
        let d = layout.dimension
        let out = FloatMatrix(rows: vocabularySize, columns: kind == .concat ? 2 * d : d)
        for i in 0..<vocabularySize {
            let w = storage.row(i)
            let c = storage.row(vocabularySize + i)
            let o = out.row(i)
            switch kind {
            case .word: o.update(from: w, count: d)
            case .context: o.update(from: c, count: d)
            case .sum: for k in 0..<d { o[k] = w[k] + c[k] }
            case .concat:
                o.update(from: w, count: d)
                (o + d).update(from: c, count: d)
            }
        }
        return out
    }

    /// The biases of the words (rows 0..<V) or of the contexts.
    func biases(context: Bool) -> [Float] {
        (0..<vocabularySize).map { storage.row((context ? vocabularySize : 0) + $0)[layout.bias] }
    }
}

import Kernels
import Neural
import Randomness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The softmax's rows (and in backward db's columns) split among threads give the same bits as
/// one thread: each element's terms do not depend on the split, and the loss adds the rows' terms
/// in row order.
@Suite struct SoftmaxThreadsTests {
    func layer(threads: Int) -> SoftmaxOutput<Float> {
        let output = SoftmaxOutput<Float>(vocabularySize: 37, inputSize: 5)
        var generator = PCG64(seed: 3)
        for p in [output.weight, output.bias] {
            for i in 0..<p.value.count { p.value.base[i] = Float(Double(generator.next() >> 11) * 0x1p-53 * 4 - 2) }
        }
        output.threads = threads
        return output
    }

    @Test(arguments: [2, 3, 8])
    func rowsSplitAmongThreadsGiveTheSameBits(threads: Int) {
        var generator = PCG64(seed: 4)
        let rows = 61
        let a = Matrix<Float>(rows: rows, columns: 5, values: (0..<(rows * 5)).map { _ in Float(Double(generator.next() >> 11) * 0x1p-53 - 0.5) })
        let targets = (0..<rows).map { _ in Int32(generator.next() % 37) }
        let one = layer(threads: 1), many = layer(threads: threads)
        #expect(one.forward(a, targets: targets) == many.forward(a, targets: targets))
        #expect(one.probabilities.toArray() == many.probabilities.toArray())
        #expect(one.backward(scale: 0.5).toArray() == many.backward(scale: 0.5).toArray())
        #expect(one.weight.gradient.toArray() == many.weight.gradient.toArray())
        #expect(one.bias.gradient.toArray() == many.bias.gradient.toArray())
        #expect(one.logProbabilities(a).toArray() == many.logProbabilities(a).toArray())
        // log ŷ rows are normalised.
        let logs = many.logProbabilities(a)
        for r in [0, 30, 60] {
            let total = (0..<37).reduce(0.0) { $0 + Double(expf(logs[r, $1])) }
            #expect(abs(total - 1) < 1e-5)
        }
    }
}

import Kernels
import Neural
import Randomness
import Testing

/// Zeroing, the global norm, clipping and the optimizers' updates split every tensor among
/// threads (`ParameterSweep`): the same bits as one thread, and the values the equations give.
@Suite struct ParameterSweepTests {
    /// A network of about 240k parameters (above the size where the passes split), tensors of
    /// sizes that are not multiples of the 4096-element parts, with random values and gradients.
    func network(seed: UInt64) -> RecurrentNetwork<Float> {
        var configuration = NetworkConfiguration()
        configuration.vocabularySize = 1001
        configuration.embedSize = 37
        configuration.hiddenSize = 53
        configuration.layers = 2
        let network = RecurrentNetwork<Float>(configuration)
        var generator = PCG64(seed: seed)
        for p in network.parameters {
            for i in 0..<p.value.count {
                p.value.base[i] = Float(Double(generator.next() >> 11) * 0x1p-53 - 0.5)
                p.gradient.base[i] = Float(Double(generator.next() >> 11) * 0x1p-53 * 2 - 1)
            }
        }
        return network
    }

    func values(_ network: RecurrentNetwork<Float>) -> [[Float]] { network.parameters.map { $0.value.toArray() } }
    func gradients(_ network: RecurrentNetwork<Float>) -> [[Float]] { network.parameters.map { $0.gradient.toArray() } }

    @Test func theNetworkIsLargeEnoughToSplit() {
        #expect(network(seed: 1).parameters.reduce(0) { $0 + $1.value.count } >= 1 << 17)
    }

    @Test(arguments: [2, 3])
    func clippingGivesTheSameBitsAndTheGlobalNorm(threads: Int) {
        let one = network(seed: 1), many = network(seed: 1)
        var squares = 0.0
        for p in one.parameters { for i in 0..<p.gradient.count { squares += Double(p.gradient.base[i]) * Double(p.gradient.base[i]) } }
        let before = gradients(one)
        let norm = GradientClipping.clip(one.parameters, maxNorm: 5)
        #expect(GradientClipping.clip(many.parameters, maxNorm: 5, threads: threads) == norm)
        // Float32 lanes within each block of 4096, the blocks added in Float64.
        #expect(abs(norm - squares.squareRoot()) <= 1e-7 * norm)
        #expect(gradients(one) == gradients(many))
        // Every element was scaled by 5/‖g‖ (the norm is far above 5 here).
        let scale = Float(5 / norm)
        #expect(zip(before, gradients(many)).allSatisfy { zip($0, $1).allSatisfy { $0 * scale == $1 } })
        #expect(abs(GradientClipping.globalNorm(many.parameters, threads: threads) - 5) < 1e-4)
    }

    @Test(arguments: [2, 3])
    func sgdGivesTheSameBitsAndTheUpdate(threads: Int) {
        let one = network(seed: 2), many = network(seed: 2)
        let before = values(one), g = gradients(one)
        let scales = one.rateScales(recurrentBiases: 2)
        SGD().step(one.parameters, learningRate: 0.25, rateScales: scales)
        let sgd = SGD()
        sgd.threads = threads
        sgd.step(many.parameters, learningRate: 0.25, rateScales: scales)
        #expect(values(one) == values(many))
        for k in before.indices {
            let rate = Float(-0.25 * scales[k])
            #expect(zip(zip(before[k], g[k]), values(many)[k]).allSatisfy { $0.0 + rate * $0.1 == $1 })
        }
    }

    @Test(arguments: [2, 3])
    func adamGivesTheSameBits(threads: Int) {
        let one = network(seed: 3), many = network(seed: 3)
        let first = Adam(), second = Adam()
        second.threads = threads
        for _ in 0..<3 {
            first.step(one.parameters, learningRate: 0.01)
            second.step(many.parameters, learningRate: 0.01)
        }
        #expect(values(one) == values(many))
        #expect(first.firstMoments == second.firstMoments && first.secondMoments == second.secondMoments)
        // The first step moves every parameter by rate·g/(|g| + ε) (m̂ = g, √v̂ = |g|), which
        // also checks that each tensor's moments sit at its own offset.
        let fresh = network(seed: 3), start = values(fresh), g = gradients(fresh)
        let adam = Adam()
        adam.threads = threads
        adam.step(fresh.parameters, learningRate: 0.01)
        for k in start.indices {
            let updated = values(fresh)[k]
            var worst = 0.0
            for i in updated.indices {
                let gradient = Double(g[k][i])
                let expected = Double(start[k][i]) - 0.01 * gradient / (abs(gradient) + 1e-8)
                worst = max(worst, abs(expected - Double(updated[i])))
            }
            #expect(worst < 1e-7, "tensor \(k): off by \(worst)")
        }
    }

    @Test(arguments: [1, 2, 3])
    func zeroingClearsEveryGradient(threads: Int) {
        let network = network(seed: 4)
        network.zeroGradients(threads: threads)
        #expect(gradients(network).allSatisfy { $0.allSatisfy { $0 == 0 } })
    }
}

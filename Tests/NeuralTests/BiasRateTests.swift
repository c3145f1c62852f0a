import Kernels
import Neural
import Randomness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `rateScales(recurrentBiases: 2)` trains the course's single bias per gate exactly as PyTorch
/// trains nn.LSTM's two (b_ih + b_hh, the same gradient for both). Golden losses from PyTorch 2.13
/// in float64, scripts/golden/pytorch_two_biases.py: the same 2-layer LSTM language model and
/// starting function, one fixed batch, 4 steps of Adam or SGD without clipping.
@Suite struct BiasRateTests {
    static let golden: [String: [Double]] = [
        "adam": [5.432418117040155, 5.424284247079138, 5.416650579497746, 5.409235207564126, 5.401772129706892],
        "sgd": [5.432418117040155, 5.407622460816429, 5.393071742599454, 5.384359325268412, 5.378941659522193],
    ]
    static let inputs: [Int32] = [0, 3, 1, 4, 5, 2], targets: [Int32] = [3, 1, 4, 5, 2, 0]

    /// The script's network: element i of parameter tensor k is 0.3 sin(1.7 i + 0.9 k).
    func network() -> RecurrentNetwork<Double> {
        var configuration = NetworkConfiguration()
        configuration.vocabularySize = 6
        configuration.embedSize = 3
        configuration.hiddenSize = 4
        configuration.layers = 2
        let network = RecurrentNetwork<Double>(configuration)
        for (k, p) in network.parameters.enumerated() {
            for i in 0..<p.value.count { p.value.base[i] = 0.3 * sin(1.7 * Double(i) + 0.9 * Double(k)) }
        }
        return network
    }

    /// The loss before each of 4 steps and after the last (the state zero each time; the loss
    /// summed over the steps, divided by the 2 streams).
    func losses(_ optimizer: String, biasScale: Double) -> [Double] {
        let network = network()
        let parameters = network.parameters
        let scales = network.rateScales(recurrentBiases: biasScale)
        let step: any Optimizer = optimizer == "adam" ? Adam() : SGD()
        let rate = optimizer == "adam" ? 0.01 : 0.5
        var result: [Double] = []
        for round in 0..<5 {
            network.resetState(batch: 2)
            network.zeroGradients()
            var masks = PCG64(seed: 1)
            result.append(network.loss(inputs: Self.inputs, targets: Self.targets, steps: 3, batch: 2, dropout: &masks) / 2)
            if round == 4 { break }
            network.backward(scale: 0.5)
            step.step(parameters, learningRate: rate, rateScales: scales)
        }
        return result
    }

    @Test func onlyTheRecurrentLayersBiasesAreScaled() {
        let network = network()
        let scaled = zip(network.parameters, network.rateScales(recurrentBiases: 2)).filter { $0.1 == 2 }.map(\.0.name)
        #expect(scaled == ["layers.0.bias", "layers.1.bias"])
        #expect(network.rateScales(recurrentBiases: 2).count == network.parameters.count)
    }

    @Test(arguments: ["adam", "sgd"])
    func scaleTwoFollowsPyTorchsTwoBiases(_ optimizer: String) {
        let ours = losses(optimizer, biasScale: 2), theirs = Self.golden[optimizer]!
        for (a, b) in zip(ours, theirs) { #expect(abs(a - b) <= 1e-12 * b, "\(optimizer): \(ours) vs \(theirs)") }
        // One rate for all parameters is a different trajectory after the first step.
        let plain = losses(optimizer, biasScale: 1)
        #expect(plain[0] == ours[0])
        #expect(abs(plain[4] - theirs[4]) > 1e-6, "\(optimizer): \(plain)")
    }

    @Test(arguments: ["adam", "sgd"])
    func allOnesIsThePlainStep(_ optimizer: String) {
        let a = network(), b = network()
        for net in [a, b] {
            net.resetState(batch: 2)
            var masks = PCG64(seed: 1)
            _ = net.loss(inputs: Self.inputs, targets: Self.targets, steps: 3, batch: 2, dropout: &masks)
            net.backward(scale: 0.5)
        }
        let first: any Optimizer = optimizer == "adam" ? Adam() : SGD(), second: any Optimizer = optimizer == "adam" ? Adam() : SGD()
        first.step(a.parameters, learningRate: 0.01)
        second.step(b.parameters, learningRate: 0.01, rateScales: b.rateScales(recurrentBiases: 1))
        for (p, q) in zip(a.parameters, b.parameters) { #expect(p.value.toArray() == q.value.toArray(), "\(p.name)") }
    }
}

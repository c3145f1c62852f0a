import Decoding
import Foundation
import Randomness
import Testing

/// A scorer with a fixed next-token distribution that depends only on the last token fed, so the
/// tests know every probability exactly.
struct TableScorer: StepScorer {
    /// table[last][next] = P(next | last).
    let table: [[Double]]
    var last = 0
    var vocabularySize: Int { table.count }
    mutating func reset() { last = 0 }
    mutating func feed(_ token: Int, logProbabilities: UnsafeMutableBufferPointer<Double>) {
        last = token
        for i in 0..<table.count { logProbabilities[i] = log(table[token][i]) }
    }
}

@Suite struct SamplingTests {
    static let table: [[Double]] = [
        [0.05, 0.5, 0.3, 0.15],
        [0.3, 0.1, 0.4, 0.2],
        [0.25, 0.25, 0.2, 0.3],
        [0.7, 0.1, 0.1, 0.1],
    ]

    func draw(_ options: SamplingOptions, seed: UInt64, excluding: Set<Int> = [], length: Int = 30) -> GeneratedSequence {
        var scorer = TableScorer(table: Self.table)
        var sampler = TokenSampler(options: options)
        var generator = PCG64(seed: seed)
        return Generation.sample(&scorer, context: [0], stop: nil, maximumLength: length, excluding: excluding,
                                 sampler: &sampler, generator: &generator)
    }

    @Test func sameSeedSameSequence() {
        let a = draw(SamplingOptions(), seed: 4), b = draw(SamplingOptions(), seed: 4), c = draw(SamplingOptions(), seed: 5)
        #expect(a == b)
        #expect(a.tokens != c.tokens)
    }

    /// As the temperature goes to 0 the draw becomes the argmax: the greedy path is 0 → 1 → 2 → 3 → 0 …
    @Test func lowTemperatureEqualsGreedy() {
        var greedy = SamplingOptions()
        greedy.greedy = true
        var cold = SamplingOptions()
        cold.temperature = 1e-4
        let expected = draw(greedy, seed: 1)
        #expect(Array(expected.tokens.prefix(4)) == [1, 2, 3, 0])
        for seed in 1...5 { #expect(draw(cold, seed: UInt64(seed)).tokens == expected.tokens) }
        var topOne = SamplingOptions()
        topOne.topK = 1
        #expect(draw(topOne, seed: 9).tokens == expected.tokens)
    }

    /// The log-probability is the model's own: Σ log P of the drawn tokens.
    @Test func logProbabilityIsTheSumOfTheDrawnTokens() {
        let drawn = draw(SamplingOptions(), seed: 12, length: 10)
        var last = 0, expected = 0.0
        for token in drawn.tokens {
            expected += log(Self.table[last][token])
            last = token
        }
        #expect(abs(drawn.logProbability - expected) < 1e-12)
    }

    /// Draw frequencies follow the distribution (and its tempered, cut and excluded versions):
    /// 40000 single draws from state 0, each frequency within 4 standard errors.
    @Test func frequenciesFollowTheDistribution() {
        func frequencies(_ options: SamplingOptions, excluding: Set<Int> = []) -> [Double] {
            var sampler = TokenSampler(options: options)
            var generator = PCG64(seed: 77)
            let logs = Self.table[0].map { log($0) }
            var counts = [0, 0, 0, 0]
            let n = 40000
            logs.withUnsafeBufferPointer { buffer in
                for _ in 0..<n { counts[sampler.choose(buffer, excluding: excluding, generator: &generator)!] += 1 }
            }
            return counts.map { Double($0) / Double(n) }
        }
        func close(_ observed: [Double], _ expected: [Double]) {
            for (o, e) in zip(observed, expected) {
                let se = (e * (1 - e) / 40000).squareRoot()
                #expect(abs(o - e) <= 4 * se + 1e-12, "observed \(observed), expected \(expected)")
            }
        }
        let p = Self.table[0]
        close(frequencies(SamplingOptions()), p)
        var hot = SamplingOptions()
        hot.temperature = 2
        let tempered = p.map { $0.squareRoot() }, total = tempered.reduce(0, +)
        close(frequencies(hot), tempered.map { $0 / total })
        var topTwo = SamplingOptions()
        topTwo.topK = 2
        close(frequencies(topTwo), [0, 0.5 / 0.8, 0.3 / 0.8, 0])
        var nucleus = SamplingOptions()
        nucleus.topP = 0.85  // 0.5 + 0.3 = 0.8 < 0.85, so 0.15 joins
        close(frequencies(nucleus), [0, 0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95])
        close(frequencies(SamplingOptions(), excluding: [1]), [0.05 / 0.5, 0, 0.3 / 0.5, 0.15 / 0.5])
    }

    @Test func stopTokenEndsTheSequence() {
        var scorer = TableScorer(table: Self.table)
        var greedy = SamplingOptions()
        greedy.greedy = true
        var sampler = TokenSampler(options: greedy)
        var generator = PCG64(seed: 1)
        let drawn = Generation.sample(&scorer, context: [0], stop: 3, maximumLength: 50, sampler: &sampler, generator: &generator)
        #expect(drawn.tokens == [1, 2])
        #expect(drawn.stopped)
        #expect(abs(drawn.logProbability - (log(0.5) + log(0.4) + log(0.3))) < 1e-12)
    }

    @Test func invalidOptionsAreNamed() {
        var options = SamplingOptions()
        options.temperature = 0
        #expect(options.validate() != nil)
        options = SamplingOptions()
        options.topP = 1.5
        #expect(options.validate() != nil)
        #expect(SamplingOptions().validate() == nil)
    }
}

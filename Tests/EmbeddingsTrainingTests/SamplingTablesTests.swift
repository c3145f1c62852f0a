import Randomness
import Testing
@testable import Embeddings

/// The noise distribution, subsampling and the sigmoid table.
struct SamplingTablesTests {
    @Test func noiseTableImplementsUnigramToThePower() {
        let counts = [1000, 100, 10, 0, 1, 50, 3]
        let noise = NoiseDistribution(counts: counts, exponent: 0.75)
        let weights = counts.map { $0 > 0 ? pow(Double($0), 0.75) : 0 }
        let total = weights.reduce(0, +)
        for (p, w) in zip(noise.tableProbabilities, weights) {
            #expect(abs(p - w / total) < 1e-8)
        }
        #expect(noise.tableProbabilities[3] == 0)
    }

    @Test func noiseDrawsFollowTheTable() {
        let counts = [500, 200, 100, 50, 20, 10, 5, 1]
        let noise = NoiseDistribution(counts: counts, exponent: 0.75)
        var random = PCG64(seed: 42)
        var seen = [Int](repeating: 0, count: counts.count)
        let n = 400_000
        for _ in 0..<n { seen[noise.sample(random.next())] += 1 }
        for (i, p) in noise.probabilities.enumerated() {
            let sigma = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(seen[i]) - Double(n) * p) < 5 * sigma + 1, "word \(i)")
        }
    }

    @Test func exponentZeroIsUniformAndOneIsUnigram() {
        let counts = [9, 3, 1]
        let uniform = NoiseDistribution(counts: counts, exponent: 0)
        #expect(uniform.tableProbabilities.allSatisfy { abs($0 - 1.0 / 3) < 1e-9 })
        let unigram = NoiseDistribution(counts: counts, exponent: 1)
        #expect(zip(unigram.tableProbabilities, [9.0 / 13, 3.0 / 13, 1.0 / 13]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// Golden values from gensim 4.4.0 (`Word2Vec(sample=…).build_vocab_from_freq(counts)`, then
    /// `wv.get_vecattr(w, "sample_int") / 2**32`), which implements word2vec.c's formula.
    @Test func subsamplingMatchesGensim() {
        let a = Subsampling(counts: [1000, 100, 10], threshold: 0.01).keepProbabilities
        let expectedA: [Float] = [0.11645653727464378, 0.4441666246857494, 1]
        let b = Subsampling(counts: [5000, 300, 20, 1], threshold: 1e-3).keepProbabilities
        let expectedB: [Float] = [0.03368627838790417, 0.15091574401594698, 0.7818503486923873, 1]
        for (x, y) in zip(a + b, expectedA + expectedB) { #expect(abs(x - y) < 1e-6) }
        #expect(Subsampling(counts: [5, 0], threshold: 0).keepProbabilities == [1, 1])
        #expect(Subsampling(counts: [5, 0], threshold: 1e-3).keepProbabilities[1] == 1)
    }

    @Test func sigmoidTableIsCloseToExactAndSaturates() {
        let table = Sigmoid(mode: .table)
        let exact = Sigmoid(mode: .exact)
        var x: Float = -5.99
        while x < 5.99 {
            // One table step is 0.012 wide and σ' ≤ 1/4.
            #expect(abs(table(x) - exact(x)) < 0.004)
            #expect(abs(table.log(x) - exact.log(x)) < 0.013)
            x += 0.037
        }
        #expect(table(7) == 1 && table(-7) == 0)
        #expect(table.log(7) == 0 && table.log(-7) == -7)
        #expect(abs(exact.log(-30) - -30) < 1e-5 && abs(exact.log(30)) < 1e-6)
    }
}

#if canImport(Glibc)
import Glibc
#endif

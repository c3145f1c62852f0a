import Foundation
import Kernels
import Randomness
import Testing
import VocabularyModule
@testable import Embeddings

/// The GloVe objective, its gradient and the AdaGrad step, then whole runs: reproducibility,
/// `--deterministic` across thread counts, and a quality check on a generated corpus.
struct GloVeTrainingTests {
    /// f(x) = (x/x_max)^α below x_max, 1 from there (Pennington et al. 2014, eq. 9). Reference
    /// values from Python: `(50/100)**0.75`, `(1/100)**0.75`.
    @Test func weightingFunction() {
        #expect(abs(GloVeObjective.weight(50, xMax: 100, alpha: 0.75) - 0.5946035575013605) < 1e-15)
        #expect(abs(GloVeObjective.weight(1, xMax: 100, alpha: 0.75) - 0.03162277660168379) < 1e-15)
        #expect(GloVeObjective.weight(100, xMax: 100, alpha: 0.75) == 1)
        #expect(GloVeObjective.weight(5000, xMax: 100, alpha: 0.75) == 1)
        #expect(GloVeObjective.weight(10, xMax: 100, alpha: 1) == 0.1)
    }

    static func randomVector(_ d: Int, _ random: inout PCG64) -> [Double] {
        (0..<d).map { _ in Double(random.next() >> 11) * 0x1p-53 - 0.5 }
    }

    /// The analytic gradient of ½f(x)(wᵀc + b + c_b − log x)² against centred differences in
    /// Float64, below and above x_max.
    @Test(arguments: [3.5, 250.0])
    func gradientMatchesFiniteDifferences(x: Double) {
        var random = PCG64(seed: 4)
        let d = 7
        let w = Self.randomVector(d, &random), c = Self.randomVector(d, &random)
        let (b, cb) = (0.3, -0.2)
        let g = GloVeObjective.pairGradient(word: w, context: c, wordBias: b, contextBias: cb, x: x, xMax: 100, alpha: 0.75)
        func loss(_ w: [Double], _ c: [Double], _ b: Double, _ cb: Double) -> Double {
            GloVeObjective.pairLoss(word: w, context: c, wordBias: b, contextBias: cb, x: x, xMax: 100, alpha: 0.75)
        }
        let h = 1e-6
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-7 * max(1, abs(a)) }
        for k in 0..<d {
            var plus = w, minus = w
            plus[k] += h; minus[k] -= h
            #expect(close((loss(plus, c, b, cb) - loss(minus, c, b, cb)) / (2 * h), g.word[k]), "dJ/dw[\(k)]")
            var cp = c, cm = c
            cp[k] += h; cm[k] -= h
            #expect(close((loss(w, cp, b, cb) - loss(w, cm, b, cb)) / (2 * h), g.context[k]), "dJ/dc[\(k)]")
        }
        #expect(close((loss(w, c, b + h, cb) - loss(w, c, b - h, cb)) / (2 * h), g.wordBias))
        #expect(close((loss(w, c, b, cb + h) - loss(w, c, b, cb - h)) / (2 * h), g.contextBias))
    }

    /// Two rows laid out as the trainer lays them out, from Float64 values.
    static func rows(_ layout: GloVeRowLayout, w: [Double], c: [Double], b: Double, cb: Double, accumulator: Float)
        -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: 2 * layout.stride)
        p.initialize(repeating: 0, count: 2 * layout.stride)
        for (r, (v, bias)) in [(w, b), (c, cb)].enumerated() {
            let row = p + r * layout.stride
            for k in v.indices { row[k] = Float(v[k]) }
            for k in 0..<layout.padded { row[layout.accumulators + k] = accumulator }
            row[layout.bias] = Float(bias)
            row[layout.biasAccumulator] = accumulator
        }
        return p
    }

    /// The step `gloveStep` takes, worked out in Float64 from the formula of `glove.c`: with
    /// g = f·diff and u = η·g·(other vector's component), θ ← θ − u/√G, then G ← G + u²; the
    /// loss it returns is ½ f diff²; padding stays zero. Accumulators start at 2.25 (√G = 1.5).
    @Test func adaGradStepMatchesTheFormula() {
        var random = PCG64(seed: 8)
        let d = 19
        let layout = GloVeRowLayout(dimension: d)
        #expect(layout.padded == 32)
        let w = Self.randomVector(d, &random), c = Self.randomVector(d, &random)
        let (b, cb, x, eta) = (0.1, 0.05, 12.0, 0.05)
        let p = Self.rows(layout, w: w, c: c, b: b, cb: cb, accumulator: 2.25)
        defer { p.deallocate() }
        let f = GloVeObjective.weight(x, xMax: 100, alpha: 0.75)
        let loss = gloveStep(word: p, context: p + layout.stride, layout: layout, logX: Float(log(x)), weight: Float(f),
                             eta: Float(eta), clip: 100)
        var diff = b + cb - log(x)
        for k in 0..<d { diff += w[k] * c[k] }
        let g = f * diff
        #expect(abs(Double(loss) - 0.5 * f * diff * diff) < 1e-5)
        let word = p, context = p + layout.stride
        for k in 0..<d {
            let uw = eta * g * c[k], uc = eta * g * w[k]
            #expect(abs(Double(word[k]) - (w[k] - uw / 1.5)) < 1e-6)
            #expect(abs(Double(context[k]) - (c[k] - uc / 1.5)) < 1e-6)
            #expect(abs(Double(word[layout.accumulators + k]) - (2.25 + uw * uw)) < 1e-6)
            #expect(abs(Double(context[layout.accumulators + k]) - (2.25 + uc * uc)) < 1e-6)
        }
        for k in d..<layout.padded { #expect(word[k] == 0 && context[k] == 0) }
        let u = eta * g
        #expect(abs(Double(word[layout.bias]) - (b - u / 1.5)) < 1e-6)
        #expect(abs(Double(context[layout.bias]) - (cb - u / 1.5)) < 1e-6)
        #expect(abs(Double(word[layout.biasAccumulator]) - (2.25 + u * u)) < 1e-6)
    }

    /// With G = 1 and a small η, the step is −η × the Float64 gradient (the step follows the
    /// gradient of the loss it reports); a huge gradient component is clipped to ±clip.
    @Test func stepFollowsTheGradientAndClips() {
        var random = PCG64(seed: 12)
        let d = 16
        let layout = GloVeRowLayout(dimension: d)
        let w = Self.randomVector(d, &random), c = Self.randomVector(d, &random)
        let x = 40.0, eta = 1e-3
        let p = Self.rows(layout, w: w, c: c, b: 0.2, cb: 0.1, accumulator: 1)
        defer { p.deallocate() }
        _ = gloveStep(word: p, context: p + layout.stride, layout: layout, logX: Float(log(x)),
                      weight: Float(GloVeObjective.weight(x, xMax: 100, alpha: 0.75)), eta: Float(eta), clip: 100)
        let g = GloVeObjective.pairGradient(word: w, context: c, wordBias: 0.2, contextBias: 0.1, x: x, xMax: 100, alpha: 0.75)
        for k in 0..<d {
            #expect(abs((Double(p[k]) - w[k]) / -eta - g.word[k]) < 1e-3)
            #expect(abs((Double(p[layout.stride + k]) - c[k]) / -eta - g.context[k]) < 1e-3)
        }
        // Clipping: diff ≈ 1000 makes every component of g·c far beyond 0.5.
        let q = Self.rows(layout, w: [Double](repeating: 10, count: d), c: [Double](repeating: 10, count: d), b: 0, cb: 0,
                          accumulator: 1)
        defer { q.deallocate() }
        _ = gloveStep(word: q, context: q + layout.stride, layout: layout, logX: 0, weight: 1, eta: 0.05, clip: 0.5)
        #expect(abs(q[0] - (10 - 0.025)) < 1e-5)
    }

    /// A trainer on `sentences`; with `pairBytes`, the pairs get that much memory (a small value
    /// forces the out-of-core blocks), their temporary files going to `temporaryDirectory`.
    static func trainer(_ options: GloVeOptions, sentences: [[String]], pairBytes: Int? = nil,
                        temporaryDirectory: String = NSTemporaryDirectory()) throws -> GloVeTrainer {
        let corpus = try TrainingQualityTests.corpus(sentences)
        let plan = try GloVeMemoryPlan(limit: 1 << 30, vocabularySize: corpus.vocabulary.count,
                                       distinctTokens: corpus.vocabulary.count, dimension: options.dimension)
        let counter = try CooccurrenceCounter(vocabularySize: corpus.vocabulary.count, options: options.cooccurrence,
                                              tableEntries: plan.tableEntries, denseEntries: plan.denseEntries,
                                              temporaryDirectory: NSTemporaryDirectory())
        try counter.count(corpus)
        return try GloVeTrainer(options: options, source: try counter.finish(), vocabulary: corpus.vocabulary,
                                scale: counter.options.scale, pairBytes: pairBytes ?? plan.pairBytes,
                                temporaryDirectory: temporaryDirectory)
    }

    static func options(threads: Int, deterministic: Bool, seed: UInt64 = 3) -> GloVeOptions {
        var options = GloVeOptions()
        options.dimension = 20
        options.cooccurrence = CooccurrenceOptions(window: 3)
        options.epochs = 25
        options.xMax = 10
        options.threads = threads
        options.deterministic = deterministic
        options.seed = seed
        return options
    }

    /// --deterministic gives bit-identical vectors and losses for 1, 2 and 5 threads; one
    /// Hogwild thread is reproducible for a seed, and another seed differs.
    @Test func deterministicRunsAgreeForAnyThreadCount() throws {
        let sentences = TrainingQualityTests.sentences(400, seed: 2)
        let runs = try [1, 2, 5].map { try Self.trainer(Self.options(threads: $0, deterministic: true), sentences: sentences).train() }
        for run in runs.dropFirst() {
            #expect(run.vectors == runs[0].vectors)
            #expect(run.epochLosses == runs[0].epochLosses)
            #expect(run.wordBiases == runs[0].wordBiases)
        }
        let a = try Self.trainer(Self.options(threads: 1, deterministic: false), sentences: sentences).train()
        let b = try Self.trainer(Self.options(threads: 1, deterministic: false), sentences: sentences).train()
        let c = try Self.trainer(Self.options(threads: 1, deterministic: false, seed: 4), sentences: sentences).train()
        #expect(a.vectors == b.vectors)
        #expect(!(a.vectors == c.vectors))
    }

    /// Quality on the two-group corpus of `TrainingQualityTests`: after training, every animal's
    /// nearest neighbour is an animal and every vehicle's a vehicle (chance: about 10⁻⁴), and the
    /// loss falls, in both modes and with 2 threads.
    @Test(arguments: [(1, false), (2, false), (2, true)])
    func neighboursShareTheirGroup(threads: Int, deterministic: Bool) throws {
        let trainer = try Self.trainer(Self.options(threads: threads, deterministic: deterministic),
                                       sentences: TrainingQualityTests.sentences(3000, seed: 5))
        let trained = try trainer.train()
        #expect(trained.epochLosses.last! < trained.epochLosses.first! * 0.5, "\(trained.epochLosses)")
        #expect(Self.groupNeighbours(trained) == 12)
    }

    /// How many of the 12 animals and vehicles have a nearest neighbour (among the other 11) of their group.
    static func groupNeighbours(_ trained: TrainedGloVe) -> Int {
        let vocabulary = trained.vocabulary
        let words = TrainingQualityTests.animals + TrainingQualityTests.vehicles
        var good = 0
        for group in [TrainingQualityTests.animals, TrainingQualityTests.vehicles] {
            for word in group {
                let id = vocabulary.id(of: word)!
                let others = words.filter { $0 != word }.map { vocabulary.id(of: $0)! }
                let nearest = others.max {
                    TrainingQualityTests.cosine(trained.vectors, id, $0) < TrainingQualityTests.cosine(trained.vectors, id, $1)
                }!
                if group.contains(vocabulary.tokens[nearest]) { good += 1 }
            }
        }
        return good
    }

    /// The output choices: sum = word + context, concat = [word, context].
    @Test func vectorOutputs() throws {
        var options = Self.options(threads: 1, deterministic: false)
        options.epochs = 2
        let trained = try Self.trainer(options, sentences: TrainingQualityTests.sentences(50, seed: 1)).train()
        let word = trained.vectors(.word), context = trained.vectors(.context), concat = trained.vectors(.concat)
        #expect(concat.columns == 40)
        for r in 0..<word.rows {
            for k in 0..<20 {
                #expect(trained.vectors.row(r)[k] == word.row(r)[k] + context.row(r)[k])
                #expect(concat.row(r)[k] == word.row(r)[k] && concat.row(r)[20 + k] == context.row(r)[k])
            }
        }
    }
}

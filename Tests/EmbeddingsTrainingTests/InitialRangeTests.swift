import Testing
@testable import Embeddings

/// `initRange`: input vectors start uniform in [−r, r)/d. With a learning rate too small to move
/// them, the trained vectors are the start: within the range, filling it, and r = 1 (gensim 4's and
/// fastText's start, the default) exactly twice r = 0.5 (word2vec.c's (u − 0.5)/d).
struct InitialRangeTests {
    @Test func theStartFillsTheRangeAndScalesWithIt() throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(200, seed: 5))
        var options = TrainingQualityTests.options(.skipgram, .ns)
        options.epochs = 1
        options.threads = 1
        options.learningRate = 1e-30
        options.minLearningRate = 0
        #expect(options.initRange == 1)
        options.initRange = 0.5
        let half = try EmbeddingTrainer(options: options, corpus: corpus).train().input
        options.initRange = 1
        let one = try EmbeddingTrainer(options: options, corpus: corpus).train().input
        let d = Float(options.dimension)
        let halfValues = (0..<half.count).map { half.base[$0] }, oneValues = (0..<one.count).map { one.base[$0] }
        #expect(halfValues.count >= 160)
        #expect(oneValues == halfValues.map { 2 * $0 })
        let largest = halfValues.map(abs).max()!
        #expect(largest <= 0.5 / d && largest > 0.45 / d)
        #expect(halfValues.min()! < 0 && halfValues.max()! > 0)
        options.initRange = 0
        #expect(throws: (any Error).self) { try options.validate() }
    }
}

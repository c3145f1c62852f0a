import Foundation
import Kernels
import Testing
import VocabularyModule
@testable import Embeddings

/// `EpochEvaluation` scores the trainer's matrix as `embed-query` scores a stored model, and
/// leaves the matrix untouched.
struct EpochEvaluationTests {
    @Test func matchesTheQueryEvaluationsAndKeepsTheInput() throws {
        let directory = NSTemporaryDirectory() + "epoch-evaluation-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let questions = directory + "/q.txt", pairs = directory + "/p.tsv"
        try ": s\ncat dog car bus\ncat car dog bus\n: gram1-x\neats sleeps drives parks\n".write(toFile: questions, atomically: true, encoding: .utf8)
        try "cat\tdog\t9\ncat\tcar\t1\nbus\ttruck\t8\neats\tdrives\t2\n".write(toFile: pairs, atomically: true, encoding: .utf8)

        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(500, seed: 4))
        var options = TrainingOptions()
        options.dimension = 8
        options.minCount = 1
        options.epochs = 2
        let trained = try EmbeddingTrainer(options: options, corpus: corpus).train()
        let before = Array(trained.input.buffer)
        let evaluation = try EpochEvaluation(analogiesFile: questions, pairsFile: pairs, restrictVocab: 100)
        let result = try evaluation.evaluate(input: trained.input, vocabulary: trained.vocabulary)
        #expect(Array(trained.input.buffer) == before)

        let index = try NormalizedVectors(WordVectors(words: trained.vocabulary.tokens, vectors: trained.input.copy()), restrictVocab: 100)
        #expect(result.analogies?.json == index.evaluateAnalogies(try AnalogyQuestions(contentsOf: questions)).json)
        #expect(result.pairs?.json == (try index.evaluatePairs(contentsOf: pairs)).json)
        #expect(result.analogies?.questions == 3)
        #expect(result.pairs?.evaluated == 4)
    }

    @Test func missingFilesFailWhenTheEvaluationIsMade() {
        #expect(throws: (any Error).self) { try EpochEvaluation(analogiesFile: "/nonexistent/q.txt", pairsFile: nil) }
        #expect(throws: (any Error).self) { try EpochEvaluation(analogiesFile: nil, pairsFile: "/nonexistent/p.tsv") }
        #expect(throws: (any Error).self) { try EpochEvaluation(analogiesFile: nil, pairsFile: nil, restrictVocab: 0) }
    }
}

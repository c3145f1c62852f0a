import Diagnostics
import Foundation
import Kernels
import Testing
import VocabularyModule
@testable import Embeddings

/// End-to-end training on a corpus the test generates from a tiny grammar:
///
///     the <animal> <animal-verb> in the field      (animals: cat dog horse cow sheep goat)
///     a <vehicle> <vehicle-verb> on the road       (vehicles: car bus truck train bike tram)
///
/// Words of a group share every context and never meet the other group's, so after training
/// each animal's nearest neighbour (cosine) must be an animal and each vehicle's a vehicle.
/// Random (untrained or wrongly updated) vectors fail this: with 11 other words of which 5 are
/// in the group, all 12 words passing by chance has probability (5/11)^12 ≈ 10⁻⁴.
struct TrainingQualityTests {
    static let animals = ["cat", "dog", "horse", "cow", "sheep", "goat"]
    static let animalVerbs = ["eats", "sleeps", "grazes"]
    static let vehicles = ["car", "bus", "truck", "train", "bike", "tram"]
    static let vehicleVerbs = ["drives", "parks", "stops"]

    static func sentences(_ count: Int, seed: UInt64) -> [[String]] {
        var random = TestCorpusRandom(state: seed)
        return (0..<count).map { _ in
            if random.next() % 2 == 0 {
                return ["the", animals.randomElement(using: &random)!, animalVerbs.randomElement(using: &random)!, "in", "the", "field"]
            }
            return ["a", vehicles.randomElement(using: &random)!, vehicleVerbs.randomElement(using: &random)!, "on", "the", "road"]
        }
    }

    static func corpus(_ sentences: [[String]], minCount: Int = 1, vocabulary: Vocabulary? = nil) throws -> TrainingCorpus {
        var spooler = try CorpusSpooler(temporaryDirectory: NSTemporaryDirectory(), vocabulary: vocabulary)
        for sentence in sentences {
            for var token in sentence { try token.withUTF8 { try spooler.add(UnsafeRawBufferPointer($0)) } }
            try spooler.endSequence()
        }
        return try spooler.finish(minCount: minCount, maxVocabulary: nil)
    }

    static func cosine(_ m: FloatMatrix, _ a: Int, _ b: Int) -> Float {
        let x = m.row(a), y = m.row(b)
        return Vector.dot(x, y, count: m.columns)
            / (Vector.squaredNorm(x, count: m.columns) * Vector.squaredNorm(y, count: m.columns)).squareRoot()
    }

    /// How many words of both groups have their nearest neighbour in their own group.
    static func groupedNeighbours(_ trained: TrainedEmbeddings) -> Int {
        let vocabulary = trained.vocabulary
        var good = 0
        for group in [animals, vehicles] {
            for word in group {
                let id = vocabulary.id(of: word)!
                let others = (animals + vehicles).filter { $0 != word }.map { vocabulary.id(of: $0)! }
                let nearest = others.max { cosine(trained.input, id, $0) < cosine(trained.input, id, $1) }!
                if group.contains(vocabulary.tokens[nearest]) { good += 1 }
            }
        }
        return good
    }

    static func options(_ method: TrainingMethod, _ loss: TrainingLoss) -> TrainingOptions {
        var options = TrainingOptions()
        options.method = method
        options.loss = loss
        options.dimension = 16
        options.window = 3
        options.minCount = 1
        options.sample = 0
        options.epochs = 5
        options.seed = 11
        return options
    }

    @Test(arguments: [(TrainingMethod.skipgram, TrainingLoss.ns), (.skipgram, .hs), (.skipgram, .softmax),
                      (.cbow, .ns), (.cbow, .hs), (.cbow, .softmax)])
    func neighboursShareTheirGroup(method: TrainingMethod, loss: TrainingLoss) throws {
        let corpus = try Self.corpus(Self.sentences(3000, seed: 5))
        let trained = try EmbeddingTrainer(options: Self.options(method, loss), corpus: corpus).train()
        #expect(Self.groupedNeighbours(trained) == 12, "\(method) \(loss)")
        #expect(trained.meanLoss.isFinite && trained.meanLoss > 0)
    }

    @Test func sharedNegativesTrainAndDrawFewerNoiseWords() throws {
        let corpus = try Self.corpus(Self.sentences(3000, seed: 5))
        var options = Self.options(.skipgram, .ns)
        options.shareNegatives = true
        let shared = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(Self.groupedNeighbours(shared) == 12)
        let again = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(shared.input == again.input, "reproducible with one thread")
        options.shareNegatives = false
        let perPair = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(shared.input != perPair.input, "a different sampling scheme")
    }

    @Test func untrainedVectorsFailTheCheck() throws {
        // The check is not vacuous: the initial vectors (0 epochs' worth: learning rate ~0) fail it.
        var options = Self.options(.skipgram, .ns)
        options.learningRate = 1e-9
        options.minLearningRate = 0
        let trained = try EmbeddingTrainer(options: options, corpus: Self.corpus(Self.sentences(3000, seed: 5))).train()
        #expect(Self.groupedNeighbours(trained) < 12)
    }

    @Test func oneThreadIsBitForBitReproducible() throws {
        let sentences = Self.sentences(2000, seed: 9)
        var options = Self.options(.skipgram, .ns)
        options.sample = 1e-2
        let a = try EmbeddingTrainer(options: options, corpus: Self.corpus(sentences)).train()
        let b = try EmbeddingTrainer(options: options, corpus: Self.corpus(sentences)).train()
        #expect(a.input == b.input)
        #expect(a.output == b.output)
        options.seed = 12
        let c = try EmbeddingTrainer(options: options, corpus: Self.corpus(sentences)).train()
        #expect(a.input != c.input)
    }

    /// The vocabulary is under `HotRanges.count`, so with two threads every row is trained on
    /// each worker's private copy and merged every `HotRowCopy.publishInterval` words.
    @Test(arguments: [TrainingLoss.ns, .hs])
    func twoThreadsTrainToo(loss: TrainingLoss) throws {
        var options = Self.options(.skipgram, loss)
        options.threads = 2
        let trained = try EmbeddingTrainer(options: options, corpus: Self.corpus(Self.sentences(3000, seed: 5))).train()
        #expect(Self.groupedNeighbours(trained) == 12)
        #expect(trained.wordsTrained == 3000 * 6 * 5)
    }

    @Test func emptyCorpusAndTooRareWordsAreDataErrors() throws {
        let empty = #expect(throws: Failure.self) { try Self.corpus([]) }
        #expect(empty?.kind == .badData)
        let rare = #expect(throws: Failure.self) { try Self.corpus([["a", "b", "c"]], minCount: 2) }
        #expect(rare?.kind == .badData)
        #expect(rare?.description.contains("--min-count") == true)
    }

    @Test func givenVocabularySkipsUnknownWords() throws {
        let vocabulary = try Vocabulary(tokens: ["the", "cat", "field"], counts: [10, 5, 5], specials: .standard)
        let corpus = try Self.corpus([["the", "cat", "sat", "in", "the", "field"]], vocabulary: vocabulary)
        #expect(corpus.tokenCount == 6)
        #expect(corpus.trainingWordCount == 4)
        var options = Self.options(.skipgram, .hs)
        options.epochs = 1
        let trained = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(trained.input.rows == 7)
        #expect(trained.wordsTrained == 4)
    }

    @Test func fullSoftmaxRefusesLargeVocabularies() throws {
        let words = (0..<(FullSoftmaxLayer<SharedRows>.maximumVocabulary + 1)).map { "w\($0)" }
        let corpus = try Self.corpus([words])
        let error = #expect(throws: Failure.self) { try EmbeddingTrainer(options: Self.options(.skipgram, .softmax), corpus: corpus) }
        #expect(error?.kind == .usage)
    }

    @Test func zeroDimensionIsAUsageError() throws {
        var options = Self.options(.skipgram, .ns)
        options.dimension = 0
        let error = #expect(throws: Failure.self) { try options.validate() }
        #expect(error?.kind == .usage)
    }
}

/// SplitMix64, so the generated corpus is the same on every run.
struct TestCorpusRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

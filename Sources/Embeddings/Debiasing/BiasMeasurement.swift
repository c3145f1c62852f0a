import JSONCore
import Kernels

/// What `debias` measures on a set of vectors, before and after debiasing.
public struct BiasMeasurementRequest: Sendable {
    /// The neutral words whose direct bias is measured.
    public var neutralWords: [String]
    /// How many most biased words to list on each side.
    public var mostBiased = 10
    public var weatTests: [WEATTest] = []
    public var weatSource = ""
    public var permutations = 10_000
    public var seed: UInt64 = 1
    /// Analogy questions (questions-words.txt layout) and word-pair file, when asked for.
    public var analogies: AnalogyQuestions?
    public var analogiesFile: String?
    public var pairsFile: String?

    public init(neutralWords: [String]) {
        self.neutralWords = neutralWords
    }
}

/// Direct bias, WEAT and quality benchmarks of one set of vectors.
public struct BiasMeasurement: Sendable {
    public let directBias: DirectBias
    public let weat: [WEATResult]
    public let analogies: AnalogyEvaluation?
    public let pairs: PairEvaluation?

    /// Measures the unit vectors of `vectors` along `direction`; `exempt` are the rows that are
    /// not neutral words. The analogy and pair evaluations run as `embed-query --eval-analogies`
    /// and `--eval-pairs` do (gensim's counting, 3CosAdd, answers from the first
    /// `vectors.candidateCount` words, so build `vectors` with the `restrictVocab` wanted).
    public init(_ vectors: NormalizedVectors, direction: BiasDirection, exempt: Set<Int>,
                request: BiasMeasurementRequest) throws {
        directBias = DirectBias(words: request.neutralWords, unit: vectors.unit, index: vectors.index(of:),
                                direction: direction.vector, exempt: exempt, top: request.mostBiased)
        weat = try request.weatTests.map {
            try WEATResult($0, unit: vectors.unit, index: vectors.index(of:), permutations: request.permutations,
                           seed: request.seed, source: request.weatSource)
        }
        analogies = request.analogies.map { vectors.evaluateAnalogies($0) }
        pairs = try request.pairsFile.map { try vectors.evaluatePairs(contentsOf: $0) }
    }

    /// The measurement as one JSON object; `files` names the benchmark files in their entries.
    public func json(analogiesFile: String?, pairsFile: String?) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [("direct_bias", directBias.json)]
        if !weat.isEmpty { fields.append(("weat", .array(weat.map(\.json)))) }
        if let analogies {
            fields.append(("analogies", .object([("file", analogiesFile.map(JSONValue.string) ?? .null)]
                + (analogies.json.objectValue ?? []))))
        }
        if let pairs {
            fields.append(("pairs", .object([("file", pairsFile.map(JSONValue.string) ?? .null)] + (pairs.json.objectValue ?? []))))
        }
        return .object(fields)
    }
}

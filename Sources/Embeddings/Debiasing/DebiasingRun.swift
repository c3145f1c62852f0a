import JSONCore
import Kernels

/// One `debias` run: find the direction, measure, debias, measure again, and describe it all in
/// one JSON report and one metadata record. Prints and writes nothing itself.
public struct DebiasingRun: Sendable {
    public struct Settings: Sendable {
        /// The name of the input (its path), for the report.
        public var modelName: String
        /// g = ê_a − ê_b instead of a direction from `lists.pairs`.
        public var directionWords: WordPair?
        public var method: BiasDirectionMethod = .pca
        public var components = 10
        public var lists: DebiasingLists
        public var request: BiasMeasurementRequest
        /// The evaluations' `restrict_vocab`.
        public var restrictVocab = 30_000
        /// Measure only; change nothing.
        public var measureOnly = false

        public init(modelName: String, lists: DebiasingLists, request: BiasMeasurementRequest) {
            self.modelName = modelName
            self.lists = lists
            self.request = request
        }
    }

    public let direction: BiasDirection
    /// How many words are exempt from neutralising (gender-specific, definitional, equalised).
    public let exemptCount: Int
    public let before: BiasMeasurement
    /// The debiased vectors and their measurement (nil with `measureOnly`).
    public let debiased: HardDebiasing?
    public let after: BiasMeasurement?
    public let settings: Settings
    private let vocabularySize: Int, dimension: Int

    /// Runs the steps on `vectors`; see `BiasDirection`, `HardDebiasing` and `BiasMeasurement`.
    /// The rows of `vectors` are scaled to unit length in place (the method works on unit
    /// vectors, and no second V×D copy is kept). Throws `.badData` when no definitional pair is
    /// in the vocabulary or a WEAT set is empty.
    public init(_ vectors: WordVectors, settings: Settings) throws {
        self.settings = settings
        vocabularySize = vectors.count
        dimension = vectors.dimension
        let before = try NormalizedVectors(vectors, restrictVocab: settings.restrictVocab, normalizingInPlace: true)
        let index = before.index(of:)
        if let pair = settings.directionWords {
            direction = try BiasDirection(words: pair, unit: before.unit, index: index)
        } else {
            direction = try BiasDirection(pairs: settings.lists.pairs, method: settings.method, unit: before.unit,
                                          index: index, components: settings.components, source: settings.lists.pairsSource)
        }
        let equalize = Equalization.candidates(settings.lists.equalize, index: index)
        let exempt = HardDebiasing.exemptRows(genderSpecific: settings.lists.genderSpecific, direction: direction,
                                              equalize: equalize.found, index: index)
        exemptCount = exempt.count
        self.before = try BiasMeasurement(before, direction: direction, exempt: exempt, request: settings.request)
        if settings.measureOnly {
            debiased = nil
            after = nil
        } else {
            let result = try HardDebiasing(before, direction: direction, exempt: exempt, equalize: equalize)
            let normalizedAfter = try NormalizedVectors(result.vectors, restrictVocab: settings.restrictVocab,
                                                        normalizingInPlace: true)
            after = try BiasMeasurement(normalizedAfter, direction: direction, exempt: exempt, request: settings.request)
            debiased = result
        }
    }

    /// The lists as the report and the metadata record them: source and size, and the words
    /// themselves when `withWords`.
    func listsJSON(withWords: Bool) -> JSONValue {
        let lists = settings.lists
        func entry(_ source: String, _ count: Int, _ key: String, _ values: @autoclosure () -> JSONValue) -> JSONValue {
            var fields: [(key: String, value: JSONValue)] = [("source", .string(source)), ("count", JSONValue(count))]
            if withWords { fields.append((key, values())) }
            return .object(fields)
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("gender_specific", entry(lists.genderSpecificSource, lists.genderSpecific.count, "words",
                                      .array(lists.genderSpecific.map(JSONValue.string)))),
            ("equalize", entry(lists.equalizeSource, lists.equalize.count, "pairs", .array(lists.equalize.map(\.json)))),
            ("neutral_words", entry(lists.neutralWordsSource, lists.neutralWords.count, "words",
                                    .array(lists.neutralWords.map(JSONValue.string)))),
        ]
        if settings.directionWords == nil {
            fields.insert(("pairs", entry(lists.pairsSource, lists.pairs.count, "pairs", .array(lists.pairs.map(\.json)))), at: 0)
        }
        return .object(fields)
    }

    /// The report: one JSON object.
    public var report: JSONValue {
        let request = settings.request
        func measured(_ m: BiasMeasurement) -> JSONValue {
            m.json(analogiesFile: request.analogies == nil ? nil : request.analogiesFile, pairsFile: request.pairsFile)
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("model", .string(settings.modelName)),
            ("words", JSONValue(vocabularySize)),
            ("dim", JSONValue(dimension)),
            ("normalized", .bool(true)),
            ("direction", direction.json(withVector: false)),
            ("lists", listsJSON(withWords: false)),
            ("exempt", JSONValue(exemptCount)),
        ]
        if let debiased, let after {
            fields += [
                ("neutralized", JSONValue(debiased.neutralized)),
                ("equalized", .array(debiased.equalized.map(\.json))),
                ("skipped_equalize", .array(debiased.skippedEqualize.map(\.json))),
                ("before", measured(before)),
                ("after", measured(after)),
            ]
        } else {
            fields.append(("measure", measured(before)))
        }
        return .object(fields)
    }

    /// The `debias` metadata entry of the written model: the method, that vectors were
    /// normalised, g, and every list used.
    public var record: JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("method", .string("hard debiasing (Bolukbasi et al. 2016): neutralise and equalise")),
            ("normalized", .bool(true)),
            ("source", .string(settings.modelName)),
            ("direction", direction.json(withVector: true)),
            ("lists", listsJSON(withWords: true)),
        ]
        if let debiased {
            fields += [("neutralized", JSONValue(debiased.neutralized)), ("exempt", JSONValue(exemptCount)),
                       ("equalized", .array(debiased.equalized.map(\.json)))]
        }
        return .object(fields)
    }
}

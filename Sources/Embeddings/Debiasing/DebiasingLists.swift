import JSONCore

/// The word lists of one debiasing run, each from its file or nlpipe's built-in default, with
/// where it came from (the path, or `built-in`) for the report and the model's metadata.
public struct DebiasingLists: Sendable {
    public let pairs: [WordPair]
    public let pairsSource: String
    public let genderSpecific: [String]
    public let genderSpecificSource: String
    public let equalize: [WordPair]
    public let equalizeSource: String
    public let neutralWords: [String]
    public let neutralWordsSource: String
    public let weatTests: [WEATTest]
    public let weatSource: String?

    public static let builtIn = "built-in"

    /// Reads the lists from the files given (nil: the built-in list; no WEAT tests without a
    /// file). `.noInput` for a missing file, `.badData` for malformed JSON or a list of the wrong
    /// shape.
    public init(pairs: String? = nil, genderSpecific: String? = nil, equalize: String? = nil,
                neutralWords: String? = nil, weat: String? = nil) throws {
        self.pairs = try pairs.map(WordLists.pairs(contentsOf:)) ?? DefaultWordLists.definitionalPairs
        pairsSource = pairs ?? Self.builtIn
        self.genderSpecific = try genderSpecific.map(WordLists.words(contentsOf:)) ?? DefaultWordLists.genderSpecificWithCaseVariants
        genderSpecificSource = genderSpecific ?? Self.builtIn
        self.equalize = try equalize.map(WordLists.pairs(contentsOf:)) ?? DefaultWordLists.equalizePairs
        equalizeSource = equalize ?? Self.builtIn
        self.neutralWords = try neutralWords.map(WordLists.words(contentsOf:)) ?? DefaultWordLists.professions
        neutralWordsSource = neutralWords ?? Self.builtIn
        weatTests = try weat.map(WordLists.weatTests(contentsOf:)) ?? []
        weatSource = weat
    }
}

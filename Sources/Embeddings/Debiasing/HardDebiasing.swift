import JSONCore
import Kernels

/// Hard debiasing (Bolukbasi, Chang, Zou, Saligrama & Kalai 2016, "Man is to Computer Programmer
/// as Woman is to Homemaker? Debiasing Word Embeddings", §5; debiaswe's `debias.py`), on
/// unit-normalised vectors:
///
/// 1. neutralise every word that is not exempt (`Neutralization`);
/// 2. equalise each equalisation pair and its case variants (`Equalization`).
///
/// The result is a new set of vectors, every row unit length; the input is not changed.
public struct HardDebiasing: Sendable {
    /// The debiased vectors (same words and counts, no output vectors, the source's config).
    public let vectors: WordVectors
    /// How many rows were neutralised.
    public let neutralized: Int
    /// The pairs equalised (after case expansion) and the requested pairs none of whose variants
    /// is in the vocabulary.
    public let equalized: [WordPair]
    public let skippedEqualize: [WordPair]

    /// The rows exempt from neutralising: the gender-specific words, the words of the pairs that
    /// define the direction, and the words of the equalisation pairs found (equalising decides
    /// their components along g, so neutralising them first would lose which side each is on).
    public static func exemptRows(genderSpecific: [String], direction: BiasDirection, equalize: [WordPair],
                                  index: (String) -> Int?) -> Set<Int> {
        var rows = Set<Int>()
        for word in genderSpecific { if let i = index(word) { rows.insert(i) } }
        for pair in direction.pairs + equalize {
            if let i = index(pair.first) { rows.insert(i) }
            if let j = index(pair.second) { rows.insert(j) }
        }
        return rows
    }

    /// Debiases a copy of `normalized.unit` along `direction`: neutralises all rows except
    /// `exempt`, then equalises `equalize` (already expanded by `Equalization.candidates`).
    /// O(V·D) in BLAS plus O(pairs·D).
    public init(_ normalized: NormalizedVectors, direction: BiasDirection, exempt: Set<Int>,
                equalize: (found: [WordPair], skipped: [WordPair])) throws {
        let unit = normalized.unit.copy()
        neutralized = Neutralization.neutralize(unit, along: direction.vector, exempt: exempt)
        for pair in equalize.found {
            guard let i = normalized.index(of: pair.first), let j = normalized.index(of: pair.second) else { continue }
            Equalization.equalize(unit, i, j, along: direction.vector)
        }
        equalized = equalize.found
        skippedEqualize = equalize.skipped
        let source = normalized.source
        vectors = try WordVectors(words: source.words, counts: source.counts, vectors: unit, config: source.config)
    }

    /// Writes the debiased vectors as an `embeddings` model file (atomically), with `record`
    /// stored as the `debias` metadata entry.
    public func write(to path: String, record: JSONValue) throws {
        var writer = try vectors.archiveWriter()
        writer.metadata["debias"] = record.jsonText
        try writer.write(to: path)
    }
}

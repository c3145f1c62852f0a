import JSONCore

/// The outcome of a word-similarity benchmark, as gensim 4.4's `evaluate_word_pairs` reports it.
public struct PairEvaluation: Sendable {
    /// Pairs with both words in the restricted vocabulary, whose similarities were compared.
    public let evaluated: Int
    /// Pairs with a word outside it.
    public let outOfVocabulary: Int
    /// Lines skipped as malformed (not three tab-separated fields with a numeric score).
    public let invalidLines: Int
    /// Spearman's ρ between the human scores and the cosines.
    public let spearman: Double
    /// Pearson's r between them.
    public let pearson: Double
    public let restrictVocab: Int

    /// gensim's `oov_ratio`: out-of-vocabulary pairs over all valid pairs, in percent.
    public var oovPercent: Double {
        Double(outOfVocabulary) / Double(evaluated + outOfVocabulary) * 100
    }

    public var json: JSONValue {
        func number(_ value: Double) -> JSONValue { value.isFinite ? JSONValue(value) : .null }
        return [
            "restrict_vocab": JSONValue(restrictVocab),
            "pairs": JSONValue(evaluated + outOfVocabulary),
            "evaluated": JSONValue(evaluated),
            "oov": JSONValue(outOfVocabulary),
            "oov_percent": number(oovPercent),
            "invalid_lines": JSONValue(invalidLines),
            "spearman": number(spearman),
            "pearson": number(pearson),
        ]
    }
}

extension NormalizedVectors {
    /// Evaluates word similarity on the text of a pair file (`word1<TAB>word2<TAB>score` lines)
    /// as gensim 4.4's `evaluate_word_pairs(restrict_vocab=candidateCount, case_insensitive=True)`:
    /// lines end at `\n`, `\r\n` or `\r` (Python's universal newlines); lines starting with `#`
    /// are comments; a line that is not exactly three tab-separated fields with a number last is
    /// skipped; both words are upper-cased and looked up among the first `candidateCount` words
    /// (each upper-cased form standing for its lowest row); pairs with an unknown word are
    /// counted as out of vocabulary; ρ and r compare the human scores with the cosines.
    ///
    /// Throws `.badData` when no pair could be evaluated (gensim raises `ValueError`).
    public func evaluatePairs(text bytes: [UInt8], name: String) throws -> PairEvaluation {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EmbeddingsError.badData(name, "not valid UTF-8")
        }
        var okVocabulary: [String: Int] = [:]
        for i in 0..<candidateCount {
            let upper = words[i].uppercased()
            if okVocabulary[upper] == nil { okVocabulary[upper] = i }
        }
        var gold: [Double] = []
        var model: [Double] = []
        var oov = 0, invalid = 0
        for line in Self.universalLines(text) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let score = Double(String(fields[2]).trimmingPythonWhitespace()) else {
                invalid += 1
                continue
            }
            guard let i = okVocabulary[fields[0].uppercased()], let j = okVocabulary[fields[1].uppercased()] else {
                oov += 1
                continue
            }
            gold.append(score)
            model.append(Double(similarity(i, j)))
        }
        guard !gold.isEmpty else {
            throw EmbeddingsError.badData(name, "no pair could be evaluated (\(oov) pairs with unknown words, \(invalid) malformed lines)")
        }
        return PairEvaluation(evaluated: gold.count, outOfVocabulary: oov, invalidLines: invalid,
                              spearman: RankCorrelation.spearman(gold, model),
                              pearson: RankCorrelation.pearson(gold, model), restrictVocab: candidateCount)
    }

    /// The lines of `text` as Python's universal-newlines mode reads them (`\n`, `\r\n`, `\r`).
    static func universalLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if scalar == "\n" || scalar == "\r" {
                lines.append(Substring(scalars[start..<i]))
                var next = scalars.index(after: i)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return lines
    }

    /// Reads and evaluates a pair file.
    public func evaluatePairs(contentsOf path: String) throws -> PairEvaluation {
        let (bytes, count) = try FileContents.readWhole(path)
        return try evaluatePairs(text: Array(bytes[0..<count]), name: path)
    }
}

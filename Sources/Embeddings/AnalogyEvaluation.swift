import JSONCore
import Kernels

/// The outcome of an analogy benchmark, counted as gensim 4.4's `evaluate_word_analogies`
/// counts it (see `NormalizedVectors.evaluateAnalogies`).
public struct AnalogyEvaluation: Sendable {
    public struct SectionResult: Sendable, Equatable {
        public let name: String
        /// Whether the section counts as syntactic (see `AnalogyCounting`).
        public let isSyntactic: Bool
        public internal(set) var correct = 0
        public internal(set) var incorrect = 0
        /// Questions left out because a word is outside the restricted vocabulary.
        public internal(set) var skipped = 0
        /// Questions answered (correct + incorrect).
        public var evaluated: Int { correct + incorrect }
        public var accuracy: Double? { evaluated > 0 ? Double(correct) / Double(evaluated) : nil }
    }

    public let sections: [SectionResult]
    public let method: AnalogyMethod
    public let counting: AnalogyCounting
    public let restrictVocab: Int
    /// Lines that were neither headers nor four-word questions.
    public let invalidLines: Int

    public var questions: Int { sections.reduce(0) { $0 + $1.evaluated + $1.skipped } }
    public var correct: Int { sections.reduce(0) { $0 + $1.correct } }
    public var evaluated: Int { sections.reduce(0) { $0 + $1.evaluated } }
    public var skipped: Int { sections.reduce(0) { $0 + $1.skipped } }
    /// correct / evaluated, gensim's returned score (nil when nothing was evaluated).
    public var accuracy: Double? { evaluated > 0 ? Double(correct) / Double(evaluated) : nil }

    /// Totals over the semantic (`syntactic == false`) or syntactic sections.
    public func subtotal(syntactic: Bool) -> (correct: Int, evaluated: Int, skipped: Int) {
        sections.filter { $0.isSyntactic == syntactic }.reduce((0, 0, 0)) {
            ($0.0 + $1.correct, $0.1 + $1.evaluated, $0.2 + $1.skipped)
        }
    }

    /// The summary as a JSON object: overall, semantic, syntactic and per-section counts and
    /// accuracies, skipped questions and their share in percent (gensim's `oov_ratio`).
    public var json: JSONValue {
        func accuracy(_ correct: Int, _ evaluated: Int) -> JSONValue {
            evaluated > 0 ? JSONValue(Double(correct) / Double(evaluated)) : .null
        }
        func group(_ totals: (correct: Int, evaluated: Int, skipped: Int)) -> JSONValue {
            ["correct": JSONValue(totals.correct), "evaluated": JSONValue(totals.evaluated),
             "skipped": JSONValue(totals.skipped), "accuracy": accuracy(totals.correct, totals.evaluated)]
        }
        return [
            "method": .string(method.rawValue),
            "counting": .string(counting.rawValue),
            "restrict_vocab": JSONValue(restrictVocab),
            "questions": JSONValue(questions),
            "evaluated": JSONValue(evaluated),
            "correct": JSONValue(correct),
            "accuracy": accuracy(correct, evaluated),
            "skipped": JSONValue(skipped),
            "oov_percent": questions > 0 ? JSONValue(Double(skipped) / Double(questions) * 100) : .null,
            "invalid_lines": JSONValue(invalidLines),
            "semantic": group(subtotal(syntactic: false)),
            "syntactic": group(subtotal(syntactic: true)),
            "sections": .array(sections.map { section in
                ["section": .string(section.name), "correct": JSONValue(section.correct),
                 "evaluated": JSONValue(section.evaluated), "skipped": JSONValue(section.skipped),
                 "accuracy": accuracy(section.correct, section.evaluated)]
            }),
        ]
    }
}

extension NormalizedVectors {
    /// Answers every question of `questions` and counts them, by default as gensim 4.4's
    /// `evaluate_word_analogies(restrict_vocab=candidateCount, case_insensitive=True)` does:
    ///
    /// - the searchable vocabulary is the first `candidateCount` words, looked up upper-cased,
    ///   each upper-cased form standing for its most frequent (lowest) row;
    /// - a question with a word outside it is skipped (counted, not answered);
    /// - otherwise the five best candidates other than the rows of A, B and C are taken in order
    ///   of score, and the first whose upper-cased form is not A, B or C is the prediction (the
    ///   fifth when all five are); the question is correct when the prediction equals D.
    ///
    /// Questions are answered in batches: the B×D query matrix times the transposed R×D unit
    /// matrix in one `sgemm` (three for 3CosMul), then a top-5 scan per row, so the whole
    /// benchmark costs O(Q·R·D) in BLAS. (gensim 4.4 ignores its `similarity_function` argument
    /// and always uses 3CosAdd; with `.threeCosMul` the same counting runs over 3CosMul scores.)
    ///
    /// With `counting: .word2vec` the rules of word2vec's `compute-accuracy FILE candidateCount`
    /// apply instead (see `AnalogyCounting`).
    public func evaluateAnalogies(_ questions: AnalogyQuestions, method: AnalogyMethod = .threeCosAdd,
                                  counting: AnalogyCounting = .gensim, batchSize: Int = 256) -> AnalogyEvaluation {
        let restricted = candidateCount
        func upper(_ word: String) -> String {
            counting == .gensim ? word.uppercased() : Self.asciiUppercased(word)
        }
        var upperWords: [String] = []
        upperWords.reserveCapacity(restricted)
        var okVocabulary: [String: Int] = [:]
        for i in 0..<restricted {
            let folded = upper(words[i])
            upperWords.append(folded)
            if okVocabulary[folded] == nil { okVocabulary[folded] = i }
        }

        struct Pending { var section: Int; var a: Int; var b: Int; var c: Int; var question: AnalogyQuestions.Question }
        var results = questions.sections.enumerated().map { s, section in
            AnalogyEvaluation.SectionResult(name: section.name,
                                            isSyntactic: counting == .gensim ? section.name.hasPrefix("gram") : s >= 5)
        }
        var pending: [Pending] = []
        for (s, section) in questions.sections.enumerated() {
            for written in section.questions {
                let question = AnalogyQuestions.Question(a: upper(written.a), b: upper(written.b),
                                                         c: upper(written.c), expected: upper(written.expected))
                guard let a = okVocabulary[question.a], let b = okVocabulary[question.b],
                      let c = okVocabulary[question.c], okVocabulary[question.expected] != nil else {
                    results[s].skipped += 1
                    continue
                }
                pending.append(Pending(section: s, a: a, b: b, c: c, question: question))
            }
        }

        let batch = max(1, batchSize)
        let d = dimension
        let queries = FloatMatrix(rows: method == .threeCosAdd ? batch : 3 * batch, columns: d)
        let products = FloatMatrix(rows: queries.rows, columns: restricted)
        var scores = [Float](repeating: 0, count: restricted)
        var best = TopScores(capacity: counting == .gensim ? 5 : 1)
        var start = 0
        while start < pending.count {
            let end = min(pending.count, start + batch)
            let rows = end - start
            for r in 0..<rows {
                let p = pending[start + r]
                switch method {
                case .threeCosAdd:
                    Self.threeCosAddQuery(unit.row(p.a), unit.row(p.b), unit.row(p.c), dimension: d, into: queries.row(r))
                case .threeCosMul:
                    Vector.copy(unit.row(p.a), to: queries.row(3 * r), count: d)
                    Vector.copy(unit.row(p.b), to: queries.row(3 * r + 1), count: d)
                    Vector.copy(unit.row(p.c), to: queries.row(3 * r + 2), count: d)
                }
            }
            let queryRows = method == .threeCosAdd ? rows : 3 * rows
            BLAS.gemm(transposeB: true, m: queryRows, n: restricted, k: d, a: queries.base, lda: d,
                      b: unit.base, ldb: d, c: products.base, ldc: restricted)
            for r in 0..<rows {
                let p = pending[start + r]
                best.removeAll()
                let excluded = [p.a, p.b, p.c]
                switch method {
                case .threeCosAdd:
                    best.offer(products.row(r), count: restricted, excluding: excluded)
                case .threeCosMul:
                    scores.withUnsafeMutableBufferPointer { out in
                        Self.threeCosMulScores(a: products.row(3 * r), b: products.row(3 * r + 1), c: products.row(3 * r + 2),
                                               count: restricted, into: out.baseAddress!)
                        best.offer(out.baseAddress!, count: restricted, excluding: excluded)
                    }
                }
                var predicted: String? = nil
                switch counting {
                case .gensim:
                    for index in best.indices {
                        predicted = upperWords[index]
                        if predicted != p.question.a && predicted != p.question.b && predicted != p.question.c { break }
                    }
                case .word2vec:
                    if let index = best.indices.first, best.scores[0] > 0 { predicted = upperWords[index] }
                }
                if predicted == p.question.expected {
                    results[p.section].correct += 1
                } else {
                    results[p.section].incorrect += 1
                }
            }
            start = end
        }
        return AnalogyEvaluation(sections: results, method: method, counting: counting, restrictVocab: restricted,
                                 invalidLines: questions.invalidLines)
    }

    /// C's `toupper` in the C locale, byte by byte: only a–z change.
    static func asciiUppercased(_ word: String) -> String {
        String(decoding: word.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}

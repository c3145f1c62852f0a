import Foundation
import Testing
import Embeddings
import _TestSupport

/// Analogy and word-pair evaluation against gensim 4.4.0 (`KeyedVectors.evaluate_word_analogies`
/// and `evaluate_word_pairs`, `case_insensitive=True`) on the shared `questions-words.txt` and
/// `wordsim353.tsv`, with vectors generated here (see `TestVectors.benchmarkCovering`). Counts
/// must agree exactly, Spearman's ρ to 1e-9.
struct EvaluationGoldenTests {
    static let script = """
    import sys, json, logging
    from gensim.models import KeyedVectors
    path, restrict, questions, pairs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    kv = KeyedVectors.load_word2vec_format(path, binary=True)
    score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=restrict, case_insensitive=True)
    pearson, spearman, oov = kv.evaluate_word_pairs(pairs, restrict_vocab=restrict, case_insensitive=True)
    print(json.dumps({
        'score': score,
        'sections': [[s['section'], len(s['correct']), len(s['incorrect'])] for s in sections],
        'spearman': float(spearman[0]), 'pearson': float(pearson[0]), 'oov_ratio': oov,
    }))
    """

    @Test(arguments: [1_000_000, 1200])
    func countsAndCorrelationsMatchGensim(restrict: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let vectors = try TestVectors.benchmarkCovering(seed: 5)
        let path = dir.path("v.bin")
        try Data(try vectors.exported(.word2vecBinary)).write(to: URL(fileURLWithPath: path))
        let questionsPath = SharedData.url("eval/questions-words.txt").path
        let pairsPath = SharedData.url("eval/wordsim353.tsv").path
        let reference = try #require(try pythonJSON(Self.script, [path, String(restrict), questionsPath, pairsPath]) as? [String: Any])

        let index = try NormalizedVectors(try WordVectors(contentsOf: path), restrictVocab: restrict)
        let evaluation = index.evaluateAnalogies(try AnalogyQuestions(contentsOf: questionsPath))
        let sections = try #require(reference["sections"] as? [[Any]])
        #expect(sections.count == evaluation.sections.count + 1)   // gensim appends the total
        for (theirs, ours) in zip(sections, evaluation.sections) {
            #expect(theirs[0] as? String == ours.name)
            #expect(theirs[1] as? Int == ours.correct, "\(ours.name)")
            #expect(theirs[2] as? Int == ours.incorrect, "\(ours.name)")
        }
        let total = try #require(sections.last)
        #expect(total[1] as? Int == evaluation.correct && total[2] as? Int == evaluation.evaluated - evaluation.correct)
        #expect(evaluation.correct > 20 && (evaluation.skipped > 0) == (restrict < vectors.count))   // both paths run
        #expect(abs((reference["score"] as? Double ?? -1) - (evaluation.accuracy ?? 0)) < 1e-12)
        #expect(evaluation.questions == 19544)

        let pairs = try index.evaluatePairs(contentsOf: pairsPath)
        #expect(abs((reference["spearman"] as? Double ?? 9) - pairs.spearman) < 1e-9)
        #expect(abs((reference["pearson"] as? Double ?? 9) - pairs.pearson) < 1e-6)
        #expect(abs((reference["oov_ratio"] as? Double ?? -1) - pairs.oovPercent) < 1e-9)
    }

    @Test func singleQueriesMatchGensimsMostSimilar() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let vectors = try TestVectors.random(count: 500, dimension: 16, seed: 9)
        let path = dir.path("v.bin")
        try Data(try vectors.exported(.word2vecBinary)).write(to: URL(fileURLWithPath: path))
        let script = """
        import sys, json
        from gensim.models import KeyedVectors
        kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
        print(json.dumps({
            'neighbors': [w for w, _ in kv.most_similar('w11', topn=8)],
            'restricted': [w for w, _ in kv.most_similar('w11', topn=5, restrict_vocab=100)],
            'add': [w for w, _ in kv.most_similar(positive=['w2', 'w4'], negative=['w1'], topn=5)],
            'mul': [w for w, _ in kv.most_similar_cosmul(positive=['w2', 'w4'], negative=['w1'], topn=5)],
            'scores': [s for _, s in kv.most_similar('w11', topn=8)],
            'similarity': float(kv.similarity('w5', 'w6')),
        }))
        """
        let reference = try #require(try pythonJSON(script, [path]) as? [String: Any])
        let all = try NormalizedVectors(try WordVectors(contentsOf: path))
        let restricted = try NormalizedVectors(try WordVectors(contentsOf: path), restrictVocab: 100)
        let w = { (name: String) in all.index(of: name)! }
        let neighbors = all.neighbors(of: w("w11"), count: 8)
        #expect(neighbors.map(\.word) == reference["neighbors"] as? [String])
        for (ours, theirs) in zip(neighbors.map(\.score), reference["scores"] as? [Double] ?? []) {
            #expect(abs(Double(ours) - theirs) < 1e-6)
        }
        #expect(restricted.neighbors(of: w("w11"), count: 5).map(\.word) == reference["restricted"] as? [String])
        #expect(all.analogy(a: w("w1"), b: w("w2"), c: w("w4"), method: .threeCosAdd, count: 5).map(\.word) == reference["add"] as? [String])
        #expect(all.analogy(a: w("w1"), b: w("w2"), c: w("w4"), method: .threeCosMul, count: 5).map(\.word) == reference["mul"] as? [String])
        #expect(abs(Double(all.similarity(w("w5"), w("w6"))) - (reference["similarity"] as? Double ?? 9)) < 1e-6)
    }

    /// gensim 4.4's `evaluate_word_analogies` always calls `most_similar` (its
    /// `similarity_function` argument is unused), so the 3CosMul reference routes that call to
    /// `most_similar_cosmul`, which searches the whole vocabulary: the restriction is therefore
    /// the whole vocabulary here.
    @Test func threeCosMulCountsMatchGensimsCosmul() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let vectors = try TestVectors.benchmarkCovering(seed: 6, dimension: 16)
        let path = dir.path("v.bin")
        try Data(try vectors.exported(.word2vecBinary)).write(to: URL(fileURLWithPath: path))
        let questionsPath = SharedData.url("eval/questions-words.txt").path
        let script = """
        import sys, json
        from gensim.models import KeyedVectors
        kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
        kv.most_similar = lambda positive, negative, topn, restrict_vocab: kv.most_similar_cosmul(
            positive=positive, negative=negative, topn=topn)
        score, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=len(kv), case_insensitive=True)
        print(json.dumps([[s['section'], len(s['correct']), len(s['incorrect'])] for s in sections]))
        """
        let reference = try #require(try pythonJSON(script, [path, questionsPath]) as? [[Any]])
        let index = try NormalizedVectors(try WordVectors(contentsOf: path))
        let evaluation = index.evaluateAnalogies(try AnalogyQuestions(contentsOf: questionsPath), method: .threeCosMul)
        for (theirs, ours) in zip(reference, evaluation.sections) {
            #expect(theirs[1] as? Int == ours.correct && theirs[2] as? Int == ours.incorrect, "\(ours.name)")
        }
        #expect(reference.last?[1] as? Int == evaluation.correct && evaluation.correct > 20)
    }

    /// The batched evaluation (one sgemm per batch) agrees with answering each question alone.
    @Test(arguments: [AnalogyMethod.threeCosAdd, .threeCosMul])
    func batchesAgreeWithSingleQueries(method: AnalogyMethod) throws {
        let vectors = try TestVectors.random(count: 200, dimension: 12, seed: 4)
        let index = try NormalizedVectors(vectors, restrictVocab: 150)
        var text = ": s1\n"
        var random = TestRandom(seed: 8)
        for n in 0..<300 {
            if n == 150 { text += ": gram-s2\n" }
            var ids = (0..<4).map { _ in random.below(160) }
            // Every other question asks for the single-query answer, so both outcomes occur.
            if n % 2 == 0, ids[0...2].allSatisfy({ $0 < 150 }),
               let answer = index.analogy(a: ids[0], b: ids[1], c: ids[2], method: method).first {
                ids[3] = answer.index
            }
            text += ids.map { vectors.words[$0] }.joined(separator: " ") + "\n"
        }
        let questions = try AnalogyQuestions(text: Array(text.utf8), name: "q")
        let batched = index.evaluateAnalogies(questions, method: method, batchSize: 7)
        var correct = 0, skipped = 0
        for section in questions.sections {
            for written in section.questions {
                let (qa, qb, qc, qd) = (written.a.uppercased(), written.b.uppercased(),
                                        written.c.uppercased(), written.expected.uppercased())
                let ids = [qa, qb, qc, qd].map { w in vectors.words.prefix(150).firstIndex { $0.uppercased() == w } }
                guard let a = ids[0], let b = ids[1], let c = ids[2], ids[3] != nil else { skipped += 1; continue }
                let answers = index.analogy(a: a, b: b, c: c, method: method, count: 5)
                let predicted = answers.map { $0.word.uppercased() }.first { ![qa, qb, qc].contains($0) }
                    ?? answers.last?.word.uppercased()
                if predicted == qd { correct += 1 }
            }
        }
        #expect(batched.correct == correct && batched.skipped == skipped)
        #expect(skipped > 0 && batched.evaluated > 100 && correct > 50)
    }

    /// word2vec's `compute-accuracy` (from the `word2vec==0.11.1` pip package, which builds
    /// Mikolov's C tools) on the same vectors and questions: per-section counts and the number
    /// of questions seen must agree with `counting: .word2vec`.
    @Test(arguments: [0, 1200])
    func word2vecCountingMatchesComputeAccuracy(threshold: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let vectors = try TestVectors.benchmarkCovering(seed: 7)
        let path = dir.path("v.bin")
        try Data(try vectors.exported(.word2vecBinary)).write(to: URL(fileURLWithPath: path))
        let questionsURL = SharedData.url("eval/questions-words.txt")
        let tool = try Subprocess.run("/usr/bin/env", ["sh", "-c", "command -v word2vec-compute-accuracy"]).stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!tool.isEmpty, "word2vec-compute-accuracy is missing: pip install word2vec==0.11.1")
        guard !tool.isEmpty else { return }
        let run = try Subprocess.run(tool, [path, String(threshold)], stdin: try Data(contentsOf: questionsURL))
        #expect(run.status == 0)
        // "NAME:" then "ACCURACY TOP1: x %  (correct / evaluated)" per section; "Questions seen / total: S T".
        var reference: [(correct: Int, evaluated: Int)] = []
        var seen = -1
        for line in run.stdoutText.split(separator: "\n") {
            if line.hasPrefix("ACCURACY TOP1:"), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")") {
                let numbers = line[line.index(after: open)..<close].split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 }
                reference.append((numbers[0], numbers[1]))
            } else if line.hasPrefix("Questions seen / total:") {
                seen = Int(line.split(separator: " ")[4]) ?? -1
            }
        }
        let index = try NormalizedVectors(try WordVectors(contentsOf: path), restrictVocab: threshold == 0 ? nil : threshold)
        let evaluation = index.evaluateAnalogies(try AnalogyQuestions(contentsOf: questionsURL.path), counting: .word2vec)
        // compute-accuracy prints a section only once it saw a question of it (TCN is set to 1 for empty ones).
        let ours = evaluation.sections.map { (correct: $0.correct, evaluated: max($0.evaluated, 1)) }
        #expect(reference.count == ours.count)
        for (theirs, mine) in zip(reference, ours) { #expect(theirs == mine) }
        #expect(seen == evaluation.evaluated)
        #expect(evaluation.correct > 20)
    }
}

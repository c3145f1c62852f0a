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
}

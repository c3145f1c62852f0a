import Testing
import Kernels
import Embeddings

/// Analogy and Spearman arithmetic on tiny hand-made inputs whose answers are known by hand.
struct ArithmeticTests {
    @Test func averageRanksAndSpearmanFollowScipy() {
        // scipy.stats.rankdata([10, 20, 20, 5]) == [2, 3.5, 3.5, 1]
        #expect(RankCorrelation.averageRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        // Ranks [1,2,3,4] vs [1,3,2,4]: r = 1 - 6·Σd²/(n(n²-1)) = 1 - 6·2/60 = 0.8.
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-15)
        #expect(RankCorrelation.pearson([1, 1], [1, 2]).isNaN)
    }

    @Test func threeCosAddFindsTheParallelogramAndSkipsQuestionWords() throws {
        // man → king is the same step as woman → queen; "king" itself is closest to the query
        // direction but excluded as a question word.
        let words = ["man", "king", "woman", "queen", "apple"]
        let values: [Float] = [1, 0, 0,  1, 1, 0,  0.9, 0, 0.4,  0.9, 1, 0.4,  0, -1, 0.3]
        let v = try NormalizedVectors(try WordVectors(words: words, vectors: FloatMatrix(rows: 5, columns: 3, values: values)))
        let add = v.analogy(a: 0, b: 1, c: 2, method: .threeCosAdd, count: 2)
        #expect(add.first?.word == "queen")
        #expect(!add.contains { ["man", "king", "woman"].contains($0.word) })
        #expect(v.analogy(a: 0, b: 1, c: 2, method: .threeCosMul).first?.word == "queen")
        #expect(v.neighbors(of: 0, count: 1).first?.word == "woman")
        #expect(abs(v.similarity(0, 4)) < 1e-7)
        // The mean of the unit vectors of man (1,0,0) and apple (0,-1,0.3)/√1.09.
        let mean = v.meanVector(of: [0, 4])
        #expect(abs(mean[0] - 0.5) < 1e-6 && abs(mean[1] + 0.5 / (1.09 as Float).squareRoot()) < 1e-6)
    }

    @Test func evaluationCountsSkippedCaseInsensitiveAndSections() throws {
        let words = ["man", "king", "woman", "queen", "Paris", "France", "Rome", "Italy", "rare"]
        let values: [Float] = [1, 0, 0,  1, 1, 0,  0.9, 0, 0.4,  0.9, 1, 0.4,
                               0, 0, 1,  0, 1, 1,  0.1, 0, 1,  0.1, 1, 1,  -1, -1, -1]
        let v = try NormalizedVectors(try WordVectors(words: words, vectors: FloatMatrix(rows: 9, columns: 3, values: values)),
                                      restrictVocab: 8)
        let text = """
        : capital-common-countries
        paris france rome italy
        PARIS FRANCE ROME RARE
        bad line
        : gram-family
        man king woman queen

        """
        let questions = try AnalogyQuestions(text: Array(text.utf8), name: "q")
        #expect(questions.invalidLines == 1)   // "bad line"
        let result = v.evaluateAnalogies(questions)
        #expect(result.sections.map(\.name) == ["capital-common-countries", "gram-family"])
        #expect(result.sections[0].correct == 1 && result.sections[0].skipped == 1)
        #expect(result.sections[1].correct == 1)
        #expect(result.subtotal(syntactic: true).correct == 1)
        #expect(result.accuracy == 1 && result.questions == 3)
    }
}

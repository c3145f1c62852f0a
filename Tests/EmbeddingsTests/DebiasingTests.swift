import Foundation
import Testing
import Embeddings
import Kernels
import _TestSupport

/// Hard debiasing on hand-made vectors whose answers are known in closed form.
@Suite struct DebiasingTests {
    static func unitRows(_ rows: [[Float]]) -> FloatMatrix {
        let m = FloatMatrix(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 })
        m.normalizeRows()
        return m
    }

    static func randomUnitMatrix(rows: Int, columns: Int, seed: UInt64) -> FloatMatrix {
        var random = TestRandom(seed: seed)
        let m = FloatMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(random.normal()) })
        m.normalizeRows()
        return m
    }

    static func dot(_ m: FloatMatrix, _ i: Int, _ v: [Float]) -> Double {
        (0..<m.columns).reduce(0.0) { $0 + Double(m[i, $1]) * Double(v[$1]) }
    }

    static func dot(_ m: FloatMatrix, _ i: Int, _ j: Int) -> Double {
        (0..<m.columns).reduce(0.0) { $0 + Double(m[i, $1]) * Double(m[j, $1]) }
    }

    static func unitVector(_ values: [Double]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { Float($0 / norm) }
    }

    @Test func neutralisedWordsHaveNoProjectionAndStayUnitLength() {
        let unit = Self.randomUnitMatrix(rows: 300, columns: 40, seed: 1)
        let original = unit.copy()
        let g = Self.unitVector((0..<40).map { Double($0 % 5) - 1.7 })
        // The exempt rows are the two with the largest components along g: they keep them.
        let exempt = (0..<300).sorted { abs(Self.dot(original, $0, g)) > abs(Self.dot(original, $1, g)) }.prefix(2)
        let count = Neutralization.neutralize(unit, along: g, exempt: Set(exempt))
        #expect(count == 298)
        for i in 0..<300 {
            if exempt.contains(i) {
                #expect(unit.rowArray(i) == original.rowArray(i), "exempt rows are untouched")
                #expect(abs(Self.dot(unit, i, g)) > 0.1, "the exempt rows keep their component")
            } else {
                #expect(abs(Self.dot(unit, i, g)) < 1e-6)
                #expect(abs(Self.dot(unit, i, i) - 1) < 1e-6)
                // What is left is the original's orthogonal part, rescaled: e − (e·g)g, normalised.
                let p = Self.dot(original, i, g)
                let rest = (0..<40).map { Double(original[i, $0]) - p * Double(g[$0]) }
                let norm = rest.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for k in 0..<40 { #expect(abs(Double(unit[i, k]) - rest[k] / norm) < 1e-5) }
            }
        }
    }

    @Test func equalisedPairsAreEquidistantFromEveryNeutralWordAndUnitLength() {
        let unit = Self.randomUnitMatrix(rows: 60, columns: 12, seed: 2)
        let g = Self.unitVector((0..<12).map { $0 == 3 ? 1 : 0.1 * Double($0) })
        // Rows 0/1 and 2/3 are pairs; they are exempt from neutralising, the rest is neutral.
        Neutralization.neutralize(unit, along: g, exempt: [0, 1, 2, 3])
        let before0 = Self.dot(unit, 0, g), before1 = Self.dot(unit, 1, g)
        Equalization.equalize(unit, 0, 1, along: g)
        Equalization.equalize(unit, 3, 2, along: g)
        for (a, b) in [(0, 1), (3, 2)] {
            #expect(abs(Self.dot(unit, a, a) - 1) < 1e-6)
            #expect(abs(Self.dot(unit, b, b) - 1) < 1e-6)
            #expect(abs(Self.dot(unit, a, g) + Self.dot(unit, b, g)) < 1e-6, "opposite components along g")
            for n in 4..<60 {
                #expect(abs(Self.dot(unit, n, a) - Self.dot(unit, n, b)) < 1e-6)
            }
        }
        // Each word keeps its side of g.
        #expect((Self.dot(unit, 0, g) > 0) == (before0 > before1))
    }

    @Test func equalisationMatchesTheClosedFormOnAHandMadePair() {
        // g = x-axis; e1 = (0.8, 0.6, 0), e2 = (0, 0.6, 0.8): μ = (0.4, 0.6, 0.4), μ_⊥ = (0, 0.6, 0.4),
        // ‖μ_⊥‖² = 0.52, z = √0.48; e1 has the larger component along g, so it takes +z.
        let unit = FloatMatrix(rows: 2, columns: 3, values: [0.8, 0.6, 0, 0, 0.6, 0.8])
        Equalization.equalize(unit, 0, 1, along: [1, 0, 0])
        let z = Float(0.48.squareRoot())
        for (got, want) in zip(unit.toArray(), [z, 0.6, 0.4, -z, 0.6, 0.4]) { #expect(abs(got - want) < 1e-6) }
    }

    @Test func caseVariantsOfEqualisationPairsAreExpandedLikeDebiaswe() {
        let vocabulary = ["man": 0, "woman": 1, "Man": 2, "Woman": 3, "MAN": 4, "WOMAN": 5, "Catholic_Priest": 6, "Nun": 7]
        let (found, skipped) = Equalization.candidates([WordPair("man", "woman"), WordPair("catholic_priest", "nun"),
                                                        WordPair("x", "y")], index: { vocabulary[$0] })
        #expect(found == [WordPair("man", "woman"), WordPair("Man", "Woman"), WordPair("MAN", "WOMAN"),
                          WordPair("Catholic_Priest", "Nun")])
        #expect(skipped == [WordPair("x", "y")])
    }

    /// Pairs built as base ± c·p with base ⊥ p: every difference of unit vectors is parallel to
    /// the planted p, so the first principal component (and the mean direction) is p.
    @Test(arguments: [BiasDirectionMethod.pca, .mean])
    func theDirectionOfConstructedPairsIsThePlantedDirection(method: BiasDirectionMethod) throws {
        let d = 16
        var random = TestRandom(seed: 3)
        let planted = Self.unitVector((0..<d).map { _ in random.normal() }).map(Double.init)
        var rows: [[Float]] = []
        var words: [String: Int] = [:]
        var pairs: [WordPair] = []
        for k in 0..<6 {
            var base = (0..<d).map { _ in random.normal() }
            let along = zip(base, planted).reduce(0) { $0 + $1.0 * $1.1 }
            base = zip(base, planted).map { $0 - along * $1 }
            let c = 0.3 + 0.2 * Double(k)
            rows.append(zip(base, planted).map { Float($0 + c * $1) })
            rows.append(zip(base, planted).map { Float($0 - c * $1) })
            words["f\(k)"] = 2 * k
            words["m\(k)"] = 2 * k + 1
            pairs.append(WordPair("f\(k)", "m\(k)"))
        }
        pairs.append(WordPair("f0", "unknown"))
        let unit = Self.unitRows(rows)
        let direction = try BiasDirection(pairs: pairs, method: method, unit: unit, index: { words[$0] }, source: "test")
        let cosine = zip(direction.vector, planted).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        #expect(cosine > 1 - 1e-6, "g is the planted direction, oriented towards the first words")
        #expect(direction.pairs.count == 6 && direction.skippedPairs == [WordPair("f0", "unknown")])
        let ratios = try #require(direction.explainedVariance)
        #expect(abs(ratios[0] - 1) < 1e-9, "one direction explains all of the pairs' variance")
    }

    @Test func noKnownPairIsAnErrorNamingTheList() {
        let unit = Self.randomUnitMatrix(rows: 2, columns: 4, seed: 4)
        #expect(throws: EmbeddingsError(.badData, "pairs.json: none of the 2 definitional pairs has both words in the vocabulary")) {
            try BiasDirection(pairs: [WordPair("a", "b"), WordPair("c", "d")], method: .pca, unit: unit,
                              index: { $0 == "a" ? 0 : nil }, source: "pairs.json")
        }
    }

    /// g = she − he = x-axis. cos(nurse, g) = 3/5, cos(engineer, g) = −1/√2, cos(doctor, g) = 0, so
    /// the direct bias is (0.6 + 0.70710678 + 0)/3; `he` is exempt, `pilot` unknown.
    @Test func directBiasMatchesHandComputation() throws {
        let words = ["she": 0, "he": 1, "nurse": 2, "engineer": 3, "doctor": 4]
        let unit = Self.unitRows([[1, 1, 0], [-1, 1, 0], [3, 4, 0], [-1, 0, 1], [0, 0, 2]])
        let direction = try BiasDirection(words: WordPair("she", "he"), unit: unit, index: { words[$0] })
        for (got, want) in zip(direction.vector, [Float(1), 0, 0]) { #expect(abs(got - want) < 1e-6) }
        let bias = DirectBias(words: ["nurse", "engineer", "doctor", "he", "pilot", "nurse"], unit: unit,
                              index: { words[$0] }, direction: direction.vector, exempt: [1], top: 5)
        let value = try #require(bias.value)
        #expect(abs(value - (0.6 + 0.5.squareRoot()) / 3) < 1e-6)
        #expect(bias.measured == 3 && bias.unknown == ["pilot"] && bias.exempt == ["he"])
        #expect(bias.positive.map(\.word) == ["nurse"] && abs(bias.positive[0].projection - 0.6) < 1e-6)
        #expect(bias.negative.map(\.word) == ["engineer"] && abs(Double(bias.negative[0].projection) + 0.5.squareRoot()) < 1e-6)
    }

    /// s(w) = cos(w, a) − cos(w, b) with a = x, b = y: x1 → 1, x2 = (0.6, 0.8) → −0.2, y1 → −1,
    /// y2 = (0.8, 0.6) → 0.2. Means 0.4 and −0.4, pooled sample std √(2.08/3), so the effect size
    /// is 0.8/√(2.08/3); s(X, Y) = 1.6, and of the C(4, 2) = 6 partitions only {x1, y2} (2.4)
    /// exceeds it: p = 1/6.
    @Test func weatMatchesHandComputation() throws {
        let words = ["x1": 0, "x2": 1, "y1": 2, "y2": 3, "a": 4, "b": 5]
        let unit = Self.unitRows([[1, 0], [0.6, 0.8], [0, 1], [0.8, 0.6], [1, 0], [0, 1]])
        let test = WEATTest(name: "hand", x: ["x1", "x2"], y: ["y1", "y2", "zz"], a: ["a"], b: ["b"])
        let result = try WEATResult(test, unit: unit, index: { words[$0] }, permutations: 100, seed: 1, source: "t")
        #expect(abs(try #require(result.effectSize) - 0.8 / (2.08 / 3).squareRoot()) < 1e-6)
        #expect(abs(result.statistic - 1.6) < 1e-6)
        #expect(result.exact && result.partitions == 6)
        #expect(result.pValue == 1.0 / 6)
        #expect(result.unknown == ["zz"] && result.sizes == [2, 2, 1, 1])
        #expect(throws: EmbeddingsError(.badData, "t: WEAT 'hand': no word of A is in the vocabulary")) {
            try WEATResult(WEATTest(name: "hand", x: ["x1"], y: ["y1"], a: ["q"], b: ["b"]), unit: unit,
                           index: { words[$0] }, permutations: 10, seed: 1, source: "t")
        }
    }

    /// 10 + 10 targets have C(20, 10) = 184,756 partitions: the exact p-value against a sample of
    /// 20,000 drawn ones, which must agree to within a few standard errors.
    @Test func sampledPermutationPValueApproachesTheExactOne() throws {
        let unit = Self.randomUnitMatrix(rows: 26, columns: 6, seed: 5)
        var words: [String: Int] = [:]
        for i in 0..<26 { words["w\(i)"] = i }
        let test = WEATTest(x: (0..<10).map { "w\($0)" }, y: (10..<20).map { "w\($0)" },
                            a: (20..<23).map { "w\($0)" }, b: (23..<26).map { "w\($0)" })
        let exact = try WEATResult(test, unit: unit, index: { words[$0] }, permutations: 200_000, seed: 1, source: "t")
        let sampled = try WEATResult(test, unit: unit, index: { words[$0] }, permutations: 20_000, seed: 9, source: "t")
        let again = try WEATResult(test, unit: unit, index: { words[$0] }, permutations: 20_000, seed: 9, source: "t")
        #expect(exact.exact && exact.partitions == 184_756 && !sampled.exact && sampled.partitions == 20_000)
        let p = try #require(exact.pValue), q = try #require(sampled.pValue)
        #expect(p > 0.01 && p < 0.99, "a p-value in the interesting range (\(p))")
        #expect(abs(p - q) < 4 * (p * (1 - p) / 20_000).squareRoot() + 1e-3)
        #expect(again.pValue == sampled.pValue, "the same seed draws the same partitions")
    }

    @Test func malformedWordListsAreBadData() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let broken = try dir.write("broken.json", "[[\"she\", \"he\"], [\"her\"")
        let shape = try dir.write("shape.json", "[[\"she\", \"he\"], [\"her\"]]")
        let words = try dir.write("words.json", "{\"a\": 1}")
        let weat = try dir.write("weat.json", "{\"X\": [\"a\"], \"Y\": [\"b\"], \"A\": [\"c\"]}")
        let professions = try dir.write("professions.json", "[[\"nurse\", 0.0, -0.8], \"doctor\"]")
        for (path, call) in [(broken, { _ = try WordLists.pairs(contentsOf: broken) }),
                             (shape, { _ = try WordLists.pairs(contentsOf: shape) }),
                             (words, { _ = try WordLists.words(contentsOf: words) }),
                             (weat, { _ = try WordLists.weatTests(contentsOf: weat) })] as [(String, () throws -> Void)] {
            do {
                try call()
                Issue.record("\(path) was accepted")
            } catch let error as EmbeddingsError {
                #expect(error.kind == .badData && error.description.hasPrefix(path + ": "))
            }
        }
        #expect(try WordLists.words(contentsOf: professions) == ["nurse", "doctor"])
        #expect(throws: EmbeddingsError.self) { try WordLists.words(contentsOf: dir.path("missing.json")) }
    }

    @Test func theBuiltInListsAreConsistent() {
        let specific = Set(DefaultWordLists.genderSpecific)
        for pair in DefaultWordLists.definitionalPairs + DefaultWordLists.equalizePairs {
            #expect(specific.contains(pair.first) && specific.contains(pair.second))
        }
        #expect(DefaultWordLists.professions.allSatisfy { !specific.contains($0) }, "no profession is gender-specific")
        #expect(Set(DefaultWordLists.professions).count == DefaultWordLists.professions.count)
        #expect(DefaultWordLists.genderSpecificWithCaseVariants.contains("He"))
        #expect(DefaultWordLists.genderSpecificWithCaseVariants.contains("SHE"))
    }
}

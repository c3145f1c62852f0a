import JSONCore
import Kernels

/// How the bias direction is found from definitional pairs.
public enum BiasDirectionMethod: String, CaseIterable, Sendable {
    /// The first principal component of the centred pair vectors (Bolukbasi et al. 2016, §5;
    /// debiaswe's `doPCA`).
    case pca
    /// The mean of the normalised pair differences (the course's averaged g).
    case mean
}

/// The bias subspace of hard debiasing, one unit vector g of length D, found on unit-normalised
/// word vectors. It is oriented so that the first word of the pairs lies on its positive side:
/// Σ (ê_first − ê_second)·g ≥ 0 over the pairs used, so a positive projection means "towards the
/// first words" (`she` for the pair `["she", "he"]`).
public struct BiasDirection: Sendable {
    /// g, unit length.
    public let vector: [Float]
    /// `pca`, `mean`, or `words` (g = ê_a − ê_b, the course's simplest case).
    public let method: String
    /// The pairs whose words are all in the vocabulary, in the list's order.
    public let pairs: [WordPair]
    /// The pairs left out because a word is not in the vocabulary.
    public let skippedPairs: [WordPair]
    /// The share of the pairs' variance along each of the first principal components (sklearn's
    /// `explained_variance_ratio_` of debiaswe's `doPCA` matrix); nil for a single word pair.
    public let explainedVariance: [Double]?

    /// The direction from definitional pairs. `unit` holds the unit-normalised vectors and
    /// `index` finds a word's row; pairs with an unknown word are skipped. `components` bounds
    /// how many explained-variance ratios are reported.
    ///
    /// - `.pca`: for each pair (a, b) with midpoint c = (ê_a + ê_b)/2 the rows ê_a − c and ê_b − c
    ///   (debiaswe's `doPCA`), whose first principal component is g (`PrincipalComponents`,
    ///   power iteration in Float64): O(iterations · components · pairs · D).
    /// - `.mean`: g ∝ (1/n) Σ (ê_a − ê_b)/‖ê_a − ê_b‖, normalised to unit length. O(pairs · D).
    ///
    /// Throws `.badData` when no pair has both words in the vocabulary, or the pairs define no
    /// direction (every pair is one vector twice).
    public init(pairs requested: [WordPair], method: BiasDirectionMethod, unit: FloatMatrix,
                index: (String) -> Int?, components: Int = 10, source: String) throws {
        var used: [(WordPair, Int, Int)] = []
        var skipped: [WordPair] = []
        for pair in requested {
            if let i = index(pair.first), let j = index(pair.second) { used.append((pair, i, j)) } else { skipped.append(pair) }
        }
        guard !used.isEmpty else {
            throw EmbeddingsError.badData(source, requested.isEmpty ? "the list of definitional pairs is empty"
                : "none of the \(requested.count) definitional pairs has both words in the vocabulary")
        }
        let d = unit.columns
        func difference(_ i: Int, _ j: Int) -> [Double] {
            (0..<d).map { Double(unit[i, $0]) - Double(unit[j, $0]) }
        }
        var rows: [[Float]] = []
        for (_, i, j) in used {
            let half = difference(i, j).map { Float($0 / 2) }
            rows.append(half)
            rows.append(half.map { -$0 })
        }
        let pca = PrincipalComponents(rows: rows, components: min(max(components, 1), rows.count), iterations: 3000)
        var g: [Double]
        switch method {
        case .pca:
            g = pca.axes[0]
        case .mean:
            g = [Double](repeating: 0, count: d)
            for (_, i, j) in used {
                let diff = difference(i, j)
                let norm = diff.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { continue }
                for k in 0..<d { g[k] += diff[k] / norm / Double(used.count) }
            }
        }
        var orientation = 0.0
        for (_, i, j) in used { orientation += zip(difference(i, j), g).reduce(0) { $0 + $1.0 * $1.1 } }
        let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 1e-12, norm.isFinite else {
            throw EmbeddingsError.badData(source, "the definitional pairs define no direction (their two words have the same vector)")
        }
        let sign: Double = orientation < 0 ? -1 : 1
        vector = g.map { Float(sign * $0 / norm) }
        self.method = method.rawValue
        pairs = used.map(\.0)
        skippedPairs = skipped
        explainedVariance = pca.totalVariance > 0 ? pca.variances.map { $0 / pca.totalVariance } : nil
    }

    /// g = (ê_a − ê_b)/‖ê_a − ê_b‖ for two words (the course's g = e_woman − e_man, on unit
    /// vectors). `.badData` when a word is unknown or the two vectors are equal.
    public init(words pair: WordPair, unit: FloatMatrix, index: (String) -> Int?) throws {
        let unknown = [pair.first, pair.second].filter { index($0) == nil }
        guard unknown.isEmpty, let i = index(pair.first), let j = index(pair.second) else {
            throw EmbeddingsError(.badData, "--direction-words: not in the vocabulary: \(unknown.joined(separator: ", "))")
        }
        let diff = (0..<unit.columns).map { Double(unit[i, $0]) - Double(unit[j, $0]) }
        let norm = diff.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 1e-12 else {
            throw EmbeddingsError(.badData, "--direction-words: '\(pair.first)' and '\(pair.second)' have the same vector")
        }
        vector = diff.map { Float($0 / norm) }
        method = "words"
        pairs = [pair]
        skippedPairs = []
        explainedVariance = nil
    }

    /// ê·g for every row of `unit` (cosines, as the rows and g are unit length): one `sgemv`,
    /// O(V·D).
    public func projections(of unit: FloatMatrix) -> [Float] {
        var result = [Float](repeating: 0, count: unit.rows)
        result.withUnsafeMutableBufferPointer { BLAS.multiply(unit, vector, into: $0.baseAddress!) }
        return result
    }

    /// The words at the two ends: the first pair's words.
    public var poles: WordPair { WordPair(pairs[0].first, pairs[0].second) }

    /// The direction as the report and the model's metadata record it (with g when `withVector`).
    public func json(withVector: Bool) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("method", .string(method)),
            ("pairs", .array(pairs.map(\.json))),
            ("skipped_pairs", .array(skippedPairs.map(\.json))),
            ("positive_pole", .string(poles.first)),
            ("negative_pole", .string(poles.second)),
            ("explained_variance", explainedVariance.map { ratios in .array(ratios.map { JSONValue($0) }) } ?? .null),
        ]
        if withVector { fields.append(("vector", .array(vector.map { JSONValue($0) }))) }
        return .object(fields)
    }
}

import JSONCore
import Kernels
import Randomness

/// The Word Embedding Association Test (Caliskan, Bryson & Narayanan 2017, "Semantics derived
/// automatically from language corpora contain human-like biases", Science 356:183–186):
///
///     s(w, A, B)    = mean_{a∈A} cos(w, a) − mean_{b∈B} cos(w, b)
///     s(X, Y, A, B) = Σ_{x∈X} s(x, A, B) − Σ_{y∈Y} s(y, A, B)
///     effect size   = (mean_{x∈X} s(x, A, B) − mean_{y∈Y} s(y, A, B)) / std_{w∈X∪Y} s(w, A, B)
///     p             = Pr_i [ s(X_i, Y_i, A, B) > s(X, Y, A, B) ]
///
/// over the partitions (X_i, Y_i) of X ∪ Y into sets of sizes |X| and |Y| (one-sided). The
/// standard deviation is the sample one over the pooled set (divisor |X ∪ Y| − 1), as the
/// reference implementation of May et al. 2019 (sent-bias `weat.py`, `np.std(..., ddof=1)`)
/// computes it.
public struct WEATResult: Sendable {
    public let name: String?
    public let effectSize: Double?
    /// s(X, Y, A, B).
    public let statistic: Double
    public let pValue: Double?
    /// How many partitions the p-value counts.
    public let partitions: Int
    /// Whether every partition was enumerated (otherwise they were drawn at random).
    public let exact: Bool
    /// Sizes of X, Y, A, B after dropping unknown words.
    public let sizes: [Int]
    public let unknown: [String]

    /// Runs `test` on the unit rows `unit`. Unknown words are dropped and listed; a set left
    /// empty is `.badData`. The cosines are one `sgemm` of the (|X|+|Y|)×D targets against the
    /// (|A|+|B|)×D attributes. The p-value enumerates all C(|X|+|Y|, |X|) partitions when there
    /// are at most `permutations`, otherwise draws `permutations` random ones from NumPy's
    /// `default_rng(seed)` stream (a partial Fisher–Yates shuffle per draw).
    public init(_ test: WEATTest, unit: FloatMatrix, index: (String) -> Int?, permutations: Int, seed: UInt64,
                source: String) throws {
        var unknown: [String] = []
        func rows(_ words: [String], _ label: String) throws -> [Int] {
            let found = words.compactMap { word -> Int? in
                if let i = index(word) { return i }
                if !unknown.contains(word) { unknown.append(word) }
                return nil
            }
            guard !found.isEmpty else {
                throw EmbeddingsError.badData(source, "WEAT\(test.name.map { " '\($0)'" } ?? ""): no word of \(label) is in the vocabulary")
            }
            return found
        }
        let x = try rows(test.x, "X"), y = try rows(test.y, "Y"), a = try rows(test.a, "A"), b = try rows(test.b, "B")
        let d = unit.columns
        func gather(_ indices: [Int]) -> FloatMatrix {
            let m = FloatMatrix(rows: indices.count, columns: d)
            for (r, i) in indices.enumerated() { Vector.copy(unit.row(i), to: m.row(r), count: d) }
            return m
        }
        let targets = gather(x + y), attributes = gather(a + b)
        let cosines = FloatMatrix(rows: targets.rows, columns: attributes.rows)
        BLAS.multiplyTransposed(targets, attributes, into: cosines)
        let s: [Double] = (0..<targets.rows).map { r in
            var meanA = 0.0, meanB = 0.0
            for c in 0..<a.count { meanA += Double(cosines[r, c]) }
            for c in a.count..<(a.count + b.count) { meanB += Double(cosines[r, c]) }
            return meanA / Double(a.count) - meanB / Double(b.count)
        }
        let n = s.count, nx = x.count
        let total = s.reduce(0, +)
        /// s(X_i, Y_i) = Σ_{X_i} s − Σ_{Y_i} s = 2·Σ_{X_i} s − Σ s, summed in ascending index order so
        /// the observed partition reproduces `statistic` bit for bit.
        func statistic(_ members: [Int]) -> Double { 2 * members.reduce(0.0) { $0 + s[$1] } - total }
        let observed = statistic(Array(0..<nx))
        let meanX = s[0..<nx].reduce(0, +) / Double(nx), meanY = s[nx...].reduce(0, +) / Double(n - nx)
        let mean = total / Double(n)
        let variance = n > 1 ? s.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1) : 0
        effectSize = variance > 0 ? (meanX - meanY) / variance.squareRoot() : nil

        var greater = 0, counted = 0
        let combinations = Self.binomial(n, nx, cap: max(permutations, 0) + 1)
        if combinations <= permutations {
            var members = Array(0..<nx)
            repeat {
                if statistic(members) > observed { greater += 1 }
                counted += 1
            } while Self.nextCombination(&members, n: n)
            exact = true
        } else {
            var generator = NumPyGenerator(seed: seed)
            var order = Array(0..<n)
            for _ in 0..<permutations {
                for k in 0..<nx {
                    let pick = k + Int(generator.nextInteger(below: UInt64(n - k)))
                    order.swapAt(k, pick)
                }
                if statistic(order[0..<nx].sorted()) > observed { greater += 1 }
                counted += 1
            }
            exact = false
        }
        pValue = counted > 0 ? Double(greater) / Double(counted) : nil
        partitions = counted
        self.statistic = observed
        name = test.name
        sizes = [x.count, y.count, a.count, b.count]
        self.unknown = unknown
    }

    /// C(n, k), or `cap` when it is at least `cap` (to avoid overflow).
    static func binomial(_ n: Int, _ k: Int, cap: Int) -> Int {
        let k = min(k, n - k)
        guard k >= 0 else { return 0 }
        var result = 1
        for i in 0..<k {
            // result·(n−i)/(i+1) stays an integer at every step.
            let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
            if overflow { return cap }
            result = product / (i + 1)
            if result >= cap { return cap }
        }
        return result
    }

    /// The next k-subset of 0..<n in lexicographic order; false after the last.
    static func nextCombination(_ members: inout [Int], n: Int) -> Bool {
        let k = members.count
        var i = k - 1
        while i >= 0 && members[i] == n - k + i { i -= 1 }
        guard i >= 0 else { return false }
        members[i] += 1
        for j in (i + 1)..<k { members[j] = members[j - 1] + 1 }
        return true
    }

    public var json: JSONValue {
        let fields: [(key: String, value: JSONValue)] = [
            ("name", name.map { JSONValue.string($0) } ?? .null),
            ("effect_size", effectSize.map { JSONValue($0) } ?? .null),
            ("statistic", JSONValue(statistic)),
            ("p_value", pValue.map { JSONValue($0) } ?? .null),
            ("partitions", JSONValue(partitions)),
            ("exact", .bool(exact)),
            ("sizes", .array(sizes.map { JSONValue($0) })),
            ("unknown", .array(unknown.map { JSONValue.string($0) })),
        ]
        return .object(fields)
    }
}

import Diagnostics

/// chrF (Popović, 2015) and chrF++ (Popović, 2017) exactly as sacreBLEU 2.6.0 computes them
/// (`sacrebleu/metrics/chrf.py`).
///
/// Per segment and per reference, for character n-grams of orders 1…`charOrder` (over the
/// line with whitespace removed unless `whitespace`) and word n-grams of orders 1…`wordOrder`
/// (words with one leading or trailing ASCII punctuation mark split off), the statistics are
/// [hypothesis n-grams (0 if the reference has none of that order), reference n-grams, clipped
/// matches]; a segment keeps the reference with the best sentence F-score. A corpus score is the
/// F-score of the summed statistics: with `epsSmoothing` the mean over orders of each order's
/// F_β (zero counts replaced by 1e-16, as chrF++.py), otherwise (sacreBLEU's default) F_β of
/// precision and recall averaged over the orders where both sides have n-grams.
public struct CHRF: Sendable, Equatable {
    /// Character n-gram order (default 6).
    public var charOrder: Int
    /// Word n-gram order: 0 for chrF, 2 for chrF++ (default 0).
    public var wordOrder: Int
    /// β: recall is β times as important as precision (default 2).
    public var beta: Int
    /// Whether lines are lowercased (Python's `str.lower()`).
    public var lowercase: Bool
    /// Whether whitespace is kept in character n-grams.
    public var whitespace: Bool
    /// Whether to average per-order F-scores with ε smoothing instead of the effective order.
    public var epsSmoothing: Bool

    public init(charOrder: Int = 6, wordOrder: Int = 0, beta: Int = 2, lowercase: Bool = false,
                whitespace: Bool = false, epsSmoothing: Bool = false) {
        precondition(charOrder + wordOrder >= 1, "chrF needs at least one n-gram order")
        self.charOrder = charOrder
        self.wordOrder = wordOrder
        self.beta = beta
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.epsSmoothing = epsSmoothing
    }

    /// chrF++: word n-grams up to order 2.
    public static var chrFPlusPlus: CHRF { CHRF(wordOrder: 2) }

    /// The number of n-gram orders.
    public var orderCount: Int { charOrder + wordOrder }

    /// Three integers per order: hypothesis n-grams, reference n-grams, matches.
    public var statisticsWidth: Int { 3 * orderCount }

    /// The display name: `chrF2`, `chrF2++`.
    public var name: String { "chrF\(beta)" + String(repeating: "+", count: wordOrder) }

    /// The score of (summed) statistics: sacreBLEU's `CHRF._compute_f_score`.
    public func score(_ statistics: CHRFStatistics) -> CHRFScore {
        precondition(statistics.values.count == statisticsWidth, "statistics of another chrF configuration")
        return CHRFScore(name: name, score: statistics.values.withUnsafeBufferPointer { fScore($0) })
    }

    /// `_compute_f_score` on Python integers, operation for operation.
    func fScore(_ s: UnsafeBufferPointer<Int>) -> Double {
        let eps = 1e-16
        var score = 0.0
        var effectiveOrder = 0
        let factor = Double(beta * beta)
        var averagePrecision = 0.0, averageRecall = 0.0
        for i in 0..<orderCount {
            let hyp = s[3 * i], ref = s[3 * i + 1], match = s[3 * i + 2]
            let precision = hyp > 0 ? Double(match) / Double(hyp) : eps
            let recall = ref > 0 ? Double(match) / Double(ref) : eps
            let denominator = factor * precision + recall
            score += denominator > 0 ? ((1 + factor) * precision * recall / denominator) : eps
            if hyp > 0 && ref > 0 {
                averagePrecision += precision
                averageRecall += recall
                effectiveOrder += 1
            }
        }
        if epsSmoothing { return 100 * score / Double(orderCount) }
        if effectiveOrder == 0 {
            averagePrecision = 0
            averageRecall = 0
        } else {
            averagePrecision /= Double(effectiveOrder)
            averageRecall /= Double(effectiveOrder)
        }
        if averagePrecision + averageRecall != 0 {
            var result = (1 + factor) * averagePrecision * averageRecall
            result /= (factor * averagePrecision) + averageRecall
            return 100 * result
        }
        return 0.0
    }

    /// sacreBLEU's `CHRFSignature`.
    public func signature(references: ReferenceCount, resampling: Resampling? = nil) -> MetricSignature {
        MetricSignature(references: references, resampling: resampling, metricEntries: [
            .init(key: "case", short: "c", value: lowercase ? "lc" : "mixed"),
            .init(key: "eff", short: "e", value: epsSmoothing ? "no" : "yes"),
            .init(key: "nc", short: "nc", value: String(charOrder)),
            .init(key: "nw", short: "nw", value: String(wordOrder)),
            .init(key: "space", short: "s", value: whitespace ? "yes" : "no"),
        ])
    }
}

/// chrF's sufficient statistics: [hyp, ref, match] for each character order then each word
/// order, as sacreBLEU lays them out. Sums are exact.
public struct CHRFStatistics: Sendable, Equatable, Hashable {
    /// The integers, three per order.
    public var values: [Int]

    public init(values: [Int]) {
        precondition(values.count % 3 == 0, "chrF statistics come in triples")
        self.values = values
    }

    public init<C: Collection>(row: C) where C.Element == Int { self.init(values: Array(row)) }

    /// All zero for `orders` orders.
    public static func zero(orders: Int) -> CHRFStatistics { CHRFStatistics(values: .init(repeating: 0, count: 3 * orders)) }

    public static func + (a: CHRFStatistics, b: CHRFStatistics) -> CHRFStatistics {
        precondition(a.values.count == b.values.count, "cannot add chrF statistics of different orders")
        return CHRFStatistics(values: zip(a.values, b.values).map(+))
    }

    public static func += (a: inout CHRFStatistics, b: CHRFStatistics) { a = a + b }
}

/// A chrF result (sacreBLEU `CHRFScore`).
public struct CHRFScore: MetricScore, Equatable {
    public let name: String
    public let score: Double
    /// chrF reports nothing after the score.
    public var verboseScore: String { "" }
}

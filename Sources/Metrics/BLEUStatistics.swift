/// The sufficient statistics of BLEU for one segment or a whole corpus, in sacreBLEU's terms:
/// hypothesis length, closest reference length, and per n-gram order the clipped matches
/// (`correct`) and hypothesis n-grams (`total`). Sums are exact, so shards add up to the corpus.
public struct BLEUStatistics: Sendable, Equatable, Hashable {
    /// The hypothesis length in tokens (sacreBLEU `sys_len`).
    public var sysLen: Int
    /// The closest reference length in tokens (sacreBLEU `ref_len`).
    public var refLen: Int
    /// Clipped n-gram matches for n = 1…N.
    public var correct: [Int]
    /// Hypothesis n-grams for n = 1…N.
    public var total: [Int]

    public init(sysLen: Int, refLen: Int, correct: [Int], total: [Int]) {
        precondition(correct.count == total.count, "matches and totals must cover the same orders")
        self.sysLen = sysLen
        self.refLen = refLen
        self.correct = correct
        self.total = total
    }

    /// All zero, for `maxNgramOrder` orders: the identity of `+`.
    public static func zero(maxNgramOrder: Int = 4) -> BLEUStatistics {
        BLEUStatistics(sysLen: 0, refLen: 0, correct: .init(repeating: 0, count: maxNgramOrder),
                       total: .init(repeating: 0, count: maxNgramOrder))
    }

    /// Statistics from sacreBLEU's flat row `[sys_len, ref_len, correct…, total…]`.
    public init<C: Collection>(row: C) where C.Element == Int {
        let values = Array(row)
        precondition(values.count >= 4 && values.count % 2 == 0, "a BLEU statistics row has 2 + 2N integers")
        let order = (values.count - 2) / 2
        self.init(sysLen: values[0], refLen: values[1], correct: Array(values[2..<(2 + order)]),
                  total: Array(values[(2 + order)...]))
    }

    /// sacreBLEU's flat row `[sys_len, ref_len, correct…, total…]`.
    public var row: [Int] { [sysLen, refLen] + correct + total }

    /// The highest n-gram order.
    public var maxNgramOrder: Int { correct.count }

    /// Element-wise sum (sacreBLEU `sum_of_lists`).
    public static func + (a: BLEUStatistics, b: BLEUStatistics) -> BLEUStatistics {
        precondition(a.correct.count == b.correct.count, "cannot add statistics of different n-gram orders")
        return BLEUStatistics(sysLen: a.sysLen + b.sysLen, refLen: a.refLen + b.refLen,
                              correct: zip(a.correct, b.correct).map(+), total: zip(a.total, b.total).map(+))
    }

    public static func += (a: inout BLEUStatistics, b: BLEUStatistics) { a = a + b }
}

/// A BLEU result with everything sacreBLEU's `BLEUScore` reports.
public struct BLEUScore: MetricScore, Equatable {
    /// "BLEU".
    public var name: String { "BLEU" }
    /// The score on the 0–100 scale.
    public let score: Double
    /// The matches per order as sacreBLEU reports them (with add-k already added for n > 1).
    public let counts: [Double]
    /// The hypothesis n-grams per order as sacreBLEU reports them (with add-k added for n > 1).
    public let totals: [Double]
    /// The n-gram precisions (0–100), smoothed; 0 for orders past an early stop.
    public let precisions: [Double]
    /// The brevity penalty.
    public let bp: Double
    /// The hypothesis length.
    public let sysLen: Int
    /// The reference length.
    public let refLen: Int
    /// The statistics the score was computed from, before any smoothing.
    public let statistics: BLEUStatistics

    /// sys_len / ref_len, or 0 when ref_len is 0.
    public var ratio: Double { refLen != 0 ? Double(sysLen) / Double(refLen) : 0 }

    /// sacreBLEU's verbose part: `59.9/34.0/21.8/14.4 (BP = 1.000 ratio = 1.026 hyp_len = 62873
    /// ref_len = 61287)`.
    public var verboseScore: String {
        let precisionText = precisions.map { formatFixed($0, decimals: 1) }.joined(separator: "/")
        return "\(precisionText) (BP = \(formatFixed(bp, decimals: 3)) ratio = \(formatFixed(ratio, decimals: 3)) "
            + "hyp_len = \(sysLen) ref_len = \(refLen))"
    }
}

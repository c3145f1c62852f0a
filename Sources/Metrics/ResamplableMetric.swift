/// A metric whose corpus score is a function of summed per-segment statistics, which is all the
/// significance tests need (sacreBLEU `Metric._compute_score_from_stats`).
public protocol ResamplableMetric: Sendable {
    /// The number of integers per segment.
    var statisticsWidth: Int { get }
    /// The score of one statistics row held as Python integers: a segment's (sentence scores),
    /// or summed ones (the corpus score, and the approximate-randomisation trials, whose NumPy
    /// `int64` sums behave the same). Allocates nothing.
    func scoreValue(row: UnsafeBufferPointer<Int>) -> Double
    /// The score of bootstrap sums held as NumPy `float32` (sacreBLEU converts the statistics
    /// to `float32` before resampling), with NumPy 2's single-precision arithmetic.
    func resampledScoreValue(float32Statistics: [Float]) -> Double
    /// Whether `resampledScoreValue` returns single-precision values (sacreBLEU's chrF returns
    /// `np.float32`, so its bootstrap means and intervals are computed in `float32`).
    var resampledScoresAreFloat32: Bool { get }
}

extension ResamplableMetric {
    /// `scoreValue(row:)` of summed statistics.
    public func scoreValue(summedStatistics s: [Int]) -> Double {
        s.withUnsafeBufferPointer { scoreValue(row: $0) }
    }

    /// The score of every row of a table (sentence-level scores), in order. O(rows × width).
    public func rowScores(_ table: StatisticsTable) -> [Double] {
        precondition(table.width == statisticsWidth, "statistics of another configuration")
        let width = table.width
        return table.values.withUnsafeBufferPointer { values in
            (0..<table.count).map { scoreValue(row: UnsafeBufferPointer(rebasing: values[($0 * width)..<(($0 + 1) * width)])) }
        }
    }
}

extension BLEU: ResamplableMetric {
    /// `compute_bleu(...).score` without building a `BLEUScore` (it runs for every
    /// randomisation trial and every sentence).
    public func scoreValue(row: UnsafeBufferPointer<Int>) -> Double {
        withComputed(row) { score, _, _ in score }
    }

    public var resampledScoresAreFloat32: Bool { false }

    /// `compute_bleu` on `float32` statistics: the lengths become Python ints again, the
    /// precisions are `float32` (`100. * correct / total`), the rest is double precision.
    public func resampledScoreValue(float32Statistics s: [Float]) -> Double {
        let order = maxNgramOrder
        let sysLen = Int(s[0]), refLen = Int(s[1])
        var correct = (0..<order).map { NumPyValue.float32(s[2 + $0]) }
        var total = (0..<order).map { NumPyValue.float32(s[2 + order + $0]) }
        let value = NumPyValue.python(smoothingValue ?? smoothing.defaultValue ?? 0)
        var bp = 1.0
        if sysLen < refLen {
            bp = sysLen > 0 ? Metrics.exponential(1 - Double(refLen) / Double(sysLen)) : 0.0
        }
        if correct.allSatisfy({ $0.isZero }) { return 0.0 }
        var precisions = [NumPyValue](repeating: .python(0.0), count: order)
        var smoothMteval = NumPyValue.python(1.0)
        var effective = order
        for n in 1...order {
            if smoothing == .addK && n > 1 {
                correct[n - 1] = correct[n - 1] + value
                total[n - 1] = total[n - 1] + value
            }
            if total[n - 1].isZero { break }
            if effectiveOrder { effective = n }
            if correct[n - 1].isZero {
                if smoothing == .exp {
                    smoothMteval = smoothMteval * .python(2)
                    precisions[n - 1] = .python(100.0) / (smoothMteval * total[n - 1])
                } else if smoothing == .floor {
                    precisions[n - 1] = .python(100.0) * value / total[n - 1]
                }
            } else {
                precisions[n - 1] = .python(100.0) * correct[n - 1] / total[n - 1]
            }
        }
        var logSum = 0.0
        for k in 0..<effective { logSum += BLEU.myLog(precisions[k].double) }
        return bp * Metrics.exponential(logSum / Double(effective))
    }
}

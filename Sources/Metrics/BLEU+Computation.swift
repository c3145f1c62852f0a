extension BLEU {
    /// sacreBLEU's `BLEU.compute_bleu` on a statistics row `[sys_len, ref_len, correct…, total…]`,
    /// step for step and without allocating: brevity penalty; the early exit with score 0 when
    /// no n-gram matches (#141); add-k on orders > 1; the break at the first order without
    /// hypothesis n-grams; smoothing of zero matches (exp: 100 / (2ᵏ·total) for the k-th, floor:
    /// 100·value / total); then `bp · exp(Σ my_log(pₙ) / order)` with Python's left-to-right
    /// `sum`. Writes the counts and totals as sacreBLEU reports them (add-k included) and the
    /// precisions (N values each), and returns the score and brevity penalty. O(N).
    @inline(__always)
    func compute(_ s: UnsafeBufferPointer<Int>, counts: UnsafeMutablePointer<Double>,
                 totals: UnsafeMutablePointer<Double>, precisions: UnsafeMutablePointer<Double>) -> (score: Double, bp: Double) {
        let order = maxNgramOrder
        precondition(s.count == 2 + 2 * order, "statistics of another n-gram order")
        let sysLen = s[0], refLen = s[1]
        let value = smoothingValue ?? smoothing.defaultValue ?? 0
        var anyMatch = false
        for n in 0..<order {
            counts[n] = Double(s[2 + n])
            totals[n] = Double(s[2 + order + n])
            precisions[n] = 0.0
            if s[2 + n] != 0 { anyMatch = true }
        }
        var bp = 1.0
        if sysLen < refLen {
            bp = sysLen > 0 ? Metrics.exponential(1 - Double(refLen) / Double(sysLen)) : 0.0
        }
        if !anyMatch { return (0.0, bp) }
        var smoothMteval = 1.0
        var effective = order
        for n in 1...order {
            if smoothing == .addK && n > 1 {
                counts[n - 1] += value
                totals[n - 1] += value
            }
            if totals[n - 1] == 0 { break }
            if effectiveOrder { effective = n }
            if counts[n - 1] == 0 {
                if smoothing == .exp {
                    smoothMteval *= 2
                    precisions[n - 1] = 100.0 / (smoothMteval * totals[n - 1])
                } else if smoothing == .floor {
                    precisions[n - 1] = 100.0 * value / totals[n - 1]
                }
            } else {
                precisions[n - 1] = 100.0 * counts[n - 1] / totals[n - 1]
            }
        }
        var logSum = 0.0
        for k in 0..<effective { logSum += BLEU.myLog(precisions[k]) }
        return (bp * Metrics.exponential(logSum / Double(effective)), bp)
    }

    /// `compute` with scratch space on the stack; returns the score, brevity penalty, and
    /// passes the precisions to `body`.
    @inline(__always)
    func withComputed<R>(_ s: UnsafeBufferPointer<Int>,
                         _ body: (_ score: Double, _ bp: Double, _ precisions: UnsafeMutablePointer<Double>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * maxNgramOrder) { scratch in
            let base = scratch.baseAddress!
            let (score, bp) = compute(s, counts: base, totals: base + maxNgramOrder, precisions: base + 2 * maxNgramOrder)
            return body(score, bp, base + 2 * maxNgramOrder)
        }
    }
}

import Randomness

/// sacreBLEU's confidence intervals and paired significance tests (`sacrebleu/significance.py`,
/// `metrics/base.py`), reproducing its NumPy random streams (`Randomness.NumPyGenerator`) and
/// its arithmetic, so that means, intervals and p-values equal sacreBLEU's.
///
/// All resampling works on per-segment statistics: a resample's score is the metric's score of
/// the summed rows it picks. Seeds follow `SACREBLEU_SEED` (default 12345); nil means fresh
/// entropy from the system (`SACREBLEU_SEED=None`).
public enum Significance {
    /// sacreBLEU's default seed (`SACREBLEU_SEED`).
    public static let defaultSeed: UInt64 = 12345
    /// Default bootstrap resamples (`--confidence-n`, `--paired-bs-n`).
    public static let defaultBootstrapResamples = 1000
    /// Default approximate-randomisation trials (`--paired-ar-n`).
    public static let defaultRandomizationTrials = 10000

    /// A system's result in a paired test (sacreBLEU `significance.Result`).
    public struct PairedResult: Sendable, Equatable {
        /// The actual corpus score.
        public var score: Double
        /// The p-value against the baseline (nil for the baseline itself).
        public var pValue: Double?
        /// The bootstrap mean, when the test estimates one.
        public var mean: Double?
        /// Half the 95% bootstrap interval, when the test estimates one.
        public var ci: Double?

        public init(score: Double, pValue: Double? = nil, mean: Double? = nil, ci: Double? = nil) {
            self.score = score
            self.pValue = pValue
            self.mean = mean
            self.ci = ci
        }
    }

    static func generator(seed: UInt64?) -> NumPyGenerator {
        seed.map { NumPyGenerator(seed: $0) } ?? .fromSystemEntropy()
    }

    /// Per-system seed of `PairedTest.__call__`: `seed if seed else None`, so a seed of 0 draws
    /// fresh entropy for the system comparisons (but not for the baseline's interval).
    static func systemSeed(_ seed: UInt64?) -> UInt64? {
        seed == 0 ? nil : seed
    }

    /// The scores of `resamples` bootstrap resamples of `statistics`: sacreBLEU
    /// `_bootstrap_resample`, i.e. `rng.choice(N, size=(resamples, N))` from a fresh generator,
    /// each resample's rows summed in `float32` (in index order) and scored. The indices are
    /// drawn one resample at a time, which consumes the stream as the one NumPy call does.
    /// O(resamples × N × width).
    static func bootstrapScores<M: ResamplableMetric>(metric: M, statistics: StatisticsTable,
                                                     resamples: Int, generator: inout NumPyGenerator) -> [Double] {
        let n = statistics.count, width = statistics.width
        precondition(n > 0, "no segments to resample")
        var indices = [Int](repeating: 0, count: n)
        var sums = [Float](repeating: 0, count: width)
        var scores: [Double] = []
        scores.reserveCapacity(resamples)
        let rows = statistics.values.map(Float.init)
        rows.withUnsafeBufferPointer { rows in
            for _ in 0..<resamples {
                generator.fillIntegers(below: n, into: &indices)
                for j in 0..<width { sums[j] = 0 }
                sums.withUnsafeMutableBufferPointer { sums in
                    for index in indices {
                        let row = index * width
                        for j in 0..<width { sums[j] += rows[row + j] }
                    }
                }
                scores.append(metric.resampledScoreValue(float32Statistics: sums))
            }
        }
        return scores
    }

    /// The 95% bootstrap interval of a single system (`sacrebleu --confidence`, i.e.
    /// `corpus_score(..., n_bootstrap)` and `Score.estimate_ci`): the mean is Python's
    /// `statistics.mean` of the resampled scores, the half-width is half the distance between
    /// the sorted scores at ⌊n/40⌋ and n − ⌊n/40⌋ − 1.
    public static func bootstrapConfidence<M: ResamplableMetric>(metric: M, statistics: StatisticsTable,
                                                                resamples: Int = defaultBootstrapResamples,
                                                                seed: UInt64? = defaultSeed) -> ConfidenceEstimate {
        var generator = generator(seed: seed)
        let scores = bootstrapScores(metric: metric, statistics: statistics, resamples: resamples,
                                     generator: &generator).sorted()
        let lower = scores[scores.count / 40], upper = scores[scores.count - scores.count / 40 - 1]
        if metric.resampledScoresAreFloat32 {
            let mean = Float(exactMean(scores))
            let halfWidth = Float(0.5) * (Float(upper) - Float(lower))
            return ConfidenceEstimate(mean: Double(mean), halfWidth: Double(halfWidth))
        }
        return ConfidenceEstimate(mean: exactMean(scores), halfWidth: 0.5 * (upper - lower))
    }

    /// sacreBLEU `significance.estimate_ci` on NumPy arrays: sort, then the mean of the sorted
    /// array by pairwise summation, and half the 95% range (in `float32` for `float32` scores).
    static func numpyEstimate(_ scores: [Double], float32: Bool) -> (mean: Double, ci: Double) {
        let sorted = scores.sorted()
        let lower = sorted[sorted.count / 40], upper = sorted[sorted.count - sorted.count / 40 - 1]
        if float32 {
            let mean = numpyMean(sorted.map { Float($0) })
            return (Double(mean), Double(Float(0.5) * (Float(upper) - Float(lower))))
        }
        return (numpyMean(sorted), 0.5 * (upper - lower))
    }

    /// The baseline's entry in a paired test (`PairedTest.__init__`): its score and, when
    /// `confidenceResamples > 0` (the bootstrap resamples for `bs`, the AR confidence count for
    /// `ar`), its bootstrap mean and interval.
    public static func pairedBaseline<M: ResamplableMetric>(metric: M, statistics: StatisticsTable,
                                                           confidenceResamples: Int,
                                                           seed: UInt64? = defaultSeed) -> PairedResult {
        let score = metric.scoreValue(summedStatistics: statistics.sum())
        guard confidenceResamples > 0 else { return PairedResult(score: score) }
        var generator = generator(seed: seed)
        let scores = bootstrapScores(metric: metric, statistics: statistics, resamples: confidenceResamples,
                                     generator: &generator)
        let (mean, ci) = numpyEstimate(scores, float32: metric.resampledScoresAreFloat32)
        return PairedResult(score: score, mean: mean, ci: ci)
    }

    /// sacreBLEU's p-value (after multeval): (#{sample statistic > observed} + 1) / (samples + 1).
    static func pValue(exceeding count: Int, samples: Int) -> Double {
        Double(count + 1) / Double(samples + 1)
    }

    /// Paired bootstrap resampling (`_paired_bs_test`, after Moses'
    /// bootstrap-hypothesis-difference-significance.pl): both systems are scored on the same
    /// `resamples` resamples; the p-value counts resamples whose centred absolute difference
    /// exceeds the actual absolute difference. Also the system's bootstrap mean and interval.
    public static func pairedBootstrap<M: ResamplableMetric>(metric: M, baseline: StatisticsTable, system: StatisticsTable,
                                                            resamples: Int = defaultBootstrapResamples,
                                                            seed: UInt64? = defaultSeed) -> PairedResult {
        precondition(baseline.count == system.count, "paired systems must have the same segments")
        let baselineScore = metric.scoreValue(summedStatistics: baseline.sum())
        let systemScore = metric.scoreValue(summedStatistics: system.sum())
        let difference = abs(baselineScore - systemScore)
        // One generator per system; the baseline and the system use the same indices.
        var generator = generator(seed: systemSeed(seed))
        let start = generator
        let systemScores = bootstrapScores(metric: metric, statistics: system, resamples: resamples, generator: &generator)
        generator = start
        let baselineScores = bootstrapScores(metric: metric, statistics: baseline, resamples: resamples, generator: &generator)
        let float32 = metric.resampledScoresAreFloat32
        let (mean, ci) = numpyEstimate(systemScores, float32: float32)
        var exceeding = 0
        if float32 {
            let diffs = zip(systemScores, baselineScores).map { abs(Float($0) - Float($1)) }
            let centre = numpyMean(diffs)
            let observed = Float(difference)
            for d in diffs where d - centre > observed { exceeding += 1 }
        } else {
            let diffs = zip(systemScores, baselineScores).map { abs($0 - $1) }
            let centre = numpyMean(diffs)
            for d in diffs where d - centre > difference { exceeding += 1 }
        }
        return PairedResult(score: systemScore, pValue: pValue(exceeding: exceeding, samples: resamples), mean: mean, ci: ci)
    }

    /// Paired approximate randomisation (`_paired_ar_test`, after multeval): in each of `trials`
    /// trials every segment's statistics are swapped between the systems with probability ½
    /// (`rng.integers(2, size=(trials, N), dtype=bool)`), and the p-value counts trials whose
    /// absolute score difference exceeds the actual one. With `confidenceResamples > 0`, a
    /// bootstrap mean and interval of the system from indices drawn after the swaps.
    /// O(trials × N × width).
    public static func pairedApproximateRandomization<M: ResamplableMetric>(
        metric: M, baseline: StatisticsTable, system: StatisticsTable,
        trials: Int = defaultRandomizationTrials, confidenceResamples: Int = -1,
        seed: UInt64? = defaultSeed
    ) -> PairedResult {
        precondition(baseline.count == system.count, "paired systems must have the same segments")
        let n = baseline.count, width = baseline.width
        let baselineSum = baseline.sum(), systemSum = system.sum()
        let baselineScore = metric.scoreValue(summedStatistics: baselineSum)
        let systemScore = metric.scoreValue(summedStatistics: systemSum)
        let difference = abs(baselineScore - systemScore)
        var generator = generator(seed: systemSeed(seed))
        var bits = NumPyGenerator.BooleanStream()
        // Shuffled system A takes the baseline's row where the bit is set, the system's
        // otherwise: A = Σ system + Σ_set (baseline − system), and B = total − A.
        let deltas = zip(baseline.values, system.values).map { $0 - $1 }
        let totals = zip(baselineSum, systemSum).map { $0 + $1 }
        var shuffledA = [Int](repeating: 0, count: width)
        var shuffledB = [Int](repeating: 0, count: width)
        var exceeding = 0
        deltas.withUnsafeBufferPointer { deltas in
            for _ in 0..<trials {
                for j in 0..<width { shuffledA[j] = systemSum[j] }
                shuffledA.withUnsafeMutableBufferPointer { a in
                    for i in 0..<n where bits.next(using: &generator) {
                        let row = i * width
                        for j in 0..<width { a[j] += deltas[row + j] }
                    }
                }
                for j in 0..<width { shuffledB[j] = totals[j] - shuffledA[j] }
                let scoreA = metric.scoreValue(summedStatistics: shuffledA)
                let scoreB = metric.scoreValue(summedStatistics: shuffledB)
                if abs(scoreA - scoreB) > difference { exceeding += 1 }
            }
        }
        var result = PairedResult(score: systemScore, pValue: pValue(exceeding: exceeding, samples: trials))
        if confidenceResamples > 0 {
            let scores = bootstrapScores(metric: metric, statistics: system, resamples: confidenceResamples,
                                         generator: &generator)
            let (mean, ci) = numpyEstimate(scores, float32: metric.resampledScoresAreFloat32)
            result.mean = mean
            result.ci = ci
        }
        return result
    }
}

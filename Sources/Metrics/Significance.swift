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

    /// The scores of `resamples` bootstrap resamples of each table, all resamples drawing the
    /// same segment indices: sacreBLEU `_bootstrap_resample` and `_paired_bs_test`, i.e.
    /// `rng.choice(N, size=(resamples, N))`, each resample's rows summed as `float32` and
    /// scored. The indices are drawn one resample at a time, which consumes the stream as the one
    /// NumPy call does. NumPy sums a resample's rows in index order in `float32`; while every
    /// possible sum stays below 2²⁴ that is exact integer arithmetic, which is what runs then
    /// (in any order, with the same result); otherwise the `float32` sums are replayed in order.
    /// O(resamples × N × width × tables).
    static func resampledScores<M: ResamplableMetric>(metric: M, tables: [StatisticsTable], resamples: Int,
                                                     generator: inout NumPyGenerator) -> [[Double]] {
        let n = tables[0].count, width = tables[0].width, block = width * tables.count
        precondition(n > 0, "no segments to resample")
        precondition(tables.allSatisfy { $0.count == n && $0.width == width }, "paired tables must match")
        // Segment-major layout: for each segment, every table's row.
        var data = [Int](repeating: 0, count: n * block)
        var columnBound = [Int](repeating: 0, count: block)
        for (t, table) in tables.enumerated() {
            for i in 0..<n {
                for j in 0..<width {
                    let value = table.values[i * width + j]
                    data[i * block + t * width + j] = value
                    columnBound[t * width + j] = max(columnBound[t * width + j], abs(value))
                }
            }
        }
        let exact = columnBound.allSatisfy { $0 <= ((1 << 24) - 1) / n }
        var indices = [Int](repeating: 0, count: n)
        var integerSums = [Int](repeating: 0, count: block)
        var floatSums = [Float](repeating: 0, count: block)
        var row = [Float](repeating: 0, count: width)
        var scores = [[Double]](repeating: [], count: tables.count)
        for t in 0..<tables.count { scores[t].reserveCapacity(resamples) }
        data.withUnsafeBufferPointer { data in
            for _ in 0..<resamples {
                generator.fillIntegers(below: n, into: &indices)
                if exact {
                    integerSums.withUnsafeMutableBufferPointer { sums in
                        for j in 0..<block { sums[j] = 0 }
                        for index in indices {
                            let base = index * block
                            for j in 0..<block { sums[j] += data[base + j] }
                        }
                    }
                    for j in 0..<block { floatSums[j] = Float(integerSums[j]) }
                } else {
                    floatSums.withUnsafeMutableBufferPointer { sums in
                        for j in 0..<block { sums[j] = 0 }
                        for index in indices {
                            let base = index * block
                            for j in 0..<block { sums[j] += Float(data[base + j]) }
                        }
                    }
                }
                for t in 0..<tables.count {
                    for j in 0..<width { row[j] = floatSums[t * width + j] }
                    scores[t].append(metric.resampledScoreValue(float32Statistics: row))
                }
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
        let scores = resampledScores(metric: metric, tables: [statistics], resamples: resamples,
                                     generator: &generator)[0].sorted()
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
        let scores = resampledScores(metric: metric, tables: [statistics], resamples: confidenceResamples,
                                     generator: &generator)[0]
        let (mean, ci) = numpyEstimate(scores, float32: metric.resampledScoresAreFloat32)
        return PairedResult(score: score, mean: mean, ci: ci)
    }

    /// sacreBLEU's p-value (after multeval): (#{sample statistic > observed} + 1) / (samples + 1).
    static func pValue(exceeding count: Int, samples: Int) -> Double {
        Double(count + 1) / Double(samples + 1)
    }

    /// Paired bootstrap resampling (`PairedTest` with `test_type='bs'`, `_paired_bs_test`, after
    /// Moses' bootstrap-hypothesis-difference-significance.pl). Returns the baseline's result
    /// (score, bootstrap mean and interval) followed by each system's: both systems are scored on
    /// the same `resamples` resamples, the p-value counts resamples whose absolute difference,
    /// centred on its mean, exceeds the actual absolute difference, and the system's bootstrap
    /// mean and interval come from the same resamples.
    public static func pairedBootstrap<M: ResamplableMetric>(metric: M, baseline: StatisticsTable,
                                                            systems: [StatisticsTable],
                                                            resamples: Int = defaultBootstrapResamples,
                                                            seed: UInt64? = defaultSeed) -> [PairedResult] {
        let baselineResult = pairedBaseline(metric: metric, statistics: baseline, confidenceResamples: resamples, seed: seed)
        var results = [baselineResult]
        if let systemSeed = systemSeed(seed) {
            // Every system's generator starts from the same seed: one pass serves them all.
            var generator = NumPyGenerator(seed: systemSeed)
            let scores = resampledScores(metric: metric, tables: [baseline] + systems, resamples: resamples,
                                         generator: &generator)
            for (k, system) in systems.enumerated() {
                results.append(pairedBootstrapResult(metric: metric, baselineScore: baselineResult.score, system: system,
                                                     baselineScores: scores[0], systemScores: scores[k + 1]))
            }
        } else {
            for system in systems {
                var generator = NumPyGenerator.fromSystemEntropy()
                let scores = resampledScores(metric: metric, tables: [baseline, system], resamples: resamples,
                                             generator: &generator)
                results.append(pairedBootstrapResult(metric: metric, baselineScore: baselineResult.score, system: system,
                                                     baselineScores: scores[0], systemScores: scores[1]))
            }
        }
        return results
    }

    /// One system's result in the paired bootstrap test, from both systems' resampled scores.
    static func pairedBootstrapResult<M: ResamplableMetric>(metric: M, baselineScore: Double, system: StatisticsTable,
                                                           baselineScores: [Double], systemScores: [Double]) -> PairedResult {
        let systemScore = metric.scoreValue(summedStatistics: system.sum())
        let difference = abs(baselineScore - systemScore)
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
        return PairedResult(score: systemScore, pValue: pValue(exceeding: exceeding, samples: systemScores.count),
                            mean: mean, ci: ci)
    }

    /// Paired approximate randomisation (`PairedTest` with `test_type='ar'`, `_paired_ar_test`,
    /// after multeval). Returns the baseline's result followed by each system's. In each of
    /// `trials` trials every segment's statistics are swapped between the two systems with
    /// probability ½ (`rng.integers(2, size=(trials, N), dtype=bool)`, where a set bit gives
    /// shuffled system A the baseline's row); the p-value counts trials whose absolute score
    /// difference exceeds the actual one. With `confidenceResamples > 0`, bootstrap means and
    /// intervals too (the system's from indices drawn after the swaps). O(trials × N × width ×
    /// systems).
    public static func pairedApproximateRandomization<M: ResamplableMetric>(
        metric: M, baseline: StatisticsTable, systems: [StatisticsTable],
        trials: Int = defaultRandomizationTrials, confidenceResamples: Int = -1,
        seed: UInt64? = defaultSeed
    ) -> [PairedResult] {
        var results = [pairedBaseline(metric: metric, statistics: baseline,
                                      confidenceResamples: max(confidenceResamples, 0), seed: seed)]
        guard !systems.isEmpty else { return results }
        if let systemSeed = systemSeed(seed) {
            // Every system's generator starts from the same seed, so they share the swaps.
            var generator = NumPyGenerator(seed: systemSeed)
            results += randomizationResults(metric: metric, baseline: baseline, systems: systems, trials: trials,
                                            confidenceResamples: confidenceResamples, generator: &generator)
        } else {
            for system in systems {
                var generator = NumPyGenerator.fromSystemEntropy()
                results += randomizationResults(metric: metric, baseline: baseline, systems: [system], trials: trials,
                                                confidenceResamples: confidenceResamples, generator: &generator)
            }
        }
        return results
    }

    /// The approximate-randomisation results of systems that share one generator state.
    static func randomizationResults<M: ResamplableMetric>(metric: M, baseline: StatisticsTable,
                                                          systems: [StatisticsTable], trials: Int,
                                                          confidenceResamples: Int,
                                                          generator: inout NumPyGenerator) -> [PairedResult] {
        let n = baseline.count, width = baseline.width, block = width * systems.count
        precondition(systems.allSatisfy { $0.count == n && $0.width == width }, "paired tables must match")
        let baselineSum = baseline.sum()
        let baselineScore = metric.scoreValue(summedStatistics: baselineSum)
        let systemSums = systems.map { $0.sum() }
        let systemScores = systemSums.map { metric.scoreValue(summedStatistics: $0) }
        // Shuffled A = Σ system + Σ_set (baseline − system); shuffled B = Σ baseline + Σ system − A.
        // Deltas are laid out segment-major so a set bit adds one contiguous block.
        var deltas = [Int](repeating: 0, count: n * block)
        for (s, system) in systems.enumerated() {
            for i in 0..<n {
                for j in 0..<width {
                    deltas[i * block + s * width + j] = baseline.values[i * width + j] - system.values[i * width + j]
                }
            }
        }
        var start = [Int](repeating: 0, count: block)
        for s in 0..<systems.count { for j in 0..<width { start[s * width + j] = systemSums[s][j] } }
        var shuffled = [Int](repeating: 0, count: block)
        var a = [Int](repeating: 0, count: width), b = [Int](repeating: 0, count: width)
        var exceeding = [Int](repeating: 0, count: systems.count)
        var bits = NumPyGenerator.BooleanStream()
        deltas.withUnsafeBufferPointer { deltas in
            for _ in 0..<trials {
                shuffled.withUnsafeMutableBufferPointer { sums in
                    for j in 0..<block { sums[j] = start[j] }
                    for i in 0..<n where bits.next(using: &generator) {
                        let base = i * block
                        for j in 0..<block { sums[j] += deltas[base + j] }
                    }
                }
                for s in 0..<systems.count {
                    for j in 0..<width {
                        a[j] = shuffled[s * width + j]
                        b[j] = baselineSum[j] + systemSums[s][j] - a[j]
                    }
                    let difference = abs(baselineScore - systemScores[s])
                    if abs(metric.scoreValue(summedStatistics: a) - metric.scoreValue(summedStatistics: b)) > difference {
                        exceeding[s] += 1
                    }
                }
            }
        }
        var results = (0..<systems.count).map {
            PairedResult(score: systemScores[$0], pValue: pValue(exceeding: exceeding[$0], samples: trials))
        }
        if confidenceResamples > 0 {
            // Each system's indices come from its own generator, all in the same state here.
            let scores = resampledScores(metric: metric, tables: systems, resamples: confidenceResamples,
                                         generator: &generator)
            for s in 0..<systems.count {
                let (mean, ci) = numpyEstimate(scores[s], float32: metric.resampledScoresAreFloat32)
                results[s].mean = mean
                results[s].ci = ci
            }
        }
        return results
    }
}

import Metrics

/// One metric the program computes: BLEU or chrF, seen through what every output needs
/// (per-segment statistics, a score from summed statistics, a signature).
enum ScoringMetric {
    case bleu(BLEU)
    case chrf(CHRF)

    /// The field name in per-sentence records and statistics files.
    var key: String {
        switch self {
        case .bleu: return "bleu"
        case .chrf: return "chrf"
        }
    }

    /// The display name (`BLEU`, `chrF2`, `chrF2++`).
    var name: String {
        switch self {
        case .bleu: return "BLEU"
        case .chrf(let m): return m.name
        }
    }

    var statisticsWidth: Int {
        switch self {
        case .bleu(let m): return m.statisticsWidth
        case .chrf(let m): return m.statisticsWidth
        }
    }

    func table(hypotheses: TextLines, references: [TextLines], threads: Int) throws -> StatisticsTable {
        switch self {
        case .bleu(let m): return try m.segmentStatistics(hypotheses: hypotheses, references: references, threads: threads)
        case .chrf(let m): return try m.segmentStatistics(hypotheses: hypotheses, references: references, threads: threads)
        }
    }

    func score(summed: [Int]) -> any MetricScore {
        switch self {
        case .bleu(let m): return m.score(BLEUStatistics(row: summed))
        case .chrf(let m): return m.score(CHRFStatistics(row: summed))
        }
    }

    /// Every segment's score alone (no precisions or report strings): the per-sentence records.
    func rowScores(_ table: StatisticsTable) -> [Double] {
        switch self {
        case .bleu(let m): return m.rowScores(table)
        case .chrf(let m): return m.rowScores(table)
        }
    }

    func signature(references: ReferenceCount, resampling: Resampling?) -> MetricSignature {
        switch self {
        case .bleu(let m): return m.signature(references: references, resampling: resampling)
        case .chrf(let m): return m.signature(references: references, resampling: resampling)
        }
    }

    func confidence(_ table: StatisticsTable, resamples: Int, seed: UInt64?) -> ConfidenceEstimate {
        switch self {
        case .bleu(let m): return Significance.bootstrapConfidence(metric: m, statistics: table, resamples: resamples, seed: seed)
        case .chrf(let m): return Significance.bootstrapConfidence(metric: m, statistics: table, resamples: resamples, seed: seed)
        }
    }

    /// The paired test of `systems` against `baseline`: the baseline's result first, then one per system.
    func paired(baseline: StatisticsTable, systems: [StatisticsTable], test: PairedTest, seed: UInt64?) -> [Significance.PairedResult] {
        switch (self, test.kind) {
        case (.bleu(let m), .bootstrap):
            return Significance.pairedBootstrap(metric: m, baseline: baseline, systems: systems, resamples: test.samples, seed: seed)
        case (.chrf(let m), .bootstrap):
            return Significance.pairedBootstrap(metric: m, baseline: baseline, systems: systems, resamples: test.samples, seed: seed)
        case (.bleu(let m), .randomization):
            return Significance.pairedApproximateRandomization(metric: m, baseline: baseline, systems: systems, trials: test.samples, seed: seed)
        case (.chrf(let m), .randomization):
            return Significance.pairedApproximateRandomization(metric: m, baseline: baseline, systems: systems, trials: test.samples, seed: seed)
        }
    }
}

/// A paired significance test between a baseline and other systems.
struct PairedTest {
    enum Kind { case bootstrap, randomization }
    let kind: Kind
    let samples: Int

    /// How the signature records this test.
    func resampling(seed: UInt64?) -> Resampling {
        kind == .bootstrap ? Resampling(bootstrapResamples: samples, seed: seed)
                           : Resampling(randomizationTrials: samples, seed: seed)
    }
}

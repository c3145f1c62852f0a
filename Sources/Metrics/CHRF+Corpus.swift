extension CHRF {
    /// The statistics of every segment (row i: hypothesis i against line i of each reference
    /// stream, the best-scoring reference kept). `threads > 1` splits segments among workers.
    /// - Throws: `.badData` if the streams differ in length, a hypothesis is missing or a segment
    ///   has no reference; `.usage` if no reference stream is given.
    public func segmentStatistics(hypotheses: TextLines, references: [TextLines], threads: Int = 1) throws -> StatisticsTable {
        try SegmentStreams.validate(hypotheses: hypotheses, references: references)
        return SegmentStreams.withAccess(hypotheses, references) { hyps, refs in
            SegmentStreams.table(segments: hypotheses.count, width: statisticsWidth, threads: threads,
                                 makeWorker: { CHRFSegmentCounter(configuration: self) }) { counter, i, row in
                counter.count(hypothesis: hyps[i]!, referenceCount: refs.count, reference: { refs[$0][i] }, into: row)
            }
        }
    }

    /// The statistics of one segment against its references.
    public func statistics(hypothesis: String, references: [String]) throws -> CHRFStatistics {
        let table = try segmentStatistics(hypotheses: TextLines([hypothesis]), references: references.map { TextLines([$0]) })
        return CHRFStatistics(row: table[0])
    }

    /// The corpus statistics: the column sums of `segmentStatistics`.
    public func corpusStatistics(hypotheses: TextLines, references: [TextLines], threads: Int = 1) throws -> CHRFStatistics {
        CHRFStatistics(row: try segmentStatistics(hypotheses: hypotheses, references: references, threads: threads).sum())
    }

    /// sacreBLEU's `CHRF.corpus_score(hypotheses, references)` (`references[k][i]`: k-th
    /// reference of segment i).
    public func corpusScore(hypotheses: [String], references: [[String]]) throws -> CHRFScore {
        score(try corpusStatistics(hypotheses: TextLines(hypotheses), references: references.map { TextLines($0) }))
    }

    /// sacreBLEU's `CHRF.sentence_score(hypothesis, references)`.
    public func sentenceScore(hypothesis: String, references: [String]) throws -> CHRFScore {
        score(try statistics(hypothesis: hypothesis, references: references))
    }

    /// The score of every row of a statistics table (sentence-level chrF over a corpus).
    public func scores(of table: StatisticsTable) -> [CHRFScore] {
        (0..<table.count).map { score(CHRFStatistics(row: table[$0])) }
    }
}

extension CHRF: ResamplableMetric {
    public func scoreValue(row: UnsafeBufferPointer<Int>) -> Double {
        fScore(row)
    }

    public var resampledScoresAreFloat32: Bool { true }

    /// `_compute_f_score` on `float32` statistics under NumPy 2 promotion: divisions of `float32`
    /// counts are `float32`, the Python `eps`, `factor` and accumulators join them as `float32`
    /// once they meet one, so the score is a `float32` (returned widened, exactly).
    public func resampledScoreValue(float32Statistics s: [Float]) -> Double {
        let eps = NumPyValue.python(1e-16)
        var score = NumPyValue.python(0.0)
        var effectiveOrder = 0
        let factor = NumPyValue.python(Double(beta * beta))
        let one = NumPyValue.python(1)
        var averagePrecision = NumPyValue.python(0.0), averageRecall = NumPyValue.python(0.0)
        for i in 0..<orderCount {
            let hyp = s[3 * i], ref = s[3 * i + 1]
            let match = NumPyValue.float32(s[3 * i + 2])
            let precision = hyp > 0 ? match / .float32(hyp) : eps
            let recall = ref > 0 ? match / .float32(ref) : eps
            let denominator = factor * precision + recall
            score = score + (denominator > .python(0) ? ((one + factor) * precision * recall / denominator) : eps)
            if hyp > 0 && ref > 0 {
                averagePrecision = averagePrecision + precision
                averageRecall = averageRecall + recall
                effectiveOrder += 1
            }
        }
        if epsSmoothing { return (NumPyValue.python(100) * score / .python(Double(orderCount))).double }
        if effectiveOrder == 0 {
            averagePrecision = .python(0.0)
            averageRecall = .python(0.0)
        } else {
            averagePrecision = averagePrecision / .python(Double(effectiveOrder))
            averageRecall = averageRecall / .python(Double(effectiveOrder))
        }
        if !(averagePrecision + averageRecall).isZero {
            var result = (one + factor) * averagePrecision * averageRecall
            result = result / ((factor * averagePrecision) + averageRecall)
            return (NumPyValue.python(100) * result).double
        }
        return 0.0
    }
}

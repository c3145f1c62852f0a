extension BLEU {
    /// The statistics of every segment: row i is `[sys_len, ref_len, correct…, total…]` of
    /// hypothesis i against line i of each reference stream (missing lines are absent
    /// references). `threads > 1` splits the segments among workers; the result is the same.
    /// - Throws: `.badData` if the streams differ in length, a hypothesis is missing or a segment
    ///   has no reference; `.usage` if no reference stream is given.
    public func segmentStatistics(hypotheses: TextLines, references: [TextLines], threads: Int = 1) throws -> StatisticsTable {
        try SegmentStreams.validate(hypotheses: hypotheses, references: references)
        return SegmentStreams.withAccess(hypotheses, references) { hyps, refs in
            SegmentStreams.table(segments: hypotheses.count, width: statisticsWidth, threads: threads,
                                 makeWorker: { BLEUSegmentCounter(configuration: self) }) { counter, i, row in
                counter.count(hypothesis: hyps[i]!, referenceCount: refs.count, reference: { refs[$0][i] }, into: row)
            }
        }
    }

    /// The statistics of one segment against its references.
    /// - Throws: `.badData` if `references` is empty.
    public func statistics(hypothesis: String, references: [String]) throws -> BLEUStatistics {
        let table = try segmentStatistics(hypotheses: TextLines([hypothesis]), references: references.map { TextLines([$0]) })
        return BLEUStatistics(row: table[0])
    }

    /// The corpus statistics: the column sums of `segmentStatistics`.
    public func corpusStatistics(hypotheses: TextLines, references: [TextLines], threads: Int = 1) throws -> BLEUStatistics {
        BLEUStatistics(row: try segmentStatistics(hypotheses: hypotheses, references: references, threads: threads).sum())
    }

    /// sacreBLEU's `BLEU.corpus_score(hypotheses, references)`; `references[k][i]` is the k-th
    /// reference of segment i (sacreBLEU's stream layout).
    public func corpusScore(hypotheses: [String], references: [[String]]) throws -> BLEUScore {
        score(try corpusStatistics(hypotheses: TextLines(hypotheses), references: references.map { TextLines($0) }))
    }

    /// sacreBLEU's `BLEU.sentence_score(hypothesis, references)` with this configuration (use
    /// `BLEU.sentenceLevel()` for sacreBLEU's sentence-level defaults).
    public func sentenceScore(hypothesis: String, references: [String]) throws -> BLEUScore {
        score(try statistics(hypothesis: hypothesis, references: references))
    }

    /// The score of every row of a statistics table (sentence-level BLEU over a corpus).
    public func scores(of table: StatisticsTable) -> [BLEUScore] {
        (0..<table.count).map { score(BLEUStatistics(row: table[$0])) }
    }
}

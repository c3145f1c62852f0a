import Foundation
import Testing
import Metrics
import _TestSupport

/// `wmt/expected.jsonl`: sacreBLEU 2.6.0 on real WMT17/WMT21 system outputs (corpus BLEU for
/// every system × reference set × tokeniser × case, chrF and chrF++, and sentence BLEU for 150
/// lines). Scores within 1e-9 (and in fact bit-identical, also asserted), counts, totals,
/// lengths, signature and `-f text` line exact.
/// `ja-mecab` (no MeCab here) and TER (out of scope) records are skipped and counted.
@Suite struct WMTExpectedTests {
    /// Reads each file once.
    final class Files {
        private var cache: [String: TextLines] = [:]
        func lines(_ relative: String) throws -> TextLines {
            if let cached = cache[relative] { return cached }
            let lines = try Fixtures.wmtLines(relative)
            cache[relative] = lines
            return lines
        }
    }

    @Test func everyRecordMatchesSacreBLEU() throws {
        let records = try Fixtures.jsonLines("bleu/wmt/expected.jsonl")
        let files = Files()
        var sentenceTables: [String: StatisticsTable] = [:]
        var checked = 0, skipped = 0
        for record in records {
            let metric = record["metric"] as! String
            let tokenize = record["tokenize"] as? String
            if metric == "ter" || tokenize == "ja-mecab" {
                skipped += 1
                continue
            }
            let label = "\(record["testset"]!) \(record["system"]!) \(metric) \(tokenize ?? "") "
                + "lc=\(record["lowercase"]!) refs=\(record["refs"]!) line=\(record["line"] ?? "-")"
            let hypotheses = try files.lines(record["hyp"] as! String)
            let references = try (record["refs"] as! [String]).map { try files.lines($0) }
            let referenceCount = ReferenceCount(streams: references)
            if metric == "chrf" {
                let chrf = Fixtures.chrf(from: record)
                let score = chrf.score(try chrf.corpusStatistics(hypotheses: hypotheses, references: references))
                let signature = chrf.signature(references: referenceCount).format()
                #expect(abs(score.score - Fixtures.double(record["score"])) <= 1e-9, "\(label)")
                #expect(score.score == Fixtures.double(record["score"]), "bit-exact \(label)")
                #expect(signature == record["signature"] as! String, "\(label)")
                #expect(score.textLine(signature: signature) == record["text"] as! String, "\(label)")
                checked += 1
                continue
            }
            let bleu = try Fixtures.bleu(from: record)
            let score: BLEUScore
            if record["level"] as! String == "sentence" {
                let key = "\(record["hyp"]!)|\(record["refs"]!)|\(tokenize!)"
                let table = try sentenceTables[key] ?? bleu.segmentStatistics(hypotheses: hypotheses, references: references)
                sentenceTables[key] = table
                score = bleu.score(BLEUStatistics(row: table[(record["line"] as! NSNumber).intValue - 1]))
            } else {
                score = bleu.score(try bleu.corpusStatistics(hypotheses: hypotheses, references: references))
                #expect(score.ratio == Fixtures.double(record["ratio"]), "\(label)")
            }
            let signature = bleu.signature(references: referenceCount).format()
            #expect(abs(score.score - Fixtures.double(record["score"])) <= 1e-9, "\(label)")
                #expect(score.score == Fixtures.double(record["score"]), "bit-exact \(label)")
            #expect(score.counts == Fixtures.doubles(record["counts"]), "\(label)")
            #expect(score.totals == Fixtures.doubles(record["totals"]), "\(label)")
            #expect(score.sysLen == (record["sys_len"] as! NSNumber).intValue, "\(label)")
            #expect(score.refLen == (record["ref_len"] as! NSNumber).intValue, "\(label)")
            #expect(score.bp == Fixtures.double(record["bp"]), "\(label)")
            #expect(signature == record["signature"] as! String, "\(label)")
            #expect(score.textLine(signature: signature) == record["text"] as! String, "\(label)")
            checked += 1
        }
        #expect(checked == 620)
        #expect(skipped == 24)
    }
}

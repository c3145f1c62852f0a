import Foundation
import Testing
import Metrics
import _TestSupport

/// `sacrebleu-vectors.jsonl`: the expectations of sacreBLEU 2.6.0's own test suite
/// (`test_bleu.py`, `test_sentence_bleu.py`, `test_chrf.py`), each with sacreBLEU's full
/// recomputation in `got`. Ours must agree with `got` within 1e-9 and in every count; in fact
/// every score, precision and brevity penalty is bit-identical, and that is asserted too.
@Suite struct SacreBLEUVectorTests {
    @Test func everyBLEUAndChrFVectorMatchesSacreBLEU() throws {
        let records = try Fixtures.jsonLines("bleu/sacrebleu-vectors.jsonl")
        var checked = 0, skippedTER = 0
        for record in records {
            let id = record["id"] as! String
            let metric = record["metric"] as! String
            let got = record["got"] as? [String: Any]
            switch metric {
            case "ter", "tokenizer":
                // TER and its tokeniser are out of scope.
                skippedTER += 1
            case "bleu":
                let bleu = try Fixtures.bleu(from: record)
                let score: BLEUScore
                switch record["level"] as! String {
                case "stats":
                    let stats = record["stats"] as! [String: Any]
                    score = bleu.score(BLEUStatistics(sysLen: (stats["sys_len"] as! NSNumber).intValue,
                                                      refLen: (stats["ref_len"] as! NSNumber).intValue,
                                                      correct: Fixtures.ints(stats["correct"]),
                                                      total: Fixtures.ints(stats["total"])))
                case "sentence":
                    let refs = (record["refs"] as! [[String]]).map { $0[0] }
                    score = try bleu.sentenceScore(hypothesis: (record["hyps"] as! [String])[0], references: refs)
                default:
                    score = try bleu.corpusScore(hypotheses: record["hyps"] as! [String], references: record["refs"] as! [[String]])
                }
                let got = got!
                #expect(abs(score.score - Fixtures.double(got["score"])) <= 1e-9, "\(id)")
                #expect(score.score == Fixtures.double(got["score"]), "bit-exact \(id)")
                #expect(score.counts == Fixtures.doubles(got["counts"]), "\(id)")
                #expect(score.totals == Fixtures.doubles(got["totals"]), "\(id)")
                #expect(score.sysLen == (got["sys_len"] as! NSNumber).intValue, "\(id)")
                #expect(score.refLen == (got["ref_len"] as! NSNumber).intValue, "\(id)")
                #expect(score.bp == Fixtures.double(got["bp"]), "\(id)")
                #expect(score.precisions == Fixtures.doubles(got["precisions"]), "\(id) precisions")
                if let expected = record["expected_counts"] { #expect(score.counts == Fixtures.doubles(expected), "\(id)") }
                if let signature = record["signature"] as? String {
                    #expect(bleu.signature(references: .fixed((record["refs"] as! [[String]]).count)).format() == signature, "\(id)")
                }
                checked += 1
            case "chrf":
                let chrf = Fixtures.chrf(from: record)
                let hyps = record["hyps"] as! [String], refs = record["refs"] as! [[String]]
                let score = record["level"] as! String == "sentence"
                    ? try chrf.sentenceScore(hypothesis: hyps[0], references: refs.map { $0[0] })
                    : try chrf.corpusScore(hypotheses: hyps, references: refs)
                #expect(abs(score.score - Fixtures.double(got!["score"])) <= 1e-9, "\(id): \(score.score)")
                #expect(score.score == Fixtures.double(got!["score"]), "bit-exact \(id)")
                checked += 1
            default:
                Issue.record("unexpected metric \(metric) in \(id)")
            }
        }
        #expect(checked == 71)
        #expect(skippedTER == 18)
    }
}

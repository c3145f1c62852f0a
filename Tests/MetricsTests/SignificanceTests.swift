import Foundation
import Testing
import Metrics
import _TestSupport

/// The WMT17 significance facts of sacreBLEU's `test/test_significance.py`
/// (`sacrebleu-wmt17-vectors.jsonl`): paired bootstrap p-values against Moses'
/// bootstrap-hypothesis-difference-significance.pl (2000 resamples) and approximate
/// randomisation p-values against multeval (10000 trials), baseline LIUM-NMT.4900, BLEU with
/// tokenize none, seed 12345. p-values must be within 0.01 of those tools; and since the
/// random streams are NumPy's, scores, p-values, means and intervals must equal sacreBLEU
/// 2.6.0's own (`got`) bit for bit (the 0.1-BLEU interval goal is then met with room to spare).
@Suite struct SignificanceTests {
    struct Setup {
        let bleu = BLEU(tokenizer: .none)
        let baseline: StatisticsTable
        let names: [String]
        let systems: [StatisticsTable]
        let records: [[String: Any]]
    }

    static func setup() throws -> Setup {
        let records = try Fixtures.jsonLines("bleu/sacrebleu-wmt17-vectors.jsonl")
            .filter { ($0["id"] as! String).hasPrefix("significance.") }
        let bleu = BLEU(tokenizer: .none)
        let references = [try Fixtures.wmtLines("wmt17.en-de/ref.de")]
        func table(_ path: String) throws -> StatisticsTable {
            try bleu.segmentStatistics(hypotheses: try Fixtures.wmtLines(path), references: references, threads: 2)
        }
        var names: [String] = []
        var systems: [StatisticsTable] = []
        for record in records where (record["id"] as! String).hasPrefix("significance.bs.") && record["system"] != nil {
            names.append(record["system"] as! String)
            systems.append(try table(record["hyp"] as! String))
        }
        return Setup(baseline: try table("wmt17.en-de/hyp.LIUM-NMT.4900.de"), names: names, systems: systems,
                     records: records)
    }

    @Test func pairedBootstrapMatchesMosesAndSacreBLEU() throws {
        let setup = try SignificanceTests.setup()
        #expect(setup.systems.count == 15)
        let results = Significance.pairedBootstrap(metric: setup.bleu, baseline: setup.baseline, systems: setup.systems,
                                                   resamples: 2000, seed: 12345)
        let baselineRecord = setup.records.first { $0["id"] as! String == "significance.bs.baseline" }!
        #expect(results[0].score == Fixtures.double(baselineRecord["score"]))
        #expect(results[0].mean! == Fixtures.double(baselineRecord["mean"]))
        #expect(results[0].ci! == Fixtures.double(baselineRecord["ci"]))
        #expect(results[0].pValue == nil)
        var checked = 0
        for record in setup.records where (record["id"] as! String).hasPrefix("significance.bs.") && record["system"] != nil {
            let name = record["system"] as! String
            let result = results[1 + setup.names.firstIndex(of: name)!]
            let got = record["got"] as! [String: Any]
            #expect(abs(result.pValue! - Fixtures.double(record["expected_p"])) <= 0.01, "\(name) vs Moses")
            #expect(result.pValue! == Fixtures.double(got["p_value"]), "\(name) vs sacreBLEU")
            #expect(result.score == Fixtures.double(got["score"]), "\(name)")
            #expect(result.mean! == Fixtures.double(got["mean"]), "\(name)")
            #expect(result.ci! == Fixtures.double(got["ci"]), "\(name)")
            #expect(abs(result.ci! - Fixtures.double(got["ci"])) <= 0.1, "\(name) interval goal")
            checked += 1
        }
        #expect(checked == 15)
    }

    @Test func approximateRandomizationMatchesMultevalAndSacreBLEU() throws {
        let setup = try SignificanceTests.setup()
        let results = Significance.pairedApproximateRandomization(metric: setup.bleu, baseline: setup.baseline,
                                                                  systems: setup.systems, trials: 10000, seed: 12345)
        #expect(results[0].mean == nil && results[0].pValue == nil)
        var checked = 0
        for record in setup.records where (record["id"] as! String).hasPrefix("significance.ar.") {
            let name = record["system"] as! String
            let result = results[1 + setup.names.firstIndex(of: name)!]
            let got = record["got"] as! [String: Any]
            #expect(abs(result.pValue! - Fixtures.double(record["expected_p"])) <= 0.01, "\(name) vs multeval")
            #expect(result.pValue! == Fixtures.double(got["p_value"]), "\(name) vs sacreBLEU")
            #expect(result.score == Fixtures.double(got["score"]), "\(name)")
            checked += 1
        }
        #expect(checked == 15)
    }
}

import Foundation
import Testing
import Metrics
import _TestSupport

/// `sacrebleu-tokenizer-vectors.jsonl`: sacreBLEU 2.6.0's own preprocessing output,
/// `tokenizer((input.lower() if lowercase else input).rstrip())`, for 140 edge cases × 5
/// tokenisers × {cased, lowercased}. Output and tokens must match byte for byte.
@Suite struct TokenizerVectorTests {
    @Test func allVectorsMatchByteForByte() throws {
        let records = try Fixtures.jsonLines("bleu/sacrebleu-tokenizer-vectors.jsonl")
        #expect(records.count == 1400)
        var failures: [String] = []
        for record in records {
            let name = record["tokenize"] as! String
            let lowercase = record["lowercase"] as! Bool
            let input = record["input"] as! String
            let expectedOutput = record["output"] as! String
            let expectedTokens = record["tokens"] as! [String]
            let bleu = BLEU(tokenizer: try BLEUTokenizer(name: name), lowercase: lowercase)
            let output = bleu.preprocess(input)
            let tokens = bleu.tokens(input)
            if Array(output.utf8) != Array(expectedOutput.utf8) || tokens.map({ Array($0.utf8) }) != expectedTokens.map({ Array($0.utf8) }) {
                failures.append("\(name) lc=\(lowercase) \(input.debugDescription): got \(output.debugDescription) want \(expectedOutput.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(30).joined(separator: "\n"))")
    }
}

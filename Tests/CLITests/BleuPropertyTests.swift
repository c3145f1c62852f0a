import Foundation
import Testing
import _TestSupport

/// Random corpora scored by `bleu` and by the installed `sacrebleu` package (2.6.0, read the way
/// its command line reads files: `newline="\n"`, `rstrip()`), which must agree exactly: equal
/// counts, totals and lengths, corpus scores equal to 17 decimals, and bit-identical sentence
/// scores. The corpora mix ASCII words, Unicode punctuation, CJK, digits with separators, Python
/// whitespace that is not ASCII, combining marks, emoji, empty lines and very long lines.
@Suite struct BleuPropertyTests {
    static let pieces: [String] = [
        // Words and things tokenisers treat specially.
        "the", "cat", "Hello", "don't", "U.S.", "e-mail", "x", "Straße", "ΣΑΣ", "ς", "İstanbul", "Ǆemal",
        "e\u{301}te\u{301}", "naïve", "&amp;", "&lt;", "&quot;", "<skipped>", "-", "--", "'s", "(a)", "[b]",
        // Unicode punctuation and symbols.
        "“", "”", "—", "–", "…", "«", "»", "¿", "¡", "、", "。", "，", "！", "‘", "’", "·", "©", "€", "§", "°C",
        // CJK, Hangul, full- and half-width forms.
        "中", "国", "人", "日本語", "東京", "の", "한국어", "ｶﾀｶﾅ", "ＡＢＣ", "１２３", "〇", "㐀", "𠀀", "丽",
        // Digits with separators.
        "1,000", "3.14", "12.5%", "1.000.000", "2024-01-01", "$5", "10:30", "-7", "1/2", "٣٤",
        // Emoji and other scalars.
        "🙂", "👩‍👩‍👧", "🇩🇪", "x\u{200D}y", "\u{00AD}", "\u{FEFF}",
    ]
    /// Separators: ordinary spaces, glued, and the whitespace Python splits on beyond ASCII
    /// (U+001C–U+001F, NBSP, ideographic space, U+2028, U+0085) plus tab and carriage return.
    static let separators: [String] = [" ", " ", " ", " ", "", "  ", "\t", "\u{1C}", "\u{1F}", "\u{A0}", "\u{3000}",
                                       "\u{2028}", "\u{85}", "\r", "\u{0B}", "\u{0C}"]

    static func line(_ g: inout TestCorpus.Generator, long: Bool) -> String {
        if !long && Int.random(in: 0..<10, using: &g) == 0 { return "" }
        let count = long ? Int.random(in: 2000...4000, using: &g) : Int.random(in: 1...30, using: &g)
        var text = ""
        for k in 0..<count {
            if k > 0 { text += separators.randomElement(using: &g)! }
            text += pieces.randomElement(using: &g)!
        }
        // Sometimes trailing white space, which both sides strip.
        if Int.random(in: 0..<5, using: &g) == 0 { text += separators.randomElement(using: &g)! }
        return text
    }

    /// A corpus of `segments` lines; each reference shares pieces with the hypothesis so that
    /// higher-order n-grams match too.
    static func corpus(seed: UInt64, segments: Int) -> (hyp: String, refs: [String]) {
        var g = TestCorpus.Generator(state: seed)
        var hyp: [String] = [], refA: [String] = [], refB: [String] = []
        for i in 0..<segments {
            let long = i == segments / 2
            let h = line(&g, long: long)
            hyp.append(h)
            // A reference: the hypothesis with some words replaced, or an unrelated line.
            func reference() -> String {
                if Int.random(in: 0..<4, using: &g) == 0 { return line(&g, long: false) }
                return h.split(separator: " ", omittingEmptySubsequences: false).map {
                    Int.random(in: 0..<4, using: &g) == 0 ? Substring(pieces.randomElement(using: &g)!) : $0
                }.joined(separator: " ")
            }
            refA.append(reference())
            refB.append(reference())
        }
        // A byte-order mark at the very start stays inside the first token (sacreBLEU reads utf-8, not utf-8-sig).
        hyp[0] = "\u{FEFF}" + hyp[0]
        return (hyp.joined(separator: "\n") + "\n", [refA.joined(separator: "\n") + "\n", refB.joined(separator: "\n") + "\n"])
    }

    /// sacreBLEU's numbers for the files, as JSON: per configuration the corpus statistics and
    /// score, the sentence scores (repr), and chrF/chrF++ corpus scores.
    static let script = #"""
    import json, sys
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.utils import smart_open
    hyp_path, *ref_paths = sys.argv[1:]
    read = lambda p: [line.rstrip() for line in smart_open(p)]
    hyps = read(hyp_path)
    refs = [read(p) for p in ref_paths]
    out = {}
    for tok in ["13a", "intl", "zh", "char", "none"]:
        for lc in [False, True]:
            bleu = BLEU(tokenize=tok, lowercase=lc)
            stats = bleu._extract_corpus_statistics(hyps, refs)
            summed = [sum(column) for column in zip(*stats)]
            score = bleu._compute_score_from_stats(summed)
            sentence = BLEU(tokenize=tok, lowercase=lc, effective_order=True)
            out[f"{tok}/{lc}"] = {
                "stats": summed, "score": f"{score.score:.17f}",
                "sentences": [repr(sentence.sentence_score(h, list(r)).score) for h, *r in zip(hyps, *refs)],
            }
    for order in [0, 2]:
        chrf = CHRF(word_order=order)
        out[f"chrf/{order}"] = f"{chrf.corpus_score(hyps, refs).score:.17f}"
    print(json.dumps(out))
    """#

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomCorporaScoreAsSacreBLEUScoresThem(seed: UInt64) throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let (hypText, refTexts) = Self.corpus(seed: seed, segments: 60)
        let hyp = try dir.write("hyp.txt", hypText)
        let refs = try refTexts.enumerated().map { try dir.write("ref\($0.offset).txt", $0.element) }
        // One reference for odd seeds, two for even ones.
        let used = seed % 2 == 1 ? [refs[0]] : refs
        let python = try Subprocess.python(Self.script, arguments: [hyp] + used)
        #expect(python.status == 0, "\(python.stderrText)")
        let expected = try JSONSerialization.jsonObject(with: python.stdout) as! [String: Any]
        let refArgs = used.flatMap { ["-r", $0] }

        for tokenizer in ["13a", "intl", "zh", "char", "none"] {
            for lowercase in [false, true] {
                let want = expected["\(tokenizer)/\(lowercase ? "True" : "False")"] as! [String: Any]
                let options = refArgs + ["--tokenize", tokenizer] + (lowercase ? ["--lowercase"] : [])
                let stats = try Subprocess.nlpipe("bleu", options + [hyp, "--stats"])
                #expect(stats.status == 0, "\(stats.stderrText)")
                let got = try JSONSerialization.jsonObject(with: stats.stdout) as! [String: Any]
                #expect(got["stats"] as? [Int] == want["stats"] as? [Int], "seed \(seed) \(options)")
                let score = try Subprocess.nlpipe("bleu", options + [hyp, "--score-only", "--width", "17"])
                #expect(score.stdoutText == (want["score"] as! String) + "\n", "seed \(seed) \(options)")
                let sentences = try Subprocess.nlpipe("bleu", options + [hyp, "--sentence"])
                #expect(sentences.status == 0, "\(sentences.stderrText)")
                // The numbers are read with Swift's exact parser (Foundation's JSON parser on
                // Linux can be an ulp off).
                let values = sentences.stdoutText.split(separator: "\n").map { line -> Double? in
                    guard let key = line.range(of: "\"bleu\":") else { return nil }
                    return Double(line[key.upperBound...].prefix { $0 != "," && $0 != "}" })
                }
                let wanted = (want["sentences"] as! [String]).map { Double($0) }
                #expect(values == wanted, "seed \(seed) \(options): sentence scores differ")
            }
        }
        for order in [0, 2] {
            let score = try Subprocess.nlpipe("bleu", refArgs + [hyp, "--metric", "chrf", "--word-order", "\(order)",
                                                                  "--score-only", "--width", "17"])
            #expect(score.stdoutText == (expected["chrf/\(order)"] as! String) + "\n", "seed \(seed) chrF word order \(order)")
        }
    }
}

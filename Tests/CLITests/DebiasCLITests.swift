import Foundation
import Testing
import _TestSupport

/// `debias` run as a program: against a numpy re-implementation of debiaswe's `debias`, end to
/// end on vectors trained from wiki8, and on bad input.
@Suite struct DebiasCLITests {
    /// 80 random 20-d vectors with a planted gender axis (dimension 0): pairs f<k>/m<k> sit on
    /// either side of it, the professions p<k> lean one way or the other, and the equalisation
    /// pair sis/bro comes in three cases.
    static func fixture(_ dir: TemporaryDirectory) throws -> (vectors: String, lists: [String: String]) {
        var generator = TestCorpus.Generator(state: 42)
        func normal() -> Double {
            let u = (Double(generator.next() >> 11) + 0.5) / Double(1 << 53), v = Double(generator.next() >> 11) / Double(1 << 53)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        var words: [String] = []
        for k in 0..<6 { words += ["f\(k)", "m\(k)"] }
        words += (0..<24).map { "p\($0)" } + ["sis", "bro", "Sis", "Bro", "SIS", "BRO", "she2", "he2"]
        words += (0..<(80 - words.count)).map { "w\($0)" }
        var text = "\(words.count) 20\n"
        for word in words {
            var v = (0..<20).map { _ in normal() * 0.3 }
            if word.hasPrefix("f") || word.lowercased().hasPrefix("sis") || word == "she2" { v[0] += 1 }
            if word.hasPrefix("m") || word.lowercased().hasPrefix("bro") || word == "he2" { v[0] -= 1 }
            if word.hasPrefix("p"), let k = Int(word.dropFirst()) { v[0] += k % 2 == 0 ? 0.4 : -0.25 }
            text += word + " " + v.map { String(Float($0)) }.joined(separator: " ") + "\n"
        }
        let lists = [
            "pairs": try dir.write("pairs.json", #"[["f0","m0"],["f1","m1"],["f2","m2"],["f3","m3"],["f4","nosuchword"],["f5","m5"]]"#),
            "gender": try dir.write("gender.json", #"["f4","m4","she2","he2"]"#),
            "equalize": try dir.write("equalize.json", #"[["sis","bro"],["she2","he2"],["gone","missing"]]"#),
            "neutral": try dir.write("neutral.json", "[" + (0..<24).map { "\"p\($0)\"" }.joined(separator: ",") + ",\"he2\",\"absent\"]"),
            "weat": try dir.write("weat.json", #"{"name":"planted","X":["p0","p2","p4","p6"],"Y":["p1","p3","p5","p7"],"A":["f1","f2"],"B":["m1","m2"]}"#),
        ]
        return (try dir.write("vectors.txt", text), lists)
    }

    /// debiaswe's `debias` (doPCA direction, drop, normalise, equalise with y ± z·g over the
    /// lower/title/upper variants) and the paper's direct bias and Caliskan et al.'s WEAT, in
    /// numpy Float64.
    static let reference = #"""
    import json, sys
    import numpy as np
    from safetensors.numpy import load_file
    from safetensors import safe_open
    vec, out, pairs, gender, equalize, neutral, weat = sys.argv[1:8]
    lines = open(vec).read().split("\n")[1:]
    words = [l.split()[0] for l in lines if l]
    E = np.array([[float(x) for x in l.split()[1:]] for l in lines if l])
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    idx = {w: i for i, w in enumerate(words)}
    P = [(a, b) for a, b in json.load(open(pairs)) if a in idx and b in idx]
    M = []
    for a, b in P:
        c = (E[idx[a]] + E[idx[b]]) / 2
        M += [E[idx[a]] - c, E[idx[b]] - c]
    M = np.array(M); M -= M.mean(axis=0)
    _, S, Vt = np.linalg.svd(M, full_matrices=False)
    g = Vt[0]
    if sum((E[idx[a]] - E[idx[b]]) @ g for a, b in P) < 0: g = -g
    ratios = (S ** 2 / (S ** 2).sum())[:3]
    cands = []
    for a, b in json.load(open(equalize)):
        for x, y in [(a, b), (a.lower(), b.lower()), (a.title(), b.title()), (a.upper(), b.upper())]:
            if x in idx and y in idx and (x, y) not in cands: cands.append((x, y))
    exempt = {idx[w] for w in json.load(open(gender)) if w in idx} | {idx[w] for p in P + cands for w in p}
    neutral_rows = [idx[w] for w in json.load(open(neutral)) if w in idx and idx[w] not in exempt]
    t = json.load(open(weat))
    def weat_test(E):
        s = lambda w: np.mean([E[idx[w]] @ E[idx[a]] for a in t["A"]]) - np.mean([E[idx[w]] @ E[idx[b]] for b in t["B"]])
        sx = np.array([s(w) for w in t["X"]]); sy = np.array([s(w) for w in t["Y"]])
        return (sx.mean() - sy.mean()) / np.std(np.concatenate([sx, sy]), ddof=1), sx.sum() - sy.sum()
    bias_before = np.mean(np.abs(E[neutral_rows] @ g))
    weat_before = weat_test(E)
    for i in range(len(words)):
        if i not in exempt:
            E[i] -= (E[i] @ g) * g
            E[i] /= np.linalg.norm(E[i])
    for a, b in cands:
        y = (E[idx[a]] + E[idx[b]]) / 2
        y -= (y @ g) * g
        z = np.sqrt(1 - y @ y)
        if (E[idx[a]] - E[idx[b]]) @ g < 0: z = -z
        E[idx[a]] = z * g + y
        E[idx[b]] = -z * g + y
    ours = load_file(out)["vectors"].astype(np.float64)
    meta = json.loads(safe_open(out, "numpy").metadata()["debias"])
    print(json.dumps({"max_diff": float(np.abs(ours - E).max()), "ratios": ratios.tolist(),
                      "bias_before": float(bias_before), "bias_after": float(np.mean(np.abs(E[neutral_rows] @ g))),
                      "weat_before": [float(x) for x in weat_before], "weat_after": [float(x) for x in weat_test(E)],
                      "g_cos": float(abs(np.array(meta["direction"]["vector"]) @ g)),
                      "meta_gender": meta["lists"]["gender_specific"]["words"], "meta_normalized": meta["normalized"]}))
    """#

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func matchesANumpyReimplementationOfDebiaswe() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let (vectors, lists) = try Self.fixture(dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: vectors))
        let out = dir.path("debiased.nlpipe")
        let result = try Subprocess.nlpipe("debias", ["-m", vectors, "-o", out, "--pairs", lists["pairs"]!,
                                                      "--gender-specific", lists["gender"]!, "--equalize", lists["equalize"]!,
                                                      "--neutral-words", lists["neutral"]!, "--weat", lists["weat"]!, "--quiet"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText == "")
        #expect(try Data(contentsOf: URL(fileURLWithPath: vectors)) == original, "the input file is unchanged")
        let report = try json(result.stdoutText)
        let direction = report["direction"] as! [String: Any]
        #expect((direction["skipped_pairs"] as! [[String]]) == [["f4", "nosuchword"]], "the unknown pair is skipped and reported")
        #expect(((direction["pairs"] as! [[String]])).count == 5)
        #expect((report["equalized"] as! [[String]]) == [["sis", "bro"], ["Sis", "Bro"], ["SIS", "BRO"], ["she2", "he2"]])
        #expect((report["skipped_equalize"] as! [[String]]) == [["gone", "missing"]])
        let before = report["before"] as! [String: Any], after = report["after"] as! [String: Any]
        let biasBefore = before["direct_bias"] as! [String: Any], biasAfter = after["direct_bias"] as! [String: Any]
        #expect((biasBefore["words"] as! Int) == 24 && (biasBefore["unknown"] as! [String]) == ["absent"])
        #expect((biasBefore["exempt"] as! [String]) == ["he2"])

        let python = try Subprocess.python(Self.reference, arguments: [vectors, out, lists["pairs"]!, lists["gender"]!,
                                                                        lists["equalize"]!, lists["neutral"]!, lists["weat"]!])
        #expect(python.status == 0, "\(python.stderrText)")
        let numpy = try json(python.stdoutText)
        #expect((numpy["max_diff"] as! Double) < 2e-6, "the debiased vectors match numpy's")
        #expect((numpy["g_cos"] as! Double) > 1 - 1e-6, "the metadata records g")
        #expect((numpy["meta_normalized"] as! Bool))
        #expect((numpy["meta_gender"] as! [String]) == ["f4", "m4", "she2", "he2"])
        let ratios = (numpy["ratios"] as! [Double]), ours = direction["explained_variance"] as! [Double]
        for k in 0..<3 { #expect(abs(ours[k] - ratios[k]) < 1e-6) }
        #expect(abs((biasBefore["value"] as! Double) - (numpy["bias_before"] as! Double)) < 1e-6)
        #expect((biasBefore["value"] as! Double) > 0.1, "the planted bias is there to find")
        #expect(abs((biasAfter["value"] as! Double) - (numpy["bias_after"] as! Double)) < 1e-6)
        #expect((biasAfter["value"] as! Double) < 1e-6)
        let weatBefore = (before["weat"] as! [[String: Any]])[0], weatAfter = (after["weat"] as! [[String: Any]])[0]
        let numpyWEAT = (numpy["weat_before"] as! [Double]), numpyWEATAfter = numpy["weat_after"] as! [Double]
        #expect(abs((weatBefore["effect_size"] as! Double) - numpyWEAT[0]) < 1e-5)
        #expect(abs((weatBefore["statistic"] as! Double) - numpyWEAT[1]) < 1e-5)
        #expect(abs((weatAfter["effect_size"] as! Double) - numpyWEATAfter[0]) < 1e-5)
        #expect((weatBefore["exact"] as! Bool) && (weatBefore["partitions"] as! Int) == 70)

        // The output is an ordinary embeddings file: embed-query exports it.
        let export = try Subprocess.nlpipe("embed-query", ["-m", out, "--export", "word2vec"])
        #expect(export.status == 0 && export.stdoutText.hasPrefix("80 20\nf0 "))
    }

    @Test func measureOnlyReportsTheInputAndWritesNothing() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let (vectors, lists) = try Self.fixture(dir)
        let result = try Subprocess.nlpipe("debias", ["-m", vectors, "--measure", "--direction-words", "she2,he2",
                                                      "--neutral-words", lists["neutral"]!, "--report", dir.path("r.json")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "")
        #expect(result.stderrText.hasPrefix("debias: direction words from she2 - he2\ndebias: direct bias over"))
        let report = try json(try String(contentsOfFile: dir.path("r.json"), encoding: .utf8))
        #expect(report["before"] == nil && report["after"] == nil)
        let measured = (report["measure"] as! [String: Any])["direct_bias"] as! [String: Any]
        #expect((measured["value"] as! Double) > 0.1)
        #expect(try dir.contents() == ["equalize.json", "gender.json", "neutral.json", "pairs.json", "r.json", "vectors.txt", "weat.json"])
    }

    @Test func badInputIsAClearErrorWithTheDocumentedStatus() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let (vectors, _) = try Self.fixture(dir)
        let out = dir.path("out.nlpipe")
        let unknownPairs = try dir.write("unknown.json", #"[["x","y"],["f0","z"]]"#)
        let allUnknown = try Subprocess.nlpipe("debias", ["-m", vectors, "--pairs", unknownPairs, "-o", out])
        #expect(allUnknown.status == 65)
        #expect(allUnknown.stderrText == "debias: \(unknownPairs): none of the 2 definitional pairs has both words in the vocabulary\n")
        let malformed = try dir.write("bad.json", #"[["f0","m0"],"#)
        let bad = try Subprocess.nlpipe("debias", ["-m", vectors, "--equalize", malformed, "-o", out])
        #expect(bad.status == 65)
        #expect(bad.stderrText.hasPrefix("debias: \(malformed): invalid JSON at byte"))
        let shape = try dir.write("shape.json", #"[["f0","m0","x"]]"#)
        let wrongShape = try Subprocess.nlpipe("debias", ["-m", vectors, "--pairs", shape, "-o", out])
        #expect(wrongShape.status == 65)
        #expect(wrongShape.stderrText == "debias: \(shape): element 1 of the list is not a pair of two words\n")
        let missing = try Subprocess.nlpipe("debias", ["-m", vectors, "--gender-specific", dir.path("nope.json")])
        #expect(missing.status == 66 && missing.stderrText.hasPrefix("debias: \(dir.path("nope.json")): cannot open"))
        #expect(!FileManager.default.fileExists(atPath: out), "a failed run writes no model")

        let vocabulary = dir.path("vocab.nlpipe")
        #expect(try Subprocess.nlpipe("vocab", ["build", "--text", "-o", vocabulary], stdin: "a b c a\n").status == 0)
        let wrongKind = try Subprocess.nlpipe("debias", ["-m", vocabulary, "--measure"])
        #expect(wrongKind.status == 65 && wrongKind.stderrText.hasPrefix("debias: \(vocabulary): "))
        let text = try dir.write("notes.txt", "just some words\nand more\n")
        let notVectors = try Subprocess.nlpipe("debias", ["-m", text, "--measure"])
        #expect(notVectors.status == 65 && notVectors.stderrText.hasPrefix("debias: \(text): not a word-vector file"))

        let original = try Data(contentsOf: URL(fileURLWithPath: vectors))
        let sameFile = try Subprocess.nlpipe("debias", ["-m", vectors, "-o", vectors])
        #expect(sameFile.status == 64 && sameFile.stderrText.contains("is the input model"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: vectors)) == original)
        let both = try Subprocess.nlpipe("debias", ["-m", vectors, "--measure", "-o", out])
        #expect(both.status == 64 && both.stderrText.hasPrefix("debias: --measure changes nothing"))
        let words = try Subprocess.nlpipe("debias", ["-m", vectors, "--direction-words", "f0", "--measure"])
        #expect(words.status == 64 && words.stderrText.hasPrefix("debias: --direction-words takes two words"))
        let unknownWord = try Subprocess.nlpipe("debias", ["-m", vectors, "--direction-words", "f0,zzz", "--measure"])
        #expect(unknownWord.status == 65 && unknownWord.stderrText == "debias: --direction-words: not in the vocabulary: zzz\n")
    }

    /// The issue's end-to-end check on vectors the project trains: skip-gram on the first
    /// million tokens of wiki8, debiased with the built-in lists. The direct bias over the
    /// built-in professions must fall to at most 0.01, and the analogy accuracy over the
    /// sections of questions-words.txt other than `family` (the gendered one) must not fall by
    /// more than one point.
    @Test func debiasingWiki8VectorsRemovesDirectBiasAndKeepsAnalogies() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let corpus = dir.path("wiki8-1M.txt")
        try Data(try TestCorpus.wiki8Sample()).write(to: URL(fileURLWithPath: corpus))
        let vectors = dir.path("vectors.nlpipe"), out = dir.path("debiased.nlpipe")
        let train = try Subprocess.nlpipe("embed-train", ["--text", "--epochs", "3", "--threads", "2", "--share-negatives",
                                                          "--seed", "3", "--quiet", "-o", vectors, corpus])
        #expect(train.status == 0, "\(train.stderrText)")
        let questions = SharedData.url("eval/questions-words.txt").path
        let result = try Subprocess.nlpipe("debias", ["-m", vectors, "-o", out, "--eval-analogies", questions,
                                                      "--eval-pairs", SharedData.url("eval/wordsim353.tsv").path])
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try json(result.stdoutText)
        let before = report["before"] as! [String: Any], after = report["after"] as! [String: Any]
        let biasBefore = before["direct_bias"] as! [String: Any], biasAfter = after["direct_bias"] as! [String: Any]
        #expect((biasBefore["words"] as! Int) >= 60, "most built-in professions are in the vocabulary")
        #expect((biasBefore["value"] as! Double) > 0.05, "there was bias to remove")
        #expect((biasAfter["value"] as! Double) <= 0.01)
        func nonGender(_ measurement: [String: Any]) -> (correct: Int, evaluated: Int) {
            let sections = (measurement["analogies"] as! [String: Any])["sections"] as! [[String: Any]]
            return sections.filter { ($0["section"] as! String) != "family" }
                .reduce((0, 0)) { ($0.0 + ($1["correct"] as! Int), $0.1 + ($1["evaluated"] as! Int)) }
        }
        let (c0, n0) = nonGender(before), (c1, n1) = nonGender(after)
        #expect(n0 == n1 && n0 > 3000)
        #expect(c0 > 30, "the vectors answer some analogies (\(c0)/\(n0))")
        #expect(Double(c1) / Double(n1) >= Double(c0) / Double(n0) - 0.01, "before \(c0)/\(n0), after \(c1)/\(n1)")
        let rho = ((after["pairs"] as! [String: Any])["spearman"] as! Double)
        #expect(rho > 0.1, "word similarity survives (rho \(rho))")
    }
}

import Embeddings

/// The few lines `debias` prints on standard error unless `--quiet`.
enum Summary {
    static func lines(of run: DebiasingRun, output: String?) -> String {
        func short(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "n/a" }
            return String((x * 10_000).rounded() / 10_000)
        }
        let d = run.direction
        var lines: [String] = []
        var first = "debias: direction \(d.method) from " + (d.method == "words"
            ? "\(d.pairs[0].first) - \(d.pairs[0].second)"
            : "\(d.pairs.count) of \(d.pairs.count + d.skippedPairs.count) pairs")
        if !d.skippedPairs.isEmpty {
            first += " (not in the vocabulary: " + d.skippedPairs.map { "\($0.first)/\($0.second)" }.joined(separator: ", ") + ")"
        }
        if let ratios = d.explainedVariance {
            first += "; variance explained by the first components: " + ratios.prefix(10).map(short).joined(separator: " ")
        }
        lines.append(first)
        let after = run.after
        func pair(_ before: Double?, _ after: Double?) -> String {
            run.after == nil ? short(before) : "\(short(before)) -> \(short(after))"
        }
        let bias = run.before.directBias
        lines.append("debias: direct bias over \(bias.measured) neutral words: \(pair(bias.value, after?.directBias.value))")
        for (n, test) in run.before.weat.enumerated() {
            let later = after?.weat[n]
            lines.append("debias: WEAT\(test.name.map { " '\($0)'" } ?? ""): effect size \(pair(test.effectSize, later?.effectSize)), "
                + "p \(pair(test.pValue, later?.pValue))")
        }
        if let analogies = run.before.analogies {
            lines.append("debias: analogy accuracy \(pair(analogies.accuracy, after?.analogies?.accuracy))")
        }
        if let pairs = run.before.pairs {
            lines.append("debias: word-pair Spearman rho \(pair(pairs.spearman, after?.pairs?.spearman))")
        }
        if let debiased = run.debiased {
            lines.append("debias: neutralised \(debiased.neutralized) words, \(run.exemptCount) exempt, equalised "
                + "\(debiased.equalized.count) pairs" + (output.map { " -> \($0)" } ?? " (no -o: nothing written)"))
        }
        return lines.joined(separator: "\n")
    }
}

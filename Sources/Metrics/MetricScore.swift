/// What every score offers for sacreBLEU-style reporting (`metrics/base.py` `Score.format`).
public protocol MetricScore: Sendable {
    /// The metric's display name (`BLEU`, `chrF2`, `chrF2++`).
    var name: String { get }
    /// The score on the 0–100 scale.
    var score: Double { get }
    /// The details printed after the score (BLEU's precisions and lengths; empty for chrF).
    var verboseScore: String { get }
}

/// A bootstrap estimate around a score: sacreBLEU's `μ = mean ± ci`.
public struct ConfidenceEstimate: Sendable, Equatable {
    /// The mean of the resampled scores.
    public var mean: Double
    /// Half the width of the 95% interval: (upper − lower) / 2 of the sorted resampled scores.
    public var halfWidth: Double

    public init(mean: Double, halfWidth: Double) {
        self.mean = mean
        self.halfWidth = halfWidth
    }
}

extension MetricScore {
    /// The score with `width` decimals (`-b`, `--score-only`).
    public func formattedScore(width: Int = 1) -> String {
        formatFixed(score, decimals: width)
    }

    /// The score part of sacreBLEU's text line, with the confidence if given:
    /// `28.3 (μ = 28.3 ± 0.7)`.
    public func scoreText(width: Int = 1, confidence: ConfidenceEstimate? = nil) -> String {
        var text = formattedScore(width: width)
        if let confidence, confidence.mean > 0 {
            text += " (μ = \(formatFixed(confidence.mean, decimals: width)) ± \(formatFixed(confidence.halfWidth, decimals: width)))"
        }
        return text
    }

    /// sacreBLEU's `-f text` line: `BLEU|<signature> = 28.3 59.9/34.0/… (BP = …)`.
    public func textLine(signature: String, width: Int = 1, confidence: ConfidenceEstimate? = nil) -> String {
        var line = signature.isEmpty ? name : "\(name)|\(signature)"
        line += " = " + scoreText(width: width, confidence: confidence)
        let verbose = verboseScore
        if !verbose.isEmpty { line += " " + verbose }
        return line
    }

    /// sacreBLEU's single-system JSON object (`json.dumps(d, indent=1, ensure_ascii=False)`),
    /// with the long signature, its keys as fields, and the confidence fields when given.
    public func json(signature: MetricSignature, width: Int = 1, confidence: ConfidenceEstimate? = nil) -> String {
        var fields: [(String, String)] = [
            ("name", jsonString(name)),
            ("score", pythonFloatRepr(Double(formatFixed(score, decimals: width)) ?? score)),
            ("signature", jsonString(signature.format())),
        ]
        if let confidence, confidence.mean > 0 {
            let mean = formatFixed(confidence.mean, decimals: width)
            let halfWidth = formatFixed(confidence.halfWidth, decimals: width)
            fields.append(("confidence_mean", pythonFloatRepr(Double(mean) ?? confidence.mean)))
            fields.append(("confidence_var", pythonFloatRepr(Double(halfWidth) ?? confidence.halfWidth)))
            fields.append(("confidence", jsonString("μ = \(mean) ± \(halfWidth)")))
        }
        let verbose = verboseScore
        if !verbose.isEmpty { fields.append(("verbose_score", jsonString(verbose))) }
        for (key, value) in signature.pairs { fields.append((key, jsonString(value))) }
        return "{\n" + fields.map { " \(jsonString($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}"
    }
}

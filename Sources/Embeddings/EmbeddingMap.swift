/// A 2-D picture of chosen words: their vectors projected on the first two principal
/// components, drawn as a labelled scatter plot in SVG.
public struct EmbeddingMap: Sendable {
    public let words: [String]
    public let pca: PrincipalComponents

    /// Projects the vectors of `indices` (rows of `vectors`); at least two are needed.
    public init(_ vectors: WordVectors, indices: [Int]) throws {
        guard indices.count >= 2 else {
            throw EmbeddingsError(.badData, "a map needs at least two words in the vocabulary, got \(indices.count)")
        }
        words = indices.map { vectors.words[$0] }
        pca = PrincipalComponents(rows: indices.map { vectors.vectors.rowArray($0) }, components: 2)
    }

    /// The SVG document: a `width`×`height` canvas, one dot and label per word, axes titled with
    /// the share of variance each component explains.
    public func svg(width: Int = 800, height: Int = 600) -> String {
        let margin = 60.0
        let xs = pca.coordinates.map { $0[0] }, ys = pca.coordinates.map { $0[1] }
        func span(_ values: [Double]) -> (Double, Double) {
            let low = values.min() ?? 0, high = values.max() ?? 0
            return high > low ? (low, high) : (low - 1, high + 1)
        }
        let (xLow, xHigh) = span(xs), (yLow, yHigh) = span(ys)
        let w = Double(width), h = Double(height)
        func x(_ value: Double) -> Double { margin + (value - xLow) / (xHigh - xLow) * (w - 2 * margin) }
        func y(_ value: Double) -> Double { h - margin - (value - yLow) / (yHigh - yLow) * (h - 2 * margin) }
        func number(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        func percent(_ k: Int) -> String {
            pca.totalVariance > 0 ? number(100 * pca.variances[k] / pca.totalVariance) + "%" : "0%"
        }
        var lines: [String] = []
        lines.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        lines.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="\##(height)" viewBox="0 0 \##(width) \##(height)" font-family="sans-serif">"##)
        lines.append(##"<rect width="100%" height="100%" fill="white"/>"##)
        lines.append(##"<rect x="\##(number(margin / 2))" y="\##(number(margin / 2))" width="\##(number(w - margin))" height="\##(number(h - margin))" fill="none" stroke="#bbb"/>"##)
        lines.append(##"<text x="\##(number(w / 2))" y="\##(number(h - 8))" text-anchor="middle" font-size="13" fill="#555">PC1 (\##(percent(0)) of variance)</text>"##)
        lines.append(##"<text x="14" y="\##(number(h / 2))" text-anchor="middle" font-size="13" fill="#555" transform="rotate(-90 14 \##(number(h / 2)))">PC2 (\##(percent(1)) of variance)</text>"##)
        for (i, word) in words.enumerated() {
            let px = number(x(xs[i])), py = number(y(ys[i]))
            lines.append(##"<circle cx="\##(px)" cy="\##(py)" r="3.5" fill="#1f77b4"/>"##)
            lines.append(##"<text x="\##(number(x(xs[i]) + 6))" y="\##(number(y(ys[i]) - 6))" font-size="14">\##(Self.escape(word))</text>"##)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// XML text escaping.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

import JSONCore
import Kernels

/// The direct bias of a set of gender-neutral words N (Bolukbasi et al. 2016, §6.1):
///
///     DirectBias_c = (1/|N|) Σ_{w ∈ N} |cos(w, g)|^c
///
/// with c = 1, the mean |cos(w, g)|, and the words with the largest projections on each side.
public struct DirectBias: Sendable {
    public struct Projection: Sendable, Equatable {
        public let word: String
        /// cos(w, g) = ŵ·g.
        public let projection: Float
    }

    /// The mean |cos(w, g)| over the measured words (nil when none was measured).
    public let value: Double?
    /// How many words were measured.
    public let measured: Int
    /// Words of the list not in the vocabulary.
    public let unknown: [String]
    /// Words of the list left out as gender-specific (exempt from neutralising, so not part of
    /// the neutral set N).
    public let exempt: [String]
    /// The measured words with the largest positive projections, largest first.
    public let positive: [Projection]
    /// The measured words with the most negative projections, most negative first.
    public let negative: [Projection]

    /// Measures `words` (each counted once) on the unit rows `unit`, with `index` finding rows
    /// and `exempt` the rows that are not part of N. The projections of the listed rows are
    /// one `sgemv` over a gathered |N|×D matrix: O(|N|·D).
    public init(words: [String], unit: FloatMatrix, index: (String) -> Int?, direction g: [Float],
                exempt exemptRows: Set<Int>, top: Int) {
        var seen = Set<String>()
        var rows: [Int] = [], measuredWords: [String] = []
        var unknown: [String] = [], exempt: [String] = []
        for word in words where seen.insert(word).inserted {
            guard let i = index(word) else { unknown.append(word); continue }
            if exemptRows.contains(i) { exempt.append(word); continue }
            rows.append(i)
            measuredWords.append(word)
        }
        let gathered = FloatMatrix(rows: rows.count, columns: unit.columns)
        for (r, i) in rows.enumerated() { Vector.copy(unit.row(i), to: gathered.row(r), count: unit.columns) }
        var cosines = [Float](repeating: 0, count: rows.count)
        cosines.withUnsafeMutableBufferPointer { BLAS.multiply(gathered, g, into: $0.baseAddress!) }
        value = rows.isEmpty ? nil : cosines.reduce(0.0) { $0 + abs(Double($1)) } / Double(rows.count)
        measured = rows.count
        self.unknown = unknown
        self.exempt = exempt
        let order = cosines.indices.sorted { cosines[$0] > cosines[$1] || (cosines[$0] == cosines[$1] && $0 < $1) }
        let count = max(0, top)
        positive = order.prefix(count).filter { cosines[$0] > 0 }.map { Projection(word: measuredWords[$0], projection: cosines[$0]) }
        negative = order.reversed().prefix(count).filter { cosines[$0] < 0 }
            .map { Projection(word: measuredWords[$0], projection: cosines[$0]) }
    }

    public var json: JSONValue {
        func list(_ items: [Projection]) -> JSONValue {
            .array(items.map { ["word": .string($0.word), "projection": JSONValue($0.projection)] })
        }
        return [
            "value": value.map { JSONValue($0) } ?? .null,
            "words": JSONValue(measured),
            "unknown": .array(unknown.map(JSONValue.string)),
            "exempt": .array(exempt.map(JSONValue.string)),
            "most_positive": list(positive),
            "most_negative": list(negative),
        ]
    }
}

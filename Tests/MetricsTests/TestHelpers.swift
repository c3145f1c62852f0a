import Foundation
import Metrics
import _TestSupport

/// Shared helpers for the metric tests.
enum Fixtures {
    /// `/work/shared/data/bleu/wmt/<relative>` read as the sacreBLEU CLI reads it.
    static func wmtLines(_ relative: String) throws -> TextLines {
        let data = try SharedData.data("bleu/wmt/" + relative)
        return try TextLines(sacreBLEUFileContents: [UInt8](data))
    }

    static func ints(_ value: Any?) -> [Int] {
        (value as! [Any]).map { ($0 as! NSNumber).intValue }
    }

    static func doubles(_ value: Any?) -> [Double] {
        (value as! [Any]).map { ($0 as! NSNumber).doubleValue }
    }

    static func double(_ value: Any?) -> Double {
        (value as! NSNumber).doubleValue
    }

    /// The optional smoothing value of a record (JSON null → nil).
    static func optionalDouble(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return (value as! NSNumber).doubleValue
    }

    static func bleu(from record: [String: Any]) throws -> BLEU {
        BLEU(tokenizer: try BLEUTokenizer(name: record["tokenize"] as? String ?? "13a"),
             lowercase: record["lowercase"] as? Bool ?? false,
             smoothing: try BLEU.Smoothing(name: record["smooth"] as? String ?? "exp"),
             smoothingValue: optionalDouble(record["smooth_value"]),
             maxNgramOrder: (record["max_ngram_order"] as? NSNumber)?.intValue ?? 4,
             effectiveOrder: record["effective_order"] as? Bool ?? false)
    }

    static func chrf(from record: [String: Any]) -> CHRF {
        CHRF(charOrder: (record["char_order"] as! NSNumber).intValue,
             wordOrder: (record["word_order"] as! NSNumber).intValue,
             beta: (record["beta"] as! NSNumber).intValue,
             lowercase: record["lowercase"] as? Bool ?? false,
             whitespace: record["whitespace"] as? Bool ?? false,
             epsSmoothing: record["eps_smoothing"] as? Bool ?? false)
    }
}

/// A JSON value decoded with `JSONDecoder`, whose number parsing is correctly rounded
/// (`JSONSerialization` on Linux is not: it reads 0.000999000999000999 as 0.0009990009990009988,
/// which would hide or fake last-bit differences from sacreBLEU).
enum PreciseJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([PreciseJSON]), object([String: PreciseJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([PreciseJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: PreciseJSON].self)) }
    }

    /// As Foundation objects: numbers become `NSNumber(value: Double)`.
    var any: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .number(let value): return NSNumber(value: value)
        case .string(let value): return value
        case .array(let values): return values.map(\.any)
        case .object(let fields): return fields.mapValues(\.any)
        }
    }
}

extension Fixtures {
    /// Every non-empty line of a JSON Lines file under the shared data, with exact numbers.
    static func jsonLines(_ relative: String) throws -> [[String: Any]] {
        let text = String(decoding: try SharedData.data(relative), as: UTF8.self)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map {
            try decoder.decode(PreciseJSON.self, from: Data($0.utf8)).any as! [String: Any]
        }
    }
}

import CommandLineSupport
import Diagnostics
import LanguageModels
import Records

/// How `lm-train` reads its training, validation and test text: every line or record is one
/// sequence, of tokens (or characters), or of token ids as `vocab encode` writes them.
///
/// Ids are read from a record's field when it holds an array of integers: the `--field` given, or,
/// at word level without --field and with --vocab, the `ids` field of every record that has one
/// (other records are read by their `tokens`). Ids refer to a vocabulary, so they are only read
/// when the model's vocabulary is known before the data (`vocabularySize`: --vocab, or the
/// checkpoint of --resume); each must lie in 0..<vocabularySize, or the line is bad data.
struct CorpusReader {
    let unit: SequenceUnit
    /// --field, if given.
    let field: String?
    /// Read a record's `ids` when it has them (word level, --vocab given, no --field).
    let idsByDefault: Bool
    /// The size of the vocabulary the ids index, nil when none is known before reading.
    let vocabularySize: Int?

    static let idsField = "ids"

    /// Every sequence of the inputs `options` name.
    func read(_ options: InputOptions) throws -> [CorpusSequence] {
        let io = try FilterIO(options, fallback: .automatic)
        let tokenField = field ?? SequenceLines.defaultField(unit)
        var sequences: [CorpusSequence] = []
        if io.format == .jsonLines {
            let parser = RecordParser()
            try io.forEachLine { line, _ in
                try parser.parse(line)
                if let i = idField(parser) {
                    sequences.append(.ids(try ids(parser, i)))
                } else {
                    sequences.append(.tokens(try SequenceLines.tokens(of: parser, unit: unit, field: tokenField)))
                }
            }
        } else {
            try SequenceLines.forEach(io, unit: unit, field: tokenField) { tokens, _ in sequences.append(.tokens(tokens)) }
        }
        try io.finish(program: "lm-train")
        return sequences
    }

    /// The index of the field holding this record's ids, or nil when it is read as tokens.
    private func idField(_ parser: RecordParser) -> Int? {
        if let field {
            guard let i = parser.index(of: field), Self.isIntegerArray(parser.rawValue(i)) else { return nil }
            return i
        }
        return idsByDefault ? parser.index(of: Self.idsField) : nil
    }

    /// The ids of field `i`, each checked against the vocabulary.
    private func ids(_ parser: RecordParser, _ i: Int) throws -> [Int32] {
        let name = field ?? Self.idsField
        guard let size = vocabularySize else {
            throw Failure(.usage, "field '\(name)' holds token ids, which need the vocabulary they were made with: give it with --vocab")
        }
        let values = try parser.integers(i, field: name)
        if let k = values.firstIndex(where: { $0 < 0 || $0 >= size }) {
            throw RecordsError.invalidLine("field '\(name)' holds the id \(values[k]) (item \(k + 1)), outside the vocabulary of \(size) entries")
        }
        return values.map { Int32($0) }
    }

    /// Whether a raw JSON value is an array whose first item is a number (an empty array is not:
    /// it reads the same either way).
    static func isIntegerArray(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard raw.first == UInt8(ascii: "[") else { return false }
        for b in raw.dropFirst() where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) {
            return b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
        return false
    }
}

import Diagnostics
import Metrics
import Records

/// The systems and references to score, read from plain text files (as the sacreBLEU command
/// line reads them) or from JSON Lines records with hypothesis and reference fields.
struct Corpus {
    /// Each system's name (its file, or `stdin`) and lines.
    var systems: [(name: String, lines: TextLines)] = []
    /// The reference streams: `references[k]` line i is the k-th reference of segment i.
    var references: [TextLines] = []
    /// For JSON Lines input, each record's bytes, so sentence scores can pass its fields through.
    var records: [[UInt8]]?

    /// Plain text: one system per hypothesis file (standard input when none), one stream per
    /// reference file. Every file must have as many lines as the first hypothesis.
    static func fromFiles(hypotheses: [String], references: [String]) throws -> Corpus {
        var corpus = Corpus()
        for path in hypotheses.isEmpty ? ["-"] : hypotheses {
            corpus.systems.append((path == "-" ? "stdin" : path, try readLines(path)))
        }
        corpus.references = try references.map(readLines)
        let expected = corpus.systems[0].lines.count
        for (name, lines) in corpus.systems where lines.count != expected {
            throw Failure(.badData, "hypothesis '\(corpus.systems[0].name)' has \(expected) lines but '\(name)' has \(lines.count)")
        }
        for (path, lines) in zip(references, corpus.references) where lines.count != expected {
            throw Failure(.badData, "the hypothesis has \(expected) lines but reference '\(path)' has \(lines.count)")
        }
        return corpus
    }

    /// JSON Lines: each record has a hypothesis string and a reference string or array of
    /// reference strings (records may have different numbers of references).
    static func fromRecords(paths: [String], hypothesisField: String, referenceField: String, skipInvalid: Bool) throws -> Corpus {
        let input = LineInput(paths: paths)
        let parser = RecordParser()
        var hypotheses = TextLines()
        var referenceLists: [[String]] = []
        var records: [[UInt8]] = []
        try input.forEachLine(readers: input.openAll(), validateUTF8: false, skipInvalid: skipInvalid) { line, _ in
            try parser.parse(line)
            guard let h = parser.index(of: hypothesisField) else { throw RecordsError.invalidLine("missing field '\(hypothesisField)'") }
            let refField = parser.index(of: referenceField) != nil || referenceField != "ref" ? referenceField : "refs"
            guard let r = parser.index(of: refField) else { throw RecordsError.invalidLine("missing field '\(referenceField)'") }
            let refs = parser.valueType(r) == .array ? try parser.strings(r, field: refField) : [try parser.string(r, field: refField)]
            if refs.isEmpty { throw RecordsError.invalidLine("field '\(refField)' holds no reference") }
            try parser.withStringBytes(h, field: hypothesisField) { try hypotheses.append(utf8: $0, rstrip: false) }
            referenceLists.append(refs)
            records.append(Array(line))
        }
        var corpus = Corpus()
        corpus.systems = [("stdin", hypotheses)]
        let streams = referenceLists.map(\.count).max() ?? 0
        corpus.references = (0..<streams).map { k in TextLines(referenceLists.map { k < $0.count ? $0[k] : nil }) }
        corpus.records = records
        return corpus
    }

    /// A whole file's lines as sacreBLEU reads them; errors name the file.
    static func readLines(_ path: String) throws -> TextLines {
        let reader = try ByteReader.open(path)
        var bytes: [UInt8] = []
        if let size = reader.regularFileSize { bytes.reserveCapacity(size) }
        while let chunk = try reader.nextChunk() { bytes.append(contentsOf: chunk) }
        do {
            return try TextLines(sacreBLEUFileContents: bytes)
        } catch let error as ClassifiedError {
            throw Failure(error.kind, "\(reader.name): \(error.description)")
        }
    }
}

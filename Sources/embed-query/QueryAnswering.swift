import CommandLineSupport
import Embeddings
import JSONCore
import Records

/// The filter: one answer record per query record (or per plain-text line), every other field
/// passed through. Unknown words give null answers and an `unknown` list, never an error.
struct QueryAnswering {
    let index: NormalizedVectors
    let neighbors: Int
    let method: AnalogyMethod
    let wordVectors: Bool

    /// The query a record or a line asks.
    enum Query {
        case neighbors(String)
        case vector(String)
        case analogy(a: String, b: String, c: String)
        case similarity(String, String)
        case sentence([String])
    }

    func run(_ options: InputOptions) throws {
        let io = try FilterIO(options, fallback: .automatic)
        let parser = RecordParser()
        let out = io.output
        try io.forEachLine { line, _ in
            out.beginRecord()
            let query: Query
            if io.format == .jsonLines {
                try parser.parse(line)
                query = try self.query(from: parser)
                let written = ["neighbors", "vector", "answer", "score", "similarity", "unknown"].compactMap(parser.index(of:))
                out.passThrough(parser, excluding: written)
            } else {
                let words = line.split(whereSeparator: TokenInput.isSpace)
                    .map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
                switch words.count {
                case 1: query = wordVectors ? .vector(words[0]) : .neighbors(words[0])
                case 2: query = .similarity(words[0], words[1])
                case 3: query = .analogy(a: words[0], b: words[1], c: words[2])
                default: throw RecordsError.invalidLine("expected one word (neighbours), two (similarity) or three (analogy), found \(words.count)")
                }
                out.key("text")
                out.stringValue(line)
            }
            answer(query, to: out)
            try out.endRecord()
        }
        try io.finish(program: "embed-query")
    }

    /// Which query a record asks, from the fields it has: `a`/`b`/`c`, `w1`/`w2`, `tokens`, `word`.
    func query(from record: RecordParser) throws -> Query {
        func string(_ name: String) throws -> String? {
            try record.index(of: name).map { try record.string($0, field: name) }
        }
        if let a = try string("a"), let b = try string("b"), let c = try string("c") {
            return .analogy(a: a, b: b, c: c)
        }
        if let w1 = try string("w1"), let w2 = try string("w2") {
            return .similarity(w1, w2)
        }
        if let i = record.index(of: "tokens") {
            return .sentence(try record.strings(i, field: "tokens"))
        }
        if let word = try string("word") {
            return wordVectors ? .vector(word) : .neighbors(word)
        }
        throw RecordsError.invalidLine("missing field: a query needs 'word', 'a'/'b'/'c', 'w1'/'w2' or 'tokens'")
    }

    /// Writes the answer fields of `query`.
    func answer(_ query: Query, to out: OutputWriter) {
        func lookup(_ words: [String]) -> [Int]? {
            let indices = words.compactMap(index.index(of:))
            if indices.count == words.count { return indices }
            out.key("unknown")
            out.stringArray(words.filter { index.index(of: $0) == nil })
            return nil
        }
        switch query {
        case .neighbors(let word):
            let found = lookup([word])
            out.key("neighbors")
            guard let i = found?.first else { out.write("null"); return }
            writeScored(index.neighbors(of: i, count: neighbors), to: out)
        case .vector(let word):
            let found = lookup([word])
            out.key("vector")
            guard let i = found?.first else { out.write("null"); return }
            writeFloats(index.source.vectors.rowArray(i), to: out)
        case .analogy(let a, let b, let c):
            let found = lookup([a, b, c])
            let best = found.flatMap { index.analogy(a: $0[0], b: $0[1], c: $0[2], method: method, count: 1).first }
            out.key("answer")
            if let best { out.stringValue(best.word) } else { out.write("null") }
            out.key("score")
            if let best { writeFloat(best.score, to: out) } else { out.write("null") }
        case .similarity(let w1, let w2):
            let found = lookup([w1, w2])
            out.key("similarity")
            guard let found else { out.write("null"); return }
            writeFloat(index.similarity(found[0], found[1]), to: out)
        case .sentence(let words):
            let known = words.compactMap(index.index(of:))
            let unknown = words.filter { index.index(of: $0) == nil }
            if !unknown.isEmpty {
                out.key("unknown")
                out.stringArray(unknown)
            }
            out.key("vector")
            if known.isEmpty { out.write("null") } else { writeFloats(index.meanVector(of: known), to: out) }
        }
    }

    func writeScored(_ list: [ScoredWord], to out: OutputWriter) {
        out.beginArray()
        for (n, item) in list.enumerated() {
            if n > 0 { out.byte(UInt8(ascii: ",")) }
            out.write("{\"word\":")
            out.stringValue(item.word)
            out.write(",\"score\":")
            writeFloat(item.score, to: out)
            out.byte(UInt8(ascii: "}"))
        }
        out.endArray()
    }

    /// A Float32 in its shortest round-trip decimal form (null for NaN or infinity).
    func writeFloat(_ value: Float, to out: OutputWriter) {
        out.write(JSONNumber(value)?.text ?? "null")
    }

    func writeFloats(_ values: [Float], to out: OutputWriter) {
        out.beginArray()
        for (n, value) in values.enumerated() {
            if n > 0 { out.byte(UInt8(ascii: ",")) }
            writeFloat(value, to: out)
        }
        out.endArray()
    }
}

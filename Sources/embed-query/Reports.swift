import CommandLineSupport
import Embeddings
import JSONCore
import ModelArchive
import Records

/// The non-filter modes: export, evaluation and the map.
enum Reports {
    /// Writes the vectors to standard output.
    static func export(_ vectors: WordVectors, as format: VectorFileFormat) throws {
        let out = OutputWriter()
        try vectors.export(format) { chunk in
            out.write(chunk.bindMemory(to: UInt8.self))
            try out.flush()
        }
        try out.close()
    }

    /// Prints one JSON object: `{"model":…,"analogies":{…},"pairs":{…}}` (each when asked for).
    static func evaluate(_ index: NormalizedVectors, analogies: String?, pairs: String?, method: AnalogyMethod,
                         counting: AnalogyCounting) throws {
        var fields: [(key: String, value: JSONValue)] = []
        if let analogies {
            let result = index.evaluateAnalogies(try AnalogyQuestions(contentsOf: analogies), method: method, counting: counting)
            fields.append((key: "analogies", value: merged(["file": .string(analogies)], result.json)))
        }
        if let pairs {
            let result = try index.evaluatePairs(contentsOf: pairs)
            fields.append((key: "pairs", value: merged(["file": .string(pairs)], result.json)))
        }
        let out = OutputWriter()
        out.write(JSONValue.object(fields).jsonText)
        try out.endLine()
        try out.close()
    }

    private static func merged(_ first: JSONValue, _ second: JSONValue) -> JSONValue {
        .object((first.objectValue ?? []) + (second.objectValue ?? []))
    }

    /// Reads the words to plot, projects them and writes the SVG atomically; words not in the
    /// vocabulary are named on standard error and left out.
    static func plot(_ vectors: WordVectors, wordsFile: String, to path: String) throws {
        let input = LineInput(paths: [wordsFile])
        var words: [String] = []
        try input.forEachLine(readers: try input.openAll(), validateUTF8: true, skipInvalid: false) { line, _ in
            for token in line.split(whereSeparator: TokenInput.isSpace) {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: token), as: UTF8.self))
            }
        }
        var seen = Set<String>()
        var indices: [Int] = []
        var unknown: [String] = []
        for word in words where seen.insert(word).inserted {
            if let i = vectors.index(of: word) { indices.append(i) } else { unknown.append(word) }
        }
        if !unknown.isEmpty {
            StandardError.print("embed-query: not in the vocabulary, left out of the map: \(unknown.joined(separator: " "))")
        }
        let map = try EmbeddingMap(vectors, indices: indices)
        try AtomicFile.write(Array(map.svg().utf8), to: path)
    }
}

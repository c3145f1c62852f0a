import Kernels

/// The word2vec binary format, as word2vec.c's `-binary 1` and gensim's
/// `save_word2vec_format(binary=True)` write it.
extension WordVectors {
    /// Parses `V D\n`, then V entries: optional `\n` separators, the word's UTF-8 bytes up to a
    /// space, and D little-endian Float32 values. Throws `.badData` naming `path` for a missing or
    /// lying header, a truncated entry, an empty or non-UTF-8 word. The first of repeated words is
    /// kept. O(V·D).
    static func parseBinary(_ bytes: [UInt8], count: Int, path: String) throws -> WordVectors {
        func bad(_ message: String) -> EmbeddingsError { .badData(path, message) }
        return try bytes.withUnsafeBufferPointer { buffer -> WordVectors in
            var scanner = TextScanner(buffer, end: count)
            guard let fields = scanner.fields(limit: 4096), fields.count == 2, scanner.sawLineEnd,
                  let expected = TextScanner.integer(fields[0], buffer),
                  let dimension = TextScanner.integer(fields[1], buffer) else {
                throw bad("expected a word2vec header 'WORDS DIMENSION' on the first line")
            }
            guard dimension > 0 else { throw bad("the header gives dimension 0") }
            let rowBytes = dimension * MemoryLayout<Float>.stride
            guard expected <= (count - scanner.position) / (rowBytes + 2) + 1 else {
                throw bad("the header promises \(expected) vectors of dimension \(dimension), more than the file's \(count) bytes can hold")
            }
            var words: [String] = []
            var seen = Set<String>()
            words.reserveCapacity(expected)
            let matrix = FloatMatrix(rows: expected, columns: dimension)
            var i = scanner.position
            for entry in 0..<expected {
                while i < count, buffer[i] == 0x0A { i += 1 }
                let start = i
                while i < count, buffer[i] != 0x20 { i += 1 }
                guard i < count else {
                    throw bad("truncated: the header promises \(expected) vectors, the file ends in entry \(entry + 1)")
                }
                guard i > start else { throw bad("entry \(entry + 1) has an empty word") }
                guard let word = String(validating: UnsafeBufferPointer(rebasing: buffer[start..<i]), as: UTF8.self) else {
                    throw bad("the word of entry \(entry + 1) is not valid UTF-8")
                }
                i += 1
                guard count - i >= rowBytes else {
                    throw bad("truncated: the header promises \(expected) vectors, the file ends in entry \(entry + 1) ('\(word)')")
                }
                if seen.insert(word).inserted {
                    let row = matrix.row(words.count)
                    UnsafeMutableRawPointer(row).copyMemory(from: buffer.baseAddress! + i, byteCount: rowBytes)
                    words.append(word)
                }
                i += rowBytes
            }
            let vectors = words.count == expected ? matrix
                : FloatMatrix(rows: words.count, columns: dimension, copying: matrix.base)
            return try WordVectors(words: words, vectors: vectors)
        }
    }
}

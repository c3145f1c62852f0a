#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernels

/// Readers for the text formats: word2vec text (and fastText `.vec`, the same thing) and GloVe.
extension WordVectors {
    /// Parses word2vec text (`header == true`: a `V D` line first, then exactly V vector lines) or
    /// GloVe text (no header; D is the number of values on the first line). Fields are separated
    /// by runs of spaces or tabs, a trailing space or `\r` is allowed, blank lines at the end are
    /// ignored. The first of repeated words is kept (gensim's `load_word2vec_format` does the same).
    ///
    /// `bytes` must hold one 0 byte after its `count` bytes (see `FileContents.readWhole`). Throws
    /// `.badData` naming `path` and the line for a missing or lying header, a line with the wrong
    /// number of values, a value that is not a number, a word that is not UTF-8, or fewer lines
    /// than the header promises.
    static func parseText(_ bytes: [UInt8], count: Int, path: String, header: Bool) throws -> WordVectors {
        precondition(bytes.count == count + 1 && bytes[count] == 0)
        func bad(_ line: Int, _ message: String) -> EmbeddingsError {
            .badData(path, line > 0 ? "line \(line): \(message)" : message)
        }
        return try bytes.withUnsafeBufferPointer { buffer -> WordVectors in
            var scanner = TextScanner(buffer, end: count)
            var line = 1
            var expectedWords: Int? = nil
            var dimension = 0
            if header {
                guard let fields = scanner.fields(limit: 4096), fields.count == 2,
                      let words = TextScanner.integer(fields[0], buffer),
                      let dim = TextScanner.integer(fields[1], buffer) else {
                    throw bad(1, "expected a word2vec header 'WORDS DIMENSION'")
                }
                guard dim > 0 else { throw bad(1, "the header gives dimension 0") }
                // Each value takes at least two bytes ("0 "): a header promising more is lying.
                guard words <= count / (2 * dim + 2) + 1 else {
                    throw bad(1, "the header promises \(words) vectors of dimension \(dim), more than the file's \(count) bytes can hold")
                }
                expectedWords = words
                dimension = dim
                line = 2
            }
            var words: [String] = []
            var seen = Set<String>()
            var values: [Float] = []
            var vectorsRead = 0
            if let expectedWords {
                words.reserveCapacity(expectedWords)
                values.reserveCapacity(expectedWords * dimension)
            }
            let base = UnsafeMutableRawPointer(mutating: buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var i = scanner.position
            while i < count {
                // Skip blank lines.
                var j = i
                while j < count, TextScanner.isBlank(buffer[j]) { j += 1 }
                if j < count, buffer[j] == 0x0A { i = j + 1; line += 1; continue }
                if j >= count { break }
                if let expectedWords, vectorsRead == expectedWords {
                    throw bad(line, "more vectors than the header's \(expectedWords)")
                }
                // The word.
                let wordStart = j
                while j < count, !TextScanner.isBlank(buffer[j]), buffer[j] != 0x0A { j += 1 }
                guard let word = String(validating: UnsafeBufferPointer(rebasing: buffer[wordStart..<j]), as: UTF8.self) else {
                    throw bad(line, "the word is not valid UTF-8")
                }
                // The values.
                var found = 0
                let rowStart = values.count
                while true {
                    while j < count, TextScanner.isBlank(buffer[j]) { j += 1 }
                    if j >= count || buffer[j] == 0x0A { break }
                    var stop: UnsafeMutablePointer<CChar>? = nil
                    let value = strtof(base + j, &stop)
                    let next = stop.map { $0 - base } ?? j
                    guard next > j, next >= count || TextScanner.isBlank(buffer[next]) || buffer[next] == 0x0A else {
                        var tokenEnd = j
                        while tokenEnd < count, !TextScanner.isBlank(buffer[tokenEnd]), buffer[tokenEnd] != 0x0A { tokenEnd += 1 }
                        let token = String(decoding: buffer[j..<min(tokenEnd, j + 40)], as: UTF8.self)
                        throw bad(line, "'\(token)' is not a number")
                    }
                    values.append(value)
                    found += 1
                    j = next
                }
                if !header && words.isEmpty {
                    guard found > 0 else { throw bad(line, "a word without values") }
                    dimension = found
                }
                guard found == dimension else {
                    throw bad(line, "\(found) values for '\(word)', expected \(dimension)")
                }
                vectorsRead += 1
                if seen.insert(word).inserted {
                    words.append(word)
                } else {
                    values.removeSubrange(rowStart...)
                }
                i = j < count ? j + 1 : j
                line += 1
            }
            if let expectedWords, vectorsRead < expectedWords {
                throw bad(0, "truncated: the header promises \(expectedWords) vectors, the file holds \(vectorsRead)")
            }
            guard !words.isEmpty || expectedWords == 0 else { throw bad(0, "no vectors") }
            let matrix = FloatMatrix(rows: words.count, columns: dimension, values: values)
            return try WordVectors(words: words, vectors: matrix)
        }
    }
}

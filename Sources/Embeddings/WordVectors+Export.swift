/// Writing word vectors in the formats other tools read.
extension WordVectors {
    /// Writes the input vectors in `format` (not `.nlpipe`; use `write(to:)`), handing the bytes
    /// to `sink` in chunks of about 64 KB:
    /// - word2vec text: `V D\n`, then `word x1 … xD\n`;
    /// - word2vec binary: `V D\n`, then `word `, D little-endian Float32 and `\n` (word2vec.c's
    ///   layout; gensim and word2vec.c both read it);
    /// - GloVe: `word x1 … xD\n`, no header.
    /// Text values are the shortest decimals that read back to the same Float32, so text round
    /// trips are exact.
    public func export(_ format: VectorFileFormat, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(format != .nlpipe, "export(.nlpipe): use write(to:)")
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 17)
        func flushIfFull() throws {
            if chunk.count >= 1 << 16 {
                try chunk.withUnsafeBytes(sink)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if format != .gloveText {
            chunk.append(contentsOf: "\(count) \(dimension)\n".utf8)
        }
        for (i, word) in words.enumerated() {
            chunk.append(contentsOf: word.utf8)
            let row = vectors.row(i)
            if format == .word2vecBinary {
                chunk.append(0x20)
                chunk.append(contentsOf: UnsafeRawBufferPointer(start: row, count: dimension * MemoryLayout<Float>.stride))
            } else {
                for j in 0..<dimension {
                    chunk.append(0x20)
                    chunk.append(contentsOf: row[j].description.utf8)
                }
            }
            chunk.append(0x0A)
            try flushIfFull()
        }
        if !chunk.isEmpty { try chunk.withUnsafeBytes(sink) }
    }

    /// The whole export as bytes (for tests and small sets).
    public func exported(_ format: VectorFileFormat) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try export(format) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

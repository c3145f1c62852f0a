import ModelArchive

/// The tensors that hold a list of tokens with counts in an archive, shared by the `vocabulary`
/// and `counts` kinds (and by any model that carries its vocabulary):
///
/// - `tokens.utf8`    U8  [total bytes]  every token's UTF-8 bytes, back to back
/// - `tokens.offsets` I64 [n + 1]        token i is bytes offsets[i] ..< offsets[i+1]
/// - `tokens.counts`  I64 [n]            corpus counts
///
/// numpy reads them as is: `[b[o[i]:o[i+1]].tobytes().decode() for i in range(len(o) - 1)]`.
public enum TokenListTensors {
    public static let bytesName = "tokens.utf8"
    public static let offsetsName = "tokens.offsets"
    public static let countsName = "tokens.counts"

    /// Adds the three tensors for `count` tokens: `appendToken(i, &bytes)` appends token i's
    /// UTF-8 bytes, `countOf(i)` gives its count.
    public static func add(to writer: inout ArchiveWriter, count: Int,
                    appendToken: (Int, inout [UInt8]) -> Void, countOf: (Int) -> Int) throws {
        var bytes: [UInt8] = []
        var offsets: [Int64] = [0]
        var counts: [Int64] = []
        offsets.reserveCapacity(count + 1)
        counts.reserveCapacity(count)
        for i in 0..<count {
            appendToken(i, &bytes)
            offsets.append(Int64(bytes.count))
            counts.append(Int64(countOf(i)))
        }
        try writer.add(bytesName, bytes)
        try writer.add(offsetsName, offsets)
        try writer.add(countsName, counts)
    }

    /// Reads and checks the three tensors, calling `body` with each token's bytes and count in
    /// order. Throws `.badData` naming the file when a tensor is missing, of the wrong dtype or
    /// shape, the offsets do not run from 0 to the byte count without decreasing, or a count is
    /// negative.
    public static func read(_ reader: ArchiveReader, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: reader.path, message) }
        let bytes = try reader.buffer(bytesName, as: UInt8.self, shape: [nil])
        let offsets = try reader.buffer(offsetsName, as: Int64.self, shape: [nil])
        let counts = try reader.buffer(countsName, as: Int64.self, shape: [nil])
        guard offsets.count == counts.count + 1 else {
            throw bad("'\(offsetsName)' has \(offsets.count) entries for \(counts.count) tokens (expected one more)")
        }
        guard offsets[0] == 0, offsets[offsets.count - 1] == Int64(bytes.count) else {
            throw bad("'\(offsetsName)' must run from 0 to the \(bytes.count) bytes of '\(bytesName)'")
        }
        let raw = UnsafeRawBufferPointer(bytes)
        for i in 0..<counts.count {
            let (start, end) = (offsets[i], offsets[i + 1])
            guard start <= end else { throw bad("'\(offsetsName)' decreases at token \(i)") }
            guard counts[i] >= 0 else { throw bad("token \(i) has a negative count \(counts[i])") }
            try body(UnsafeRawBufferPointer(rebasing: raw[Int(start)..<Int(end)]), Int(counts[i]))
        }
        withExtendedLifetime(reader) {}
    }
}

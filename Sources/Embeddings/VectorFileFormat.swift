/// The on-disk formats word vectors come in, recognised from a file's first bytes (never from
/// its name).
public enum VectorFileFormat: String, Sendable, CaseIterable {
    /// An nlpipe `embeddings` archive (safetensors layout).
    case nlpipe
    /// word2vec text: a `V D` header line, then `word x1 … xD` lines. fastText's `.vec` files are
    /// this format (with a trailing space on each line).
    case word2vecText = "word2vec"
    /// word2vec binary: a `V D` header line, then per word its UTF-8 bytes, a space and D
    /// little-endian Float32 values (optionally followed by `\n`, as word2vec.c writes).
    case word2vecBinary = "word2vec-binary"
    /// GloVe text: `word x1 … xD` lines without a header.
    case gloveText = "glove"

    /// Recognises the format from the first bytes of a file (a few kilobytes are plenty):
    /// - 8 little-endian bytes giving a plausible header length, then `{`: an nlpipe archive;
    /// - a first line of exactly two decimal integers `V D`: word2vec, binary when the bytes of the
    ///   first entry hold a control character (raw Float32 data), text otherwise;
    /// - a first line of a word followed by at least one number and only numbers: GloVe.
    /// Returns nil otherwise (including an empty prefix).
    public static func detect(_ prefix: [UInt8], fileSize: Int? = nil) -> VectorFileFormat? {
        if prefix.count >= 9, prefix[8] == UInt8(ascii: "{") {
            var length: UInt64 = 0
            for i in 0..<8 { length |= UInt64(prefix[i]) << (8 * UInt64(i)) }
            if length >= 2, length <= UInt64(fileSize ?? Int.max) { return .nlpipe }
        }
        return prefix.withUnsafeBufferPointer { buffer -> VectorFileFormat? in
            var scanner = TextScanner(buffer, end: buffer.count)
            let firstLine = scanner.fields(limit: 4096)
            if let header = firstLine, header.count == 2,
               let _ = TextScanner.integer(header[0], buffer), let dimension = TextScanner.integer(header[1], buffer) {
                // Raw Float32 values almost surely contain control bytes within the first
                // entry; text never does. (A damaged text file is then reported by the text reader.)
                let afterHeader = scanner.position
                let window = afterHeader..<min(buffer.count, afterHeader + 4 * min(dimension, 1 << 12) + 1024)
                let isBinary = window.contains { i in
                    let byte = buffer[i]
                    return (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
                }
                return isBinary ? .word2vecBinary : .word2vecText
            }
            if let fields = firstLine, fields.count >= 2,
               fields.dropFirst().allSatisfy({ TextScanner.isNumber($0, buffer) }) {
                return .gloveText
            }
            return nil
        }
    }
}

/// The per-worker scratch space of line preprocessing: lowercasing, stripping and tokenising
/// into reused buffers, so that a worker allocates nothing per line once warmed up.
final class PreprocessingWorkspace {
    let lowered = ByteBuffer()
    var scalars: [UInt32] = []
    let tokenizerWorkspace = TokenizerWorkspace()
    /// BLEU preprocessing results by line (one configuration per workspace).
    private let cache = Pinned(TokenizationCache()) { $0.free() }
    /// Token bounds of the last line preprocessed without the cache.
    private let bounds = Pinned(RawBuffer<Int32>()) { $0.free() }

    /// sacreBLEU's `BLEU._preprocess_segment`: `tokenizer((line.lower() if lowercase else
    /// line).rstrip())`, before whitespace normalisation. Valid until the next call.
    /// The same with the tokens split out (`str.split()` of the text), remembered by line: a
    /// workspace must always be called with the same `lowercase` and `tokenizer`.
    func bleuTokens(_ line: UnsafeBufferPointer<UInt8>, lowercase: Bool, tokenizer: BLEUTokenizer) -> PreprocessedLine {
        let hash: UInt64
        if let base = line.baseAddress, !line.isEmpty {
            hash = NgramTables.hashBytes(base, line.count, readable: base + line.count)
        } else {
            hash = 0
        }
        if let cached = cache.pointer.pointee.lookup(line, hash: hash) { return cached }
        let text = bleuText(line, lowercase: lowercase, tokenizer: tokenizer)
        bounds.pointer.pointee.removeAll()
        if let base = text.baseAddress {
            PythonText.forEachToken(base, text.count) { start, end in
                bounds.pointer.pointee.append(Int32(start))
                bounds.pointer.pointee.append(Int32(end))
            }
        }
        let split = PreprocessedLine(text: text, bounds: UnsafeBufferPointer(start: bounds.pointer.pointee.base,
                                                                             count: bounds.pointer.pointee.count))
        return cache.pointer.pointee.insert(line, hash: hash, value: split)
    }

    func bleuText(_ line: UnsafeBufferPointer<UInt8>, lowercase: Bool,
                  tokenizer: BLEUTokenizer) -> UnsafeBufferPointer<UInt8> {
        guard var base = line.baseAddress, !line.isEmpty else { return line }
        var count = line.count
        if lowercase {
            PythonLowercase.lowercase(base, count, into: lowered, scalars: &scalars)
            base = UnsafePointer(lowered.base)
            count = lowered.count
        }
        let end = PythonText.rstripEnd(base, 0, count)
        return tokenizerWorkspace.tokenize(UnsafeBufferPointer(start: base, count: end), with: tokenizer)
    }

    /// sacreBLEU's `CHRF._preprocess_segment`: the line, lowercased if asked (no stripping).
    func chrfText(_ line: UnsafeBufferPointer<UInt8>, lowercase: Bool) -> UnsafeBufferPointer<UInt8> {
        guard lowercase, let base = line.baseAddress, !line.isEmpty else { return line }
        PythonLowercase.lowercase(base, line.count, into: lowered, scalars: &scalars)
        return lowered.bytes
    }
}

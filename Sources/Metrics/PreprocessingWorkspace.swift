/// The per-worker scratch space of line preprocessing: lowercasing, stripping and tokenising
/// into reused buffers, so that a worker allocates nothing per line once warmed up.
final class PreprocessingWorkspace {
    let lowered = ByteBuffer()
    var scalars: [UInt32] = []
    let tokenizerWorkspace = TokenizerWorkspace()

    /// sacreBLEU's `BLEU._preprocess_segment`: `tokenizer((line.lower() if lowercase else
    /// line).rstrip())`, before whitespace normalisation. Valid until the next call.
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

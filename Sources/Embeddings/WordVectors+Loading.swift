import ModelArchive

/// Opening word vectors in any supported format, recognised from the file's content.
extension WordVectors {
    /// Reads the word vectors at `path`: an nlpipe `embeddings` archive, word2vec text or binary,
    /// GloVe text or fastText `.vec`, whichever the content shows (see `VectorFileFormat.detect`).
    ///
    /// Throws `.noInput` (66) for a missing file, `.badData` (65) for an unrecognised, truncated or
    /// garbled file or an nlpipe archive of another kind.
    public init(contentsOf path: String) throws {
        guard FileContents.isRegularFile(path) else {
            // A pipe can be read only once: read it whole, then recognise and parse the bytes.
            let (bytes, count) = try FileContents.readWhole(path)
            guard count > 0 else { throw EmbeddingsError.badData(path, "empty input: no word vectors") }
            switch VectorFileFormat.detect(Array(bytes[0..<min(count, 1 << 16)]), fileSize: count) {
            case .nlpipe: self = try WordVectors(archive: try ArchiveReader(bytes: Array(bytes[0..<count]), name: path))
            case .word2vecText: self = try WordVectors.parseText(bytes, count: count, path: path, header: true)
            case .gloveText: self = try WordVectors.parseText(bytes, count: count, path: path, header: false)
            case .word2vecBinary: self = try WordVectors.parseBinary(bytes, count: count, path: path)
            case nil: throw Self.unrecognised(path)
            }
            return
        }
        let prefix = try FileContents.prefix(of: path, limit: 1 << 16)
        guard !prefix.isEmpty else { throw EmbeddingsError.badData(path, "empty file: no word vectors") }
        guard let format = VectorFileFormat.detect(prefix) else { throw Self.unrecognised(path) }
        try self.init(contentsOf: path, format: format)
    }

    private static func unrecognised(_ path: String) -> EmbeddingsError {
        .badData(path, "not a word-vector file (expected an nlpipe embeddings file, "
                 + "word2vec text or binary, GloVe text or a fastText .vec file)")
    }

    /// Reads the word vectors at `path` in a known format.
    public init(contentsOf path: String, format: VectorFileFormat) throws {
        switch format {
        case .nlpipe:
            self = try WordVectors(archive: try ArchiveReader(path: path))
        case .word2vecText, .gloveText:
            let (bytes, count) = try FileContents.readWhole(path)
            self = try WordVectors.parseText(bytes, count: count, path: path, header: format == .word2vecText)
        case .word2vecBinary:
            let (bytes, count) = try FileContents.readWhole(path)
            self = try WordVectors.parseBinary(bytes, count: count, path: path)
        }
    }
}

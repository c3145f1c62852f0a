import Diagnostics
import JSONCore
import Kernels
import ModelArchive
import VocabularyModule

/// The `embeddings` archive kind, format version 1: one safetensors-compatible file.
///
/// Tensors:
/// - `tokens.utf8`, `tokens.offsets`, `tokens.counts`: the words in row order (see
///   `TokenListTensors`; counts are 0 when unknown, and metadata says so);
/// - `vectors` F32 [V, D]: the input vectors;
/// - `output_vectors` F32 [V, D], optional: the output (context) vectors.
/// Metadata: `kind` = `embeddings`, `format_version` = 1, `config` (the training configuration
/// as JSON, `{}` when unknown) and `embeddings` = `{"words":V,"dim":D,"has_counts":true|false}`.
///
/// numpy reads it as is: `load_file(path)["vectors"]` is the V×D matrix.
extension WordVectors {
    public static let archiveKind = "embeddings"
    public static let archiveFormatVersion = 1
    static let vectorsName = "vectors"
    static let outputVectorsName = "output_vectors"

    /// A writer holding these vectors as an `embeddings` archive.
    public func archiveWriter() throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: Self.archiveKind, formatVersion: Self.archiveFormatVersion)
        try TokenListTensors.add(to: &writer, count: count,
                                 appendToken: { i, bytes in bytes.append(contentsOf: words[i].utf8) },
                                 countOf: { counts?[$0] ?? 0 })
        try writer.add(Self.vectorsName, dtype: .f32, shape: [count, dimension], payload: MatrixPayload(vectors))
        if let outputVectors {
            try writer.add(Self.outputVectorsName, dtype: .f32, shape: [count, dimension],
                           payload: MatrixPayload(outputVectors))
        }
        let summary: JSONValue = ["words": JSONValue(count), "dim": JSONValue(dimension), "has_counts": .bool(counts != nil)]
        writer.metadata["embeddings"] = summary.jsonText
        writer.setConfig(config ?? [:])
        return writer
    }

    /// Writes an `embeddings` file atomically (temporary file, fsync, rename).
    public func write(to path: String) throws {
        try archiveWriter().write(to: path)
    }

    /// The words (checked to be UTF-8) and counts of an archive's `TokenListTensors`; `.badData`
    /// naming the file otherwise.
    static func readWords(_ reader: ArchiveReader) throws -> (words: [String], counts: [Int]) {
        var words: [String] = []
        var counts: [Int] = []
        try TokenListTensors.read(reader) { bytes, count in
            guard let word = String(validating: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                throw EmbeddingsError.badData(reader.path, "word \(words.count) is not valid UTF-8")
            }
            words.append(word)
            counts.append(count)
        }
        return (words, counts)
    }

    /// Reads an `embeddings` archive: `.badData` naming the file for another kind, a newer
    /// version, or missing or inconsistent tensors.
    public init(archive reader: ArchiveReader) throws {
        try reader.require(kind: Self.archiveKind, supportedVersion: Self.archiveFormatVersion)
        func bad(_ message: String) -> EmbeddingsError { .badData(reader.path, message) }
        let (words, counts) = try Self.readWords(reader)
        let summary = try reader.metadataJSON("embeddings")
        let hasCounts = summary?["has_counts"]?.boolValue ?? true
        let vectorsInfo = try reader.info(Self.vectorsName)
        guard vectorsInfo.shape.count == 2, vectorsInfo.shape[0] == words.count else {
            throw bad("tensor 'vectors' has shape \(vectorsInfo.shape), expected [\(words.count), D]")
        }
        let dimension = vectorsInfo.shape[1]
        func matrix(_ name: String) throws -> FloatMatrix {
            let values = try reader.buffer(name, as: Float.self, shape: [words.count, dimension])
            let result = FloatMatrix(rows: words.count, columns: dimension)
            if let base = values.baseAddress { result.base.update(from: base, count: values.count) }
            return result
        }
        let vectors = try matrix(Self.vectorsName)
        let output = reader.contains(Self.outputVectorsName) ? try matrix(Self.outputVectorsName) : nil
        let config = try reader.config()
        withExtendedLifetime(reader) {}
        do {
            try self.init(words: words, counts: hasCounts ? counts : nil, vectors: vectors, outputVectors: output,
                          config: config)
        } catch let error as EmbeddingsError {
            throw bad(error.description)
        }
    }
}

/// A matrix's storage presented to the archive writer without a copy.
struct MatrixPayload: TensorPayload {
    let matrix: FloatMatrix
    init(_ matrix: FloatMatrix) { self.matrix = matrix }
    var payloadByteCount: Int { matrix.count * MemoryLayout<Float>.stride }
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(matrix) {
            try body(UnsafeRawBufferPointer(start: matrix.base, count: payloadByteCount))
        }
    }
}

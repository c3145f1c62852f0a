import JSONCore

/// Contiguous tensor data the writer can copy to a file without converting it.
///
/// Arrays of `TensorElement` conform; a module with its own storage (a Float32 matrix type, say)
/// can conform too, so writing a large model never makes an extra copy of it.
public protocol TensorPayload {
    /// The number of bytes `withUnsafeBytes` presents.
    var payloadByteCount: Int { get }
    /// Calls `body` with the little-endian bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
    /// Calls `body` with the bytes in order, in one or more pieces: what `write(to:)` uses, so
    /// that a payload larger than memory (read from a file) can be written piece by piece. The
    /// default presents `withUnsafeBytes` as one piece.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws
}

extension TensorPayload {
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withUnsafeBytes { try body($0) }
    }
}

extension Array: TensorPayload where Element: TensorElement {
    public var payloadByteCount: Int { count * MemoryLayout<Element>.stride }
}

extension ContiguousArray: TensorPayload where Element: TensorElement {
    public var payloadByteCount: Int { count * MemoryLayout<Element>.stride }
}

/// Collects tensors and metadata, then writes a safetensors-compatible archive atomically.
///
/// ```swift
/// var writer = ArchiveWriter(kind: "embeddings", formatVersion: 1)
/// writer.setConfig(["dim": 100, "method": "skipgram"])
/// try writer.add("vectors", vectors, shape: [rows, 100])
/// try writer.write(to: "vectors.nlpipe")
/// ```
///
/// Layout: tensors are placed by decreasing element size (insertion order within a size), the
/// header lists `__metadata__` first (keys sorted) and then the tensors in data order, and it is
/// padded with spaces to a multiple of 8 bytes, so every tensor starts aligned for its type — the
/// same guarantees safetensors' own writer gives. The same input always gives the same bytes.
public struct ArchiveWriter {
    private struct Entry {
        var name: String
        var dtype: TensorDType
        var shape: [Int]
        var payload: any TensorPayload
    }

    /// `__metadata__`. `kind` and `format_version` are set by `init`.
    public var metadata: [String: String]
    private var entries: [Entry] = []
    private var names: Set<String> = []

    /// A writer for an archive of `kind` in format version `formatVersion` of that kind.
    public init(kind: String, formatVersion: Int) {
        metadata = ["kind": kind, "format_version": String(formatVersion)]
    }

    /// Stores `config` as compact JSON text in `__metadata__["config"]`.
    public mutating func setConfig(_ config: JSONValue) {
        metadata["config"] = config.jsonText
    }

    /// Names of the tensors added so far, in insertion order.
    public var tensorNames: [String] { entries.map(\.name) }

    /// Adds `values` as tensor `name` of dtype `T.dtype`; `shape` defaults to `[values.count]`.
    ///
    /// Throws `.other` (a programming error, not bad input) for a repeated or reserved name or a
    /// shape whose element count differs from `values.count`.
    public mutating func add<T: TensorElement>(_ name: String, _ values: [T], shape: [Int]? = nil) throws {
        try add(name, dtype: T.dtype, shape: shape ?? [values.count], payload: values)
    }

    /// Adds a tensor from any payload (for example BF16 or F4 data carried in `[UInt8]`): the
    /// payload's byte count must be exactly what `shape` of `dtype` occupies.
    public mutating func add(_ name: String, dtype: TensorDType, shape: [Int], payload: some TensorPayload) throws {
        func misuse(_ message: String) -> ArchiveError { ArchiveError(.other, path: "<archive writer>", message) }
        if name == "__metadata__" { throw misuse("'__metadata__' cannot name a tensor") }
        if names.contains(name) { throw misuse("tensor '\(name)' added twice") }
        if shape.contains(where: { $0 < 0 }) { throw misuse("tensor '\(name)' has a negative dimension in \(shape)") }
        var elements = 1
        for dimension in shape {
            let product = elements.multipliedReportingOverflow(by: dimension)
            if product.overflow { throw misuse("tensor '\(name)' has a shape \(shape) that overflows") }
            elements = product.partialValue
        }
        guard let expected = dtype.byteCount(elementCount: elements), expected == payload.payloadByteCount else {
            throw misuse("tensor '\(name)' of shape \(shape) and dtype \(dtype) does not match its \(payload.payloadByteCount) bytes")
        }
        names.insert(name)
        entries.append(Entry(name: name, dtype: dtype, shape: shape, payload: payload))
    }

    /// The tensors in data order with their offsets, and the padded header bytes.
    func layout() -> (order: [Int], offsets: [Int], header: [UInt8]) {
        let order = entries.indices.sorted {
            let (a, b) = (entries[$0].dtype.alignment, entries[$1].dtype.alignment)
            return a != b ? a > b : $0 < $1
        }
        var offsets: [Int] = []
        var header: [UInt8] = []
        header.reserveCapacity(256 + entries.count * 96)
        header.append(UInt8(ascii: "{"))
        let metadataObject = JSONValue.object(metadata.keys.sorted().map { (key: $0, value: .string(metadata[$0]!)) })
        JSONString.appendEscaped("__metadata__", to: &header)
        header.append(UInt8(ascii: ":"))
        metadataObject.serialize(into: &header)
        var offset = 0
        for position in order {
            let entry = entries[position]
            let size = entry.payload.payloadByteCount
            offsets.append(offset)
            header.append(UInt8(ascii: ","))
            JSONString.appendEscaped(entry.name, to: &header)
            let description: JSONValue = [
                "dtype": .string(entry.dtype.rawValue),
                "shape": .array(entry.shape.map { JSONValue($0) }),
                "data_offsets": [JSONValue(offset), JSONValue(offset + size)],
            ]
            header.append(UInt8(ascii: ":"))
            description.serialize(into: &header)
            offset += size
        }
        header.append(UInt8(ascii: "}"))
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        return (order, offsets, header)
    }

    /// The complete archive as bytes in memory (for small archives and tests; `write(to:)` streams).
    public func serialized() -> [UInt8] {
        let (order, _, header) = layout()
        var bytes: [UInt8] = []
        let total = 8 + header.count + entries.reduce(0) { $0 + $1.payload.payloadByteCount }
        bytes.reserveCapacity(total)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for position in order {
            entries[position].payload.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Calls `body` with each piece of the file in order: length, header, then each tensor's data.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let (order, _, header) = layout()
        try withUnsafeBytes(of: UInt64(header.count).littleEndian) { try body($0) }
        try header.withUnsafeBytes { try body($0) }
        for position in order {
            try entries[position].payload.forEachChunk(body)
        }
    }
}

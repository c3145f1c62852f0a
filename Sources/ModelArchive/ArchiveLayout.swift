import JSONCore

/// The parsed and validated header of an archive: metadata, tensors, and where the data starts.
///
/// The rules are those of safetensors (`Metadata::validate` and `read_metadata` in
/// huggingface/safetensors `safetensors/src/tensor.rs`): an 8-byte little-endian header length N
/// of at most 100,000,000; N bytes holding one JSON object; `__metadata__` (optional) maps strings
/// to strings; every other member is a tensor with a known `dtype`, a `shape` of non-negative
/// integers and `data_offsets` [begin, end] relative to the data; sorted by offset, the tensors
/// must tile the data exactly (no gap, no overlap, nothing left over), and each tensor's bytes must
/// equal its element count times its element size. Unknown members of a tensor entry are ignored,
/// as safetensors does; a key written twice is refused (safetensors keeps the last one).
struct ArchiveLayout {
    /// safetensors' `MAX_HEADER_SIZE`.
    static let maximumHeaderLength = 100_000_000

    var metadata: [String: String]
    /// Tensors in data order.
    var tensors: [TensorInfo]
    /// Offset of the data section from the start of the file (8 + N).
    var dataOffset: Int
    /// Length of the data section.
    var dataCount: Int

    /// Parses and validates `file`, the complete archive. Every failure is `.badData` naming `path`.
    /// Complexity: O(N + t log t) for a header of N bytes describing t tensors; the data is never read.
    static func parse(_ file: UnsafeRawBufferPointer, path: String) throws -> ArchiveLayout {
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: path, message) }
        let size = file.count
        if size == 0 { throw bad("empty file, not a model archive") }
        if size < 8 {
            throw bad("file of \(size) bytes is too short to be a model archive (it must start with an 8-byte header length)")
        }
        let declared = file.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        if declared > UInt64(size - 8) {
            throw bad("header length \(declared) exceeds the \(size - 8) bytes after it (truncated file, or not a model archive)")
        }
        let headerLength = Int(declared)
        if headerLength > maximumHeaderLength {
            throw bad("header length \(headerLength) exceeds the limit of \(maximumHeaderLength) bytes")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: file[8..<(8 + headerLength)])
        let header: JSONValue
        do {
            header = try JSONValue(parsing: headerBytes, maximumDepth: 8)
        } catch let error as JSONError {
            throw bad("header is not valid JSON: \(error.reason) (at byte \(error.offset + 8) of the file)")
        }
        guard case .object(let members) = header else { throw bad("header is not a JSON object") }

        var metadata: [String: String] = [:]
        var tensors: [TensorInfo] = []
        tensors.reserveCapacity(members.count)
        for (name, entry) in members {
            if name == "__metadata__" {
                metadata = try parseMetadata(entry, bad)
            } else {
                tensors.append(try parseTensor(name, entry, bad))
            }
        }

        let dataOffset = 8 + headerLength
        let dataCount = size - dataOffset
        tensors.sort { ($0.byteOffset, $0.byteCount) < ($1.byteOffset, $1.byteCount) }
        var end = 0
        var previous: TensorInfo? = nil
        for tensor in tensors {
            if tensor.byteOffset > end {
                throw bad("tensor '\(tensor.name)' starts at data byte \(tensor.byteOffset), leaving a gap after byte \(end)")
            }
            if tensor.byteOffset < end, let previous {
                throw bad("tensors '\(previous.name)' (bytes \(previous.byteOffset)..<\(end)) and '\(tensor.name)' "
                    + "(bytes \(tensor.byteOffset)..<\(tensor.byteOffset + tensor.byteCount)) overlap")
            }
            end = tensor.byteOffset + tensor.byteCount
            if end > dataCount {
                throw bad("tensor '\(tensor.name)' ends at data byte \(end) but the file holds only \(dataCount) bytes of data (truncated file?)")
            }
            previous = tensor
        }
        if end != dataCount {
            throw bad("the tensors cover \(end) bytes but the file holds \(dataCount) bytes of data after the header")
        }
        return ArchiveLayout(metadata: metadata, tensors: tensors, dataOffset: dataOffset, dataCount: dataCount)
    }

    private static func parseMetadata(_ entry: JSONValue, _ bad: (String) -> ArchiveError) throws -> [String: String] {
        if entry.isNull { return [:] }
        guard case .object(let pairs) = entry else { throw bad("'__metadata__' is not an object") }
        var metadata: [String: String] = [:]
        for (key, value) in pairs {
            guard case .string(let text) = value else { throw bad("metadata entry '\(key)' is not a string") }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseTensor(_ name: String, _ entry: JSONValue, _ bad: (String) -> ArchiveError) throws -> TensorInfo {
        guard case .object = entry else { throw bad("tensor '\(name)' is not described by an object") }
        guard let dtypeName = entry["dtype"]?.stringValue else { throw bad("tensor '\(name)' has no string 'dtype'") }
        guard let dtype = TensorDType(rawValue: dtypeName) else {
            let known = TensorDType.allCases.map(\.rawValue).joined(separator: ", ")
            throw bad("tensor '\(name)' has unknown dtype '\(dtypeName)' (known: \(known))")
        }
        guard let shapeValues = entry["shape"]?.arrayValue else { throw bad("tensor '\(name)' has no 'shape' array") }
        var shape: [Int] = []
        var elementCount = 1
        var overflow = false
        for dimension in shapeValues {
            guard let number = dimension.numberValue, number.isIntegerLiteral, let size = number.intValue, size >= 0 else {
                throw bad("tensor '\(name)' has a shape entry that is not a non-negative integer: \(dimension)")
            }
            shape.append(size)
            let product = elementCount.multipliedReportingOverflow(by: size)
            overflow = overflow || product.overflow
            elementCount = product.partialValue
        }
        guard let offsets = entry["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = offsets[0].numberValue, begin.isIntegerLiteral, let beginValue = begin.intValue, beginValue >= 0,
              let end = offsets[1].numberValue, end.isIntegerLiteral, let endValue = end.intValue, endValue >= 0 else {
            throw bad("tensor '\(name)' needs 'data_offsets' of two non-negative integers")
        }
        if endValue < beginValue {
            throw bad("tensor '\(name)' has data_offsets [\(beginValue), \(endValue)] that end before they begin")
        }
        guard !overflow, let expected = dtype.byteCount(elementCount: elementCount) else {
            throw bad("tensor '\(name)' has shape \(shape) whose size in \(dtype) overflows or is not a whole number of bytes")
        }
        let actual = endValue - beginValue
        if expected != actual {
            throw bad("tensor '\(name)' has shape \(shape) of \(dtype) (\(expected) bytes) but occupies \(actual) bytes")
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, byteOffset: beginValue, byteCount: actual)
    }
}

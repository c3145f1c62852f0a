import Diagnostics
import JSONCore

/// A model archive opened for reading: the metadata and tensor list of its validated header, and
/// read-only views of its tensors.
///
/// The file is memory-mapped (read into memory when it is not a regular file), so opening a large
/// model costs only the header; pages are read when a view is first touched. Views point into the
/// mapping and stay valid while the reader lives (keep it alive with `withExtendedLifetime` past
/// the last use of a view). Should any tensor be misaligned for its type — which our writer and
/// safetensors never produce — the data section is copied once into aligned memory at open.
///
/// Like any memory-mapped reader, it assumes nobody truncates the file while it is open; nlpipe's
/// writer replaces files by renaming, which leaves open readers on the old contents.
///
/// A reader is immutable, so it can be shared between threads.
public final class ArchiveReader: @unchecked Sendable {
    /// The path given when opening (or the name given for bytes in memory).
    public let path: String
    /// `__metadata__`: free-form strings.
    public let metadata: [String: String]
    /// Every tensor, in data order.
    public let tensors: [TensorInfo]

    private let file: FileBytes
    /// The copy of the data section when it was misaligned, else nil.
    private let alignedCopy: FileBytes?
    private let dataBase: UnsafeRawPointer?
    private let index: [String: Int]

    /// Opens, maps and validates the archive at `path`.
    ///
    /// Throws `ArchiveError`: `.noInput` for a missing or unreadable file or a directory, `.io` when
    /// the system fails to read it, `.badData` for anything wrong with its contents (see
    /// `ArchiveLayout`: empty, too short, truncated, header not JSON or lying about lengths,
    /// overlapping, gapped or out-of-range tensors, size mismatches, unknown dtypes).
    public convenience init(path: String) throws {
        try self.init(file: try FileBytes(path: path), path: path)
    }

    /// Validates an archive held in memory (copied); `name` stands for the path in messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws {
        let file = bytes.withUnsafeBytes { FileBytes(copying: $0) }
        try self.init(file: file, path: name)
    }

    private init(file: FileBytes, path: String) throws {
        let layout = try ArchiveLayout.parse(file.buffer, path: path)
        self.path = path
        self.file = file
        self.metadata = layout.metadata
        self.tensors = layout.tensors
        var index: [String: Int] = [:]
        for (position, tensor) in layout.tensors.enumerated() { index[tensor.name] = position }
        self.index = index
        let data = file.base.map { $0 + layout.dataOffset }
        let misaligned = layout.tensors.contains { tensor in
            guard let data, tensor.byteCount > 0 else { return false }
            return Int(bitPattern: data + tensor.byteOffset) % tensor.dtype.alignment != 0
        }
        if misaligned, let data {
            let copy = FileBytes(copying: UnsafeRawBufferPointer(start: data, count: layout.dataCount))
            alignedCopy = copy
            dataBase = copy.base
        } else {
            alignedCopy = nil
            dataBase = data
        }
    }

    // MARK: Metadata

    /// `__metadata__["kind"]`: what the archive holds (`vocabulary`, `embeddings`, …).
    public var kind: String? { metadata["kind"] }

    /// `__metadata__["format_version"]` as a positive decimal integer, or nil when missing or malformed.
    public var formatVersion: Int? {
        guard let text = metadata["format_version"], !text.isEmpty,
              text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), value > 0 else { return nil }
        return value
    }

    /// `__metadata__["config"]`: the training configuration as JSON text, when present.
    public var configText: String? { metadata["config"] }

    /// The training configuration parsed from `__metadata__["config"]`; nil when absent,
    /// `.badData` when it is not JSON.
    public func config() throws -> JSONValue? {
        try metadataJSON("config")
    }

    /// A metadata entry parsed as JSON; nil when absent, `.badData` when it is not JSON.
    public func metadataJSON(_ key: String) throws -> JSONValue? {
        guard let text = metadata[key] else { return nil }
        do {
            return try JSONValue(parsing: text)
        } catch let error as JSONError {
            throw ArchiveError(.badData, path: path, "metadata entry '\(key)' is not valid JSON: \(error.reason)")
        }
    }

    /// Checks that this archive is a `kind` file whose format version this program can read, and
    /// returns that version (at most `supportedVersion`) so the caller can migrate older layouts.
    ///
    /// Throws `.badData` naming both kinds when the kind differs, or when the kind or version is
    /// missing, or the version is newer than `supportedVersion`.
    @discardableResult
    public func require(kind expected: String, supportedVersion: Int) throws -> Int {
        guard let actual = kind else {
            throw ArchiveError(.badData, path: path,
                               "not an nlpipe model: its metadata has no 'kind' (expected kind '\(expected)')")
        }
        guard actual == expected else {
            throw ArchiveError(.badData, path: path, "is a model of kind '\(actual)', but one of kind '\(expected)' is needed")
        }
        guard let version = formatVersion else {
            let found = metadata["format_version"].map { "'\($0)'" } ?? "none"
            throw ArchiveError(.badData, path: path, "'\(actual)' file without a valid format_version (found \(found))")
        }
        if version > supportedVersion {
            throw ArchiveError(.badData, path: path,
                "'\(actual)' format version \(version) is newer than this program supports (\(supportedVersion)); "
                + "it was written by a newer nlpipe")
        }
        return version
    }

    // MARK: Tensors

    /// Whether a tensor of that name exists.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The description of tensor `name`; `.badData` when the archive has none.
    public func info(_ name: String) throws -> TensorInfo {
        guard let position = index[name] else {
            throw ArchiveError(.badData, path: path, "has no tensor '\(name)'")
        }
        return tensors[position]
    }

    /// The raw little-endian bytes of tensor `name`, valid while the reader lives.
    public func bytes(_ name: String) throws -> UnsafeRawBufferPointer {
        let tensor = try info(name)
        return UnsafeRawBufferPointer(start: dataBase.map { $0 + tensor.byteOffset }, count: tensor.byteCount)
    }

    /// The elements of tensor `name` viewed as `T` (row-major), valid while the reader lives.
    /// The tensor's dtype must be `T.dtype` (`.badData` otherwise). No copy is made.
    public func buffer<T: TensorElement>(_ name: String, as type: T.Type = T.self) throws -> UnsafeBufferPointer<T> {
        let tensor = try info(name)
        guard tensor.dtype == T.dtype else {
            throw ArchiveError(.badData, path: path, "tensor '\(name)' is \(tensor.dtype), expected \(T.dtype)")
        }
        let raw = UnsafeRawBufferPointer(start: dataBase.map { $0 + tensor.byteOffset }, count: tensor.byteCount)
        return raw.assumingMemoryBound(to: T.self)
    }

    /// A copy of the elements of tensor `name` as `[T]` (see `buffer(_:as:)`).
    public func array<T: TensorElement>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        Array(try buffer(name, as: type))
    }

    /// Like `buffer(_:as:)`, also checking the shape: `nil` entries of `shape` match any size.
    public func buffer<T: TensorElement>(_ name: String, as type: T.Type = T.self, shape: [Int?]) throws -> UnsafeBufferPointer<T> {
        let tensor = try info(name)
        let matches = tensor.shape.count == shape.count && zip(tensor.shape, shape).allSatisfy { $1 == nil || $0 == $1 }
        guard matches else {
            let wanted = "[" + shape.map { $0.map(String.init) ?? "_" }.joined(separator: ", ") + "]"
            throw ArchiveError(.badData, path: path, "tensor '\(name)' has shape \(tensor.shape), expected \(wanted)")
        }
        return try buffer(name, as: type)
    }
}

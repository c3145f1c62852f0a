#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONCore
import Diagnostics

/// A stream of text lines (a system output or one reference stream) stored contiguously as
/// validated UTF-8, the form every metric here reads.
///
/// A line may be missing (sacreBLEU's `None` reference), which is how a reference stream gives
/// some segments fewer references than others. `init(sacreBLEUFileContents:)` reads a file as
/// the sacreBLEU command line does.
public struct TextLines: Sendable, Equatable {
    /// Equal when the lines are (storage layout aside).
    public static func == (a: TextLines, b: TextLines) -> Bool { a.lines == b.lines }

    /// The lines' bytes (for file contents, the whole file: lines are ranges of it).
    private(set) var bytes: [UInt8] = []
    /// Line i spans `bytes[bounds[2i] ..< bounds[2i+1]]`; a missing line has start −1.
    private var bounds: [Int] = []

    /// No lines.
    public init() {}

    /// Lines given as Strings (always valid UTF-8), stored as they are.
    public init(_ lines: [String]) {
        for line in lines { append(line) }
    }

    /// Lines given as optional Strings; `nil` is a missing line.
    public init(_ lines: [String?]) {
        for line in lines { append(line) }
    }

    /// The lines of a UTF-8 file as the sacreBLEU CLI reads them (`open(..., encoding='utf-8',
    /// newline='\n')` and `line.rstrip()`): split after every `\n` only (a `\r` stays part of the
    /// line until stripped), a final line without `\n` kept, each line stripped of trailing
    /// Python whitespace, a leading byte-order mark kept as text.
    /// - Throws: `.badData` naming the line of the first byte sequence that is not UTF-8.
    ///
    /// The lines stay where they are in `contents` (which becomes the storage); only their bounds
    /// are recorded. O(n): one validation pass and one `memchr` per line.
    public init(sacreBLEUFileContents contents: [UInt8]) throws {
        bytes = contents
        var bounds: [Int] = []
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            if let offset = UTF8Validation.firstInvalidOffset(in: UnsafeRawBufferPointer(buffer)) {
                var line = 1, lineStart = 0
                for i in 0..<offset where base[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                }
                throw Failure(.badData, "line \(line) is not valid UTF-8 (byte \(offset - lineStart + 1))")
            }
            var lineStart = 0
            while lineStart < n {
                var lineEnd = n
                if let hit = memchr(base + lineStart, 0x0A, n - lineStart) {
                    lineEnd = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                bounds.append(lineStart)
                bounds.append(PythonText.rstripEnd(base, lineStart, lineEnd))
                lineStart = lineEnd + 1
            }
        }
        self.bounds = bounds
    }

    /// The number of lines, missing ones included.
    public var count: Int { bounds.count / 2 }

    /// Appends a line (`nil` for a missing one), stored as given.
    public mutating func append(_ line: String?) {
        guard var line else {
            bounds.append(-1)
            bounds.append(-1)
            return
        }
        let start = bytes.count
        line.withUTF8 { bytes.append(contentsOf: $0) }
        bounds.append(start)
        bounds.append(bytes.count)
    }

    /// Appends one line given as bytes, checking that it is UTF-8 and optionally stripping
    /// trailing Python whitespace (`rstrip()`).
    /// - Throws: `.badData` if the bytes are not UTF-8 (naming `lineNumber` when given).
    public mutating func append(utf8 line: UnsafeBufferPointer<UInt8>, rstrip: Bool, lineNumber: Int? = nil) throws {
        try appendValidated(line, rstrip: rstrip, lineNumber: lineNumber)
    }

    private mutating func appendValidated(_ line: UnsafeBufferPointer<UInt8>, rstrip: Bool, lineNumber: Int?) throws {
        guard let base = line.baseAddress, !line.isEmpty else {
            bounds.append(bytes.count)
            bounds.append(bytes.count)
            return
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: UnsafeRawBufferPointer(start: base, count: line.count)) {
            let place = lineNumber.map { "line \($0)" } ?? "a line"
            throw Failure(.badData, "\(place) is not valid UTF-8 (byte \(offset + 1))")
        }
        let end = rstrip ? PythonText.rstripEnd(base, 0, line.count) : line.count
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<end]))
        bounds.append(start)
        bounds.append(bytes.count)
    }

    /// Whether line `index` is missing.
    public func isMissing(_ index: Int) -> Bool { bounds[2 * index] < 0 }

    /// Line `index` as a String, or nil if missing.
    public subscript(index: Int) -> String? {
        let start = bounds[2 * index], end = bounds[2 * index + 1]
        guard start >= 0 else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// All lines as Strings (nil for missing ones).
    public var lines: [String?] { (0..<count).map { self[$0] } }

    /// Runs `body` with the storage: the bytes and a function giving line i's bytes (nil if
    /// missing), valid inside `body` only.
    func withLines<R>(_ body: (LineAccess) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { storage in
            try bounds.withUnsafeBufferPointer { bounds in
                try body(LineAccess(storage: storage, bounds: bounds))
            }
        }
    }

    /// Unchecked access to the lines of a `TextLines` inside `withLines`.
    struct LineAccess {
        let storage: UnsafeBufferPointer<UInt8>
        let bounds: UnsafeBufferPointer<Int>

        @inline(__always)
        subscript(index: Int) -> UnsafeBufferPointer<UInt8>? {
            let start = bounds[2 * index]
            guard start >= 0 else { return nil }
            let end = bounds[2 * index + 1]
            return UnsafeBufferPointer(start: storage.baseAddress.map { $0 + start }, count: end - start)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer to a file descriptor (standard output by default).
///
/// Bytes collect in `buffer` and go out in large writes. A reader that has gone away (`EPIPE`)
/// throws `OutputClosed`, which the command-line layer turns into a quiet exit 0; any other write
/// error is `RecordsError.writeFailed`. `close()` flushes and reports errors that only show at the
/// end (a full disk), as jq does with `ferror`/`fclose`.
public final class OutputWriter {
    /// The pending bytes; JSON helpers append to it directly.
    public var buffer: [UInt8] = []
    private let fd: Int32
    private let flushThreshold: Int
    /// Set once the reader has gone away; further writes are dropped.
    public private(set) var isClosed = false

    public init(fileDescriptor: Int32 = 1, flushThreshold: Int = 1 << 16) {
        self.fd = fileDescriptor
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold * 2)
    }

    /// Appends raw bytes.
    @inline(__always)
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Ends a line and flushes when enough output has collected.
    @inline(__always)
    public func endLine() throws {
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out everything pending.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        if isClosed { return }
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n >= 0 { offset += n; continue }
                let err = errno
                if err == EINTR { continue }
                if err == EPIPE { isClosed = true; throw OutputClosed() }
                throw RecordsError.writeFailed(reason: String(cString: strerror(err)))
            }
        }
    }

    /// Flushes and, for a descriptor other than standard output, closes it.
    public func close() throws {
        try flush()
        if fd > 2, Glibc.close(fd) != 0 {
            throw RecordsError.writeFailed(reason: String(cString: strerror(errno)))
        }
    }
}

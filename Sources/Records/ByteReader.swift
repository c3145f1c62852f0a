#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one input (a file or standard input) in large blocks and hands out lines or chunks as
/// borrowed byte buffers, without copying or allocating per line.
///
/// A line may be of any length: the buffer grows to hold the longest line seen. `nextChunk()`
/// instead hands out whatever is buffered, for inputs that are one huge line of tokens (text8);
/// callers split those themselves and carry a partial token across chunks.
public final class ByteReader {
    /// The name used in messages: the path, or `stdin`.
    public let name: String
    /// How many lines `nextLine()` has returned so far (the number of the last line returned).
    public private(set) var lineNumber = 0

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0      // first unread byte
    private var end = 0        // one past the last buffered byte
    private var atEOF = false
    private var scanFrom = 0   // where to continue looking for '\n' after a partial line
    /// Called before a read that may block, so a filter can flush its output first (interactive use).
    public var willRead: (() throws -> Void)?

    /// The default block size: large enough for throughput, small enough for latency.
    public static let blockSize = 1 << 20

    /// Wraps an open file descriptor.
    public init(fileDescriptor: Int32, name: String, ownsDescriptor: Bool = false, blockSize: Int = ByteReader.blockSize) {
        self.fd = fileDescriptor
        self.name = name
        self.ownsDescriptor = ownsDescriptor
        self.capacity = max(blockSize, 16)
        self.buffer = .allocate(capacity: capacity)
    }

    /// Opens `path` for reading; `-` is standard input.
    public static func open(_ path: String) throws -> ByteReader {
        if path == "-" { return ByteReader(fileDescriptor: 0, name: "stdin") }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let err = errno
            throw RecordsError.cannotOpen(path: path, reason: String(cString: strerror(err)), missing: err == ENOENT || err == ENOTDIR)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw RecordsError.cannotOpen(path: path, reason: "is a directory", missing: false)
        }
        return ByteReader(fileDescriptor: fd, name: path, ownsDescriptor: true)
    }

    /// The size of the input when it is a regular file (a hint for reading it whole), else nil.
    public var regularFileSize: Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// The next line without its `\n`, valid until the next call; nil at the end of input.
    /// A last line without `\n` is returned too.
    public func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            let searchStart = max(start, scanFrom)
            if searchStart < end, let hit = memchr(buffer + searchStart, 0x0A, end - searchStart) {
                let newline = buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(start: buffer + start, count: newline - start)
                start = newline + 1
                scanFrom = start
                lineNumber += 1
                return line
            }
            scanFrom = end
            if atEOF {
                guard start < end else { return nil }
                let line = UnsafeBufferPointer(start: buffer + start, count: end - start)
                start = end
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// Everything buffered (at least one byte), valid until the next call; nil at the end of input.
    /// Chunk boundaries fall anywhere, also inside a token or a UTF-8 sequence.
    public func nextChunk() throws -> UnsafeBufferPointer<UInt8>? {
        if start == end {
            if atEOF { return nil }
            start = 0; end = 0; scanFrom = 0
            try fill()
            if start == end { return nil }
        }
        let chunk = UnsafeBufferPointer(start: buffer + start, count: end - start)
        start = end
        scanFrom = end
        return chunk
    }

    /// The first byte of the input that is not ASCII white space, without consuming anything;
    /// nil when the input holds only white space. Used to tell JSON Lines (`{`) from plain text.
    public func peekFirstNonBlank() throws -> UInt8? {
        var i = start
        while true {
            while i < end {
                let b = buffer[i]
                if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return b }
                i += 1
            }
            if atEOF { return nil }
            let offset = i - start
            try fill()
            i = start + offset
        }
    }

    /// Reads more bytes, moving unread bytes to the front and growing the buffer when full.
    private func fill() throws {
        if start > 0 {
            let unread = end - start
            if unread > 0 { memmove(buffer, buffer + start, unread) }
            scanFrom -= start
            end = unread
            start = 0
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        try willRead?()
        while true {
            let n = read(fd, buffer + end, capacity - end)
            if n > 0 { end += n; return }
            if n == 0 { atEOF = true; return }
            if errno == EINTR { continue }
            throw RecordsError.readFailed(source: name, reason: String(cString: strerror(errno)))
        }
    }
}

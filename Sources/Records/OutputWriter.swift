#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer to a file descriptor (standard output by default).
///
/// Bytes collect in one raw buffer and go out in large writes; the JSON helpers
/// (`OutputWriter+JSON.swift`) write into it directly and are inlinable, so a filter's output
/// loop costs a bounds check and a copy per field. A reader that has gone away (`EPIPE`) throws
/// `OutputClosed`, which the command-line layer turns into a quiet exit 0; any other write error
/// is `RecordsError.writeFailed`. `close()` flushes and reports errors that only show at the end
/// (a full disk), as jq does with `ferror`/`fclose`.
public final class OutputWriter {
    /// The buffer and its fill level, behind a `let` pointer: the hot paths mutate them through
    /// the pointer, so Swift's dynamic exclusivity checks on class properties (a thread-local
    /// access set consulted per access, 15% of `tokenize`'s time) never apply.
    @usableFromInline struct State {
        @usableFromInline var base: UnsafeMutablePointer<UInt8>
        @usableFromInline var count: Int
        @usableFromInline var capacity: Int
    }
    @usableFromInline let state: UnsafeMutablePointer<State>
    @usableFromInline let flushThreshold: Int
    private let fd: Int32
    /// Set once the reader has gone away; further writes are dropped.
    public private(set) var isClosed = false

    public init(fileDescriptor: Int32 = 1, flushThreshold: Int = 1 << 16) {
        self.fd = fileDescriptor
        self.flushThreshold = flushThreshold
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: flushThreshold * 2), count: 0, capacity: flushThreshold * 2))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deallocate()
    }

    /// The start of the buffer (valid until the next write that grows it).
    @inlinable var base: UnsafeMutablePointer<UInt8> { state.pointee.base }

    /// How many bytes are pending.
    @inlinable var count: Int {
        get { state.pointee.count }
        set { state.pointee.count = newValue }
    }

    /// The bytes written since the last flush.
    public var pending: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `n` more bytes.
    @inlinable @inline(__always)
    public func reserve(_ n: Int) {
        if state.pointee.count + n > state.pointee.capacity { grow(state.pointee.count + n) }
    }

    @usableFromInline func grow(_ needed: Int) {
        var newCapacity = state.pointee.capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: state.pointee.base, count: state.pointee.count)
        state.pointee.base.deallocate()
        state.pointee.base = grown
        state.pointee.capacity = newCapacity
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count = count + 1
    }

    /// Appends raw bytes.
    @inlinable @inline(__always)
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
        count = count + bytes.count
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Ends a line and flushes when enough output has collected.
    @inlinable @inline(__always)
    public func endLine() throws {
        byte(0x0A)
        if count >= flushThreshold { try flush() }
    }

    /// Writes out everything pending.
    public func flush() throws {
        guard count > 0 else { return }
        defer { count = 0 }
        if isClosed { return }
        var offset = 0
        while offset < count {
            let n = Glibc.write(fd, base + offset, count - offset)
            if n >= 0 { offset += n; continue }
            let err = errno
            if err == EINTR { continue }
            if err == EPIPE { isClosed = true; throw OutputClosed() }
            throw RecordsError.writeFailed(reason: String(cString: strerror(err)))
        }
    }

    /// Writes out the complete lines pending and drops a trailing partial line: what a filter
    /// does before it stops on an error, so every answer it finished reaches the reader and no
    /// half-written record follows it.
    public func flushCompleteLines() throws {
        var end = count
        while end > 0, base[end - 1] != 0x0A { end -= 1 }
        count = end
        try flush()
    }

    /// Flushes and, for a descriptor other than standard output, closes it.
    public func close() throws {
        try flush()
        if fd > 2, Glibc.close(fd) != 0 {
            throw RecordsError.writeFailed(reason: String(cString: strerror(errno)))
        }
    }
}

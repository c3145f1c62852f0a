#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// A corpus as a sequence of 32-bit ids in an anonymous temporary file: what a pipe is spooled to
/// while its vocabulary is counted, so training (which needs the vocabulary first and reads the
/// corpus once per epoch) never holds the corpus in memory. 4 bytes per token; text8 spools to
/// 68 MB of disk and the page cache.
///
/// Ids are whatever the writer chooses (entry numbers of a `TokenCounter`, or vocabulary ids);
/// `endOfSequence` (−1) marks the end of a line or record, so the context window never crosses it.
/// The file is unlinked as soon as it is created and disappears with the object. Reads with
/// `read(at:into:count:)` are positional (`pread`) and safe from several threads at once.
public final class TokenIDSpool: @unchecked Sendable {
    public static let endOfSequence: Int32 = -1
    static let bufferCapacity = 1 << 16

    let descriptor: Int32
    let buffer: UnsafeMutablePointer<Int32>
    var buffered = 0
    /// The number of ids written (tokens and end-of-sequence marks).
    public private(set) var count = 0

    /// Creates the file in `directory` (e.g. `$TMPDIR`, chosen by the program).
    /// Throws `.io` when it cannot be created.
    public init(directory: String) throws {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
            + Array("nlpipe-spool-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw Failure(.io, "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
        buffer = .allocate(capacity: Self.bufferCapacity)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Appends one id. Amortised O(1); writes 256 KB at a time.
    @inline(__always)
    public func append(_ id: Int32) throws {
        if buffered == Self.bufferCapacity { try flush() }
        buffer[buffered] = id
        buffered += 1
        count += 1
    }

    /// Writes the buffered ids to the file (call before reading).
    public func flush() throws {
        var bytes = UnsafeRawPointer(buffer)
        var remaining = buffered * 4
        while remaining > 0 {
            let n = write(descriptor, bytes, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.io, "cannot write the temporary corpus file: \(String(cString: strerror(errno)))")
            }
            bytes += n
            remaining -= n
        }
        buffered = 0
    }

    /// Reads up to `count` ids starting at id number `position` into `destination`; returns how
    /// many were read (fewer only at the end). Thread-safe.
    public func read(at position: Int, into destination: UnsafeMutablePointer<Int32>, count: Int) throws -> Int {
        let wanted = max(0, min(count, self.count - position))
        var done = 0
        while done < wanted {
            let n = pread(descriptor, UnsafeMutableRawPointer(destination + done), (wanted - done) * 4,
                          off_t((position + done) * 4))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.io, "cannot read the temporary corpus file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            precondition(n % 4 == 0, "short read inside an id")
            done += n / 4
        }
        return done
    }
}

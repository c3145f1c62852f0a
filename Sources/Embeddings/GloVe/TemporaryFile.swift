#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// A temporary file that no other process can see and that disappears with the process: it is
/// created in `directory` (`--tmpdir`, `$TMPDIR` or /tmp, chosen by the program) and unlinked at
/// once, so it is removed on success, on failure and on interruption alike (SIGINT, SIGTERM, even
/// SIGKILL), and never left behind. Closed when the object goes away.
///
/// Writes append or go to a given offset; reads are positional (`pread`) and safe from several threads at once.
final class TemporaryFile: @unchecked Sendable {
    let descriptor: Int32
    /// Bytes written so far.
    private(set) var size = 0

    /// Throws `.io` naming the directory when the file cannot be created there.
    init(directory: String, prefix: String = "nlpipe-glove") throws {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
            + Array("\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw Failure(.io, "cannot create a temporary file in \(directory): \(String(cString: strerror(errno))) "
                + "(choose another folder with --tmpdir or TMPDIR)")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `bytes`. Throws `.io` when the disk is full.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try write(bytes, at: size)
    }

    /// Writes `bytes` at `offset` (a hole before it reads as zeros). Throws `.io` when the disk is full.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        var position = offset
        while remaining > 0 {
            let n = pwrite(descriptor, next, remaining, off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.io, "cannot write a temporary file: \(String(cString: strerror(errno)))")
            }
            next += n
            remaining -= n
            position += n
        }
        size = max(size, position)
    }

    /// Reads the `count` values of `T` stored from value `index` on into `destination`. Throws `.io`
    /// ("a `what` ended early") when the file holds fewer.
    func read<T>(_ count: Int, from index: Int, into destination: UnsafeMutablePointer<T>, what: String) throws {
        let stride = MemoryLayout<T>.stride
        let got = try read(at: index * stride, into: UnsafeMutableRawPointer(destination), count: count * stride)
        guard got == count * stride else { throw Failure(.io, "a \(what) ended early") }
    }

    /// Reads up to `count` bytes at `offset` into `destination`; returns how many were read.
    func read(at offset: Int, into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let wanted = max(0, min(count, size - offset))
        var done = 0
        while done < wanted {
            let n = pread(descriptor, destination + done, wanted - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(.io, "cannot read a temporary file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}

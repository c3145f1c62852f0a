#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file atomically: the only code in nlpipe that writes output files other than
/// standard output. Used for model archives and for any other file a program writes (an SVG plot).
public enum AtomicFile {
    /// Writes the bytes that `forEachPiece` presents, in order, to `path` atomically: into a new
    /// temporary file in the same folder (`.<name>.tmp-<pid>-<random>`), flushed with `fsync`,
    /// then renamed over `path`, and the folder is synced. Readers of an old file at `path` keep
    /// seeing it; an interrupted or failed write never leaves a partial `path`.
    ///
    /// Throws `.io` naming `path` when the folder is missing or not writable, the disk is full, or
    /// `path` is a directory; the temporary file is removed first, so nothing is left behind.
    public static func write(to path: String, pieces forEachPiece: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        func failure(_ message: String) -> ArchiveError { ArchiveError(.io, path: path, message) }
        guard !path.isEmpty, !path.hasSuffix("/") else { throw failure("not a file name") }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path

        var generator = SystemRandomNumberGenerator()
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
            temporary = (folder == "/" ? "/" : folder + "/") + ".\(name).tmp-\(getpid())-\(suffix)"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw failure("cannot write: the folder '\(folder)' does not exist")
            case EACCES, EPERM: throw failure("cannot write: permission denied in '\(folder)'")
            default: throw failure("cannot write: \(systemMessage(code))")
            }
        }
        var closed = false
        func abandon(_ message: String) -> ArchiveError {
            if !closed { close(fd) }
            unlink(temporary)
            return failure(message)
        }
        try forEachPiece { piece in
            if let code = writeFully(fd, piece) { throw abandon("cannot write: \(systemMessage(code))") }
        }
        if fsync(fd) != 0 { throw abandon("cannot flush to disk: \(systemMessage(errno))") }
        closed = true
        if close(fd) != 0 { throw abandon("cannot write: \(systemMessage(errno))") }
        if rename(temporary, path) != 0 {
            let code = errno
            switch code {
            case EISDIR: throw abandon("cannot write: is a directory")
            default: throw abandon("cannot write: \(systemMessage(code))")
            }
        }
        // Make the rename itself durable; file systems that cannot sync a folder simply skip it.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Writes `bytes` to `path` atomically (see `write(to:pieces:)`).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { piece in try bytes.withUnsafeBytes { try piece($0) } }
    }
}


/// Writes all of `piece` to `fd`, retrying partial writes and interruptions; the `errno` of a
/// failure, or nil.
private func writeFully(_ fd: Int32, _ piece: UnsafeRawBufferPointer) -> Int32? {
    guard var next = piece.baseAddress else { return nil }
    var remaining = piece.count
    while remaining > 0 {
        let written = write(fd, next, remaining)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        remaining -= written
        next += written
    }
    return nil
}

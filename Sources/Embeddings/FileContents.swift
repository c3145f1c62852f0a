#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file and prefix reads for the word-vector text and binary formats: the only code in
/// Embeddings that opens files. (nlpipe archives are opened by ModelArchive, memory-mapped.)
enum FileContents {
    /// Up to `limit` bytes from the start of `path`. `.noInput` for a missing or unreadable file
    /// or a directory, `.io` for a failing read.
    static func prefix(of path: String, limit: Int) throws -> [UInt8] {
        try withOpenFile(path) { fd in try readAll(fd, path: path, limit: limit) }
    }

    /// Whether `path` names a regular file (which can be read twice and memory-mapped), as
    /// opposed to a pipe or a device like `/dev/stdin`. Missing files answer true (the read that
    /// follows reports them).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return true }
        return (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The whole file followed by one 0 byte (so `strtof` always stops inside the buffer); the
    /// count returned excludes the terminator.
    static func readWhole(_ path: String) throws -> (bytes: [UInt8], count: Int) {
        var bytes = try withOpenFile(path) { fd in try readAll(fd, path: path, limit: Int.max) }
        let count = bytes.count
        bytes.append(0)
        return (bytes, count)
    }

    private static func withOpenFile<R>(_ path: String, _ body: (Int32) throws -> R) throws -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            let reason = code == ENOENT ? "no such file" : String(cString: strerror(code))
            throw EmbeddingsError(.noInput, "\(path): cannot open: \(reason)")
        }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw EmbeddingsError(.noInput, "\(path): is a directory")
        }
        return try body(fd)
    }

    private static func readAll(_ fd: Int32, path: String, limit: Int) throws -> [UInt8] {
        var status = stat()
        let sizeHint = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, sizeHint > 0 ? sizeHint + 1 : 1 << 16))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw EmbeddingsError(.io, "\(path): cannot read: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }
}

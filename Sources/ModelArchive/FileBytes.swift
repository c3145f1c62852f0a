#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a whole file, memory-mapped when it is a regular file and read into memory
/// otherwise (a pipe, `/dev/stdin`), or copied from an array. Released on deinit.
///
/// The only place in ModelArchive that talks to the operating system for reading.
final class FileBytes: @unchecked Sendable {
    /// How the bytes were obtained, hence how to release them.
    private enum Storage {
        case mapped
        case allocated
        case empty
    }

    let base: UnsafeRawPointer?
    let count: Int
    private let storage: Storage

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Copies `bytes` into a 64-byte-aligned allocation.
    init(copying bytes: UnsafeRawBufferPointer) {
        count = bytes.count
        if count == 0 {
            base = nil
            storage = .empty
            return
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 64)
        memory.copyMemory(from: bytes.baseAddress!, byteCount: count)
        base = UnsafeRawPointer(memory)
        storage = .allocated
    }

    /// Opens and maps (or reads) `path`.
    ///
    /// A missing file, a path through a missing folder, an unreadable file and a directory are
    /// `.noInput` (sysexits' EX_NOINPUT: "an input file did not exist or was not readable");
    /// any other failure of `open`, `fstat`, `mmap` or `read` is `.io`.
    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw ArchiveError(.noInput, path: path, "no such file")
            case EACCES, EPERM: throw ArchiveError(.noInput, path: path, "permission denied")
            default: throw ArchiveError(.io, path: path, "cannot open: \(systemMessage(code))")
            }
        }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) != 0 {
            throw ArchiveError(.io, path: path, "cannot examine the file: \(systemMessage(errno))")
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw ArchiveError(.noInput, path: path, "is a directory, not a model file") }
        if type == S_IFREG {
            let size = Int(status.st_size)
            if size == 0 {
                base = nil
                count = 0
                storage = .empty
                return
            }
            guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapping != MAP_FAILED else {
                throw ArchiveError(.io, path: path, "cannot map the file into memory: \(systemMessage(errno))")
            }
            base = UnsafeRawPointer(mapping)
            count = size
            storage = .mapped
            return
        }
        // Not a regular file: read to the end.
        var capacity = 1 << 16
        var memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        var filled = 0
        while true {
            if filled == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 64)
                bigger.copyMemory(from: memory, byteCount: filled)
                memory.deallocate()
                memory = bigger
                capacity *= 2
            }
            let got = read(fd, memory + filled, capacity - filled)
            if got < 0 {
                if errno == EINTR { continue }
                let code = errno
                memory.deallocate()
                throw ArchiveError(.io, path: path, "cannot read: \(systemMessage(code))")
            }
            if got == 0 { break }
            filled += got
        }
        base = UnsafeRawPointer(memory)
        count = filled
        storage = .allocated
    }

    deinit {
        guard let base else { return }
        switch storage {
        case .mapped: munmap(UnsafeMutableRawPointer(mutating: base), count)
        case .allocated: UnsafeMutableRawPointer(mutating: base).deallocate()
        case .empty: break
        }
    }
}

/// The C library's message for an `errno` value, starting in lower case.
func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    let message = String(cString: text)
    return message.prefix(1).lowercased() + message.dropFirst()
}

import Diagnostics
import JSONCore
import Records
#if canImport(Glibc)
import Glibc
#endif

/// The file `--log FILE` names: one JSON object per line, each flushed as soon as it is written so
/// that `tail -f` follows a running program and an interrupted run keeps every line it wrote.
///
/// The file is created (or truncated) when the log is made, so an unwritable path fails before
/// any long work starts. Writes that fail later (a full disk) are remembered rather than thrown
/// from progress callbacks, which cannot throw; `close()` reports the first such failure.
public final class MetricsLog {
    public let path: String
    private let out: OutputWriter
    private var failure: Error?

    /// Throws an I/O error (exit 74) naming the path when the file cannot be created.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 {
            throw Failure(.io, "cannot write the log '\(path)': \(String(cString: strerror(errno)))")
        }
        self.path = path
        out = OutputWriter(fileDescriptor: fd)
    }

    /// Appends one line holding `record` and flushes it.
    public func write(_ record: JSONValue) {
        guard failure == nil else { return }
        out.write(record.jsonText)
        do {
            try out.endLine()
            try out.flush()
        } catch {
            failure = Failure(.io, "cannot write the log '\(path)': \(error)")
        }
    }

    /// Closes the file; throws the first write failure, if any.
    public func close() throws {
        if let failure { throw failure }
        do { try out.close() } catch { throw Failure(.io, "cannot write the log '\(path)': \(error)") }
    }
}

import Diagnostics
import JSONCore
import ModelArchive
import Records
#if canImport(Glibc)
import Glibc
#endif

/// Where the report goes, and the guard that keeps the input file untouched.
enum OutputFiles {
    /// A usage error when `output` names the same file as `input` (the same path, or another
    /// path to the same inode): writing the model would replace the input.
    static func checkDistinct(input: String, output: String) throws {
        var a = stat(), b = stat()
        let same = input == output
            || (stat(input, &a) == 0 && stat(output, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        if same {
            throw Failure(.usage, "-o/--output \(output) is the input model: the input file is never modified, choose another name")
        }
    }

    /// Writes the report as one line of JSON to standard output, or atomically to `path`.
    static func writeReport(_ report: JSONValue, to path: String?) throws {
        var bytes = report.serialized()
        bytes.append(0x0A)
        if let path {
            try AtomicFile.write(bytes, to: path)
        } else {
            let out = OutputWriter()
            bytes.withUnsafeBufferPointer { out.write($0) }
            try out.close()
        }
    }
}

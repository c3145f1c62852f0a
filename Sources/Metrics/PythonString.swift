/// Python `str` operations that sacreBLEU applies to every line, for callers that hold Strings
/// (the hot paths work on bytes through the same code).
public enum PythonString {
    /// `s.lower()` as CPython 3.11 computes it (full mappings, final sigma, Unicode 14.0).
    public static func lowercased(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return "" }
            let out = ByteBuffer(capacity: bytes.count)
            var scalars: [UInt32] = []
            PythonLowercase.lowercase(base, bytes.count, into: out, scalars: &scalars)
            return String(decoding: out.bytes, as: UTF8.self)
        }
    }

    /// `s.rstrip()`: trailing Python whitespace removed.
    public static func rstripped(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return "" }
            let end = PythonText.rstripEnd(base, 0, bytes.count)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        }
    }

    /// `s.strip()`: leading and trailing Python whitespace removed.
    public static func stripped(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return "" }
            let start = PythonText.lstripStart(base, 0, bytes.count)
            let end = PythonText.rstripEnd(base, start, bytes.count)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// `s.split()`: the maximal runs of non-whitespace.
    public static func split(_ s: String) -> [String] {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [] }
            var parts: [String] = []
            PythonText.forEachToken(base, bytes.count) { start, end in
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return parts
        }
    }

    /// Whether a code point is whitespace for `str.split()` and `str.strip()`.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        PythonText.isWhitespace(scalar.value)
    }
}

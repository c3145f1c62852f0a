import JSONCore

/// Python's `str.lower()` on UTF-8 bytes, as CPython 3.11 (Unicode 14.0) computes it, which is
/// what sacreBLEU's `-lc` applies before tokenising.
///
/// CPython lowercases each code point with its full lowercase mapping (UnicodeData plus the
/// unconditional SpecialCasing entries, so U+0130 becomes "i̇") and handles exactly one context:
/// U+03A3 GREEK CAPITAL SIGMA becomes final ς when it follows a cased letter (skipping
/// case-ignorable characters) and is not followed by one (CPython's `handle_capital_sigma`).
/// Swift's `String.lowercased()` always gives σ, so this type does the context itself.
///
/// The mappings and the cased/case-ignorable properties come from the Swift standard library's
/// own Unicode tables (Unicode 16 in Swift 6.3; no ICU), cut back to what CPython 3.11 knows:
/// characters assigned after Unicode 14.0 are unknown to CPython and keep their case, and the two
/// pre-14 characters whose properties changed since (U+0295 was a cased `Ll`, U+1171E a
/// case-ignorable `Mn` in Unicode 14) are special-cased. An exhaustive test compares every code
/// point with CPython.
enum PythonLowercase {
    /// Whether CPython 3.11's Unicode 14.0 tables know the character.
    @inline(__always)
    static func knownToPython(_ properties: Unicode.Scalar.Properties) -> Bool {
        guard let age = properties.age else { return false }
        return age.major < 14 || (age.major == 14 && age.minor == 0)
    }

    /// The full lowercase mapping of one code point other than U+03A3, as CPython 3.11 applies it.
    /// Calls `emit` once per scalar of the mapping.
    @inline(__always)
    static func mapping(of scalar: UInt32, _ emit: (UInt32) -> Void) {
        if scalar < 0x80 {
            emit((scalar &- 0x41) < 26 ? scalar | 0x20 : scalar)
            return
        }
        guard let unicodeScalar = Unicode.Scalar(scalar) else { emit(scalar); return }
        let properties = unicodeScalar.properties
        if properties.changesWhenLowercased && knownToPython(properties) {
            for mapped in properties.lowercaseMapping.unicodeScalars { emit(mapped.value) }
        } else {
            emit(scalar)
        }
    }

    /// CPython's `_PyUnicode_IsCaseIgnorable` for Unicode 14.0.
    static func isCaseIgnorable(_ scalar: UInt32) -> Bool {
        if scalar == 0x1171E { return true }
        guard let unicodeScalar = Unicode.Scalar(scalar) else { return false }
        let properties = unicodeScalar.properties
        return properties.isCaseIgnorable && knownToPython(properties)
    }

    /// CPython's `_PyUnicode_IsCased` for Unicode 14.0.
    static func isCased(_ scalar: UInt32) -> Bool {
        if scalar == 0x295 { return true }
        guard let unicodeScalar = Unicode.Scalar(scalar) else { return false }
        let properties = unicodeScalar.properties
        return properties.isCased && knownToPython(properties)
    }

    /// Whether the capital sigma at `scalars[index]` is word-final in CPython's sense:
    /// `\p{cased}\p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`.
    static func isFinalSigma(_ scalars: UnsafeBufferPointer<UInt32>, at index: Int) -> Bool {
        var j = index - 1
        while j >= 0 && isCaseIgnorable(scalars[j]) { j -= 1 }
        guard j >= 0 && isCased(scalars[j]) else { return false }
        j = index + 1
        while j < scalars.count && isCaseIgnorable(scalars[j]) { j += 1 }
        return j == scalars.count || !isCased(scalars[j])
    }

    /// Writes `str.lower()` of the UTF-8 text `p[0..<count]` into `out` (replacing its contents).
    /// All-ASCII text takes a byte-table path; otherwise the text is decoded once into `scalars`.
    /// O(count).
    static func lowercase(_ p: UnsafePointer<UInt8>, _ count: Int, into out: ByteBuffer,
                          scalars: inout [UInt32]) {
        var ascii = true
        for i in 0..<count where p[i] >= 0x80 { ascii = false; break }
        if ascii {
            out.reserve(count)
            let o = out.base
            for i in 0..<count {
                let b = p[i]
                o[i] = (b &- 0x41) < 26 ? b | 0x20 : b
            }
            out.count = count
            return
        }
        scalars.removeAll(keepingCapacity: true)
        var i = 0
        while i < count {
            let (scalar, length) = ValidUTF8.decode(p, i)
            scalars.append(scalar)
            i += length
        }
        // A lowercase mapping never takes more than three bytes per input byte.
        out.reserve(3 * count + 8)
        var o = 0
        let base = out.base
        scalars.withUnsafeBufferPointer { all in
            for k in 0..<all.count {
                let scalar = all[k]
                if scalar == 0x3A3 {
                    o += ValidUTF8.encode(isFinalSigma(all, at: k) ? 0x3C2 : 0x3C3, base, o)
                } else {
                    mapping(of: scalar) { o += ValidUTF8.encode($0, base, o) }
                }
            }
        }
        out.count = o
    }
}

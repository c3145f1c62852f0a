/// Shortest round-trip decimal text for floating-point values in the layout Python uses.
///
/// The digits come from the standard library's `description`, which prints the shortest digit
/// string that reads back to the same value (and the closest one when several are shortest), the
/// same digits as Python's `repr` (David Gay's `dtoa` mode 0). Only the layout is redone here, after
/// CPython's `format_float_short` for `repr`: positional notation when the decimal exponent `e`
/// (value = d.ddd × 10^e) satisfies -4 ≤ e < 16, always with a fractional part (`100.0`);
/// otherwise `d.ddde±XX` with at least two exponent digits (`1e-05`, `1e+16`).
enum ShortestDecimal {
    static func pythonRepr(_ value: Double) -> String {
        let text = value.description
        // Positional text from the standard library (it switches to exponents sooner than
        // Python, never later) already is Python's: the same digits, the same `.0`.
        if !text.utf8.contains(UInt8(ascii: "e")) { return text }
        return layout(text)
    }

    static func pythonRepr(_ value: Float) -> String {
        layout(value.description)
    }

    /// Re-lays out a finite `description` (`-1.25e-07`, `1234.5`, `0.0001`) Python's way.
    private static func layout(_ swiftText: String) -> String {
        var negative = false
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var pointSeen = false
        var digitsBeforePoint = 0
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in swiftText.utf8 {
            switch byte {
            case UInt8(ascii: "-") where !inExponent: negative = true
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): pointSeen = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default:
                let d = Int(byte) - 0x30
                if inExponent {
                    exponent = exponent * 10 + d
                } else {
                    digits.append(byte)
                    if !pointSeen { digitsBeforePoint += 1 }
                }
            }
        }
        if exponentNegative { exponent = -exponent }
        // value = 0.d1d2d3… × 10^decimalPoint once leading zeros are stripped.
        var decimalPoint = digitsBeforePoint + exponent
        var first = 0
        while first < digits.count && digits[first] == UInt8(ascii: "0") {
            first += 1
            decimalPoint -= 1
        }
        var last = digits.count
        while last > first && digits[last - 1] == UInt8(ascii: "0") { last -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        if negative { out.append(UInt8(ascii: "-")) }
        if first == last {
            out.append(contentsOf: "0.0".utf8)
            return String(decoding: out, as: UTF8.self)
        }
        let significant = digits[first..<last]
        let n = significant.count
        if decimalPoint > -4 && decimalPoint <= 16 {
            if decimalPoint <= 0 {
                out.append(contentsOf: "0.".utf8)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
                out.append(contentsOf: significant)
            } else if decimalPoint >= n {
                out.append(contentsOf: significant)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - n))
                out.append(contentsOf: ".0".utf8)
            } else {
                out.append(contentsOf: significant.prefix(decimalPoint))
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: significant.dropFirst(decimalPoint))
            }
        } else {
            out.append(significant.first!)
            if n > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: significant.dropFirst())
            }
            let e = decimalPoint - 1
            out.append(UInt8(ascii: "e"))
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = Array(String(abs(e)).utf8)
            if magnitude.count < 2 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: magnitude)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

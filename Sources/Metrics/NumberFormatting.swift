#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `f"{x:.{decimals}f}"`: the exact binary value rounded half-to-even to `decimals` places.
/// CPython and glibc's `printf` both round the exact value correctly, so they agree digit for
/// digit.
public func formatFixed(_ x: Double, decimals: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    let written = withVaList([Int32(decimals), x]) { arguments in
        vsnprintf(&buffer, buffer.count, "%.*f", arguments)
    }
    if Int(written) >= buffer.count {
        buffer = [CChar](repeating: 0, count: Int(written) + 1)
        _ = withVaList([Int32(decimals), x]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Python's `repr(float)`: the shortest digits that round-trip, in positional notation for
/// decimal exponents −4 ≤ e < 16 (always with a fractional part) and scientific otherwise
/// (`1e-05`, `1e+16`).
public func pythonFloatRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description also gives the shortest round-trip digits; re-lay them out.
    let text = "\(abs(x))"
    var mantissa = Substring(text), exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...])!
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    var pointPosition = parts[0].count + exponent
    while digits.count > 1 && digits.first == "0" {
        digits.removeFirst()
        pointPosition -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }
    let decimalExponent = pointPosition - 1
    let sign = x < 0 ? "-" : ""
    if decimalExponent < -4 || decimalExponent >= 16 {
        var body = String(digits.first!)
        if digits.count > 1 { body += "." + digits.dropFirst() }
        let exponentSign = decimalExponent < 0 ? "-" : "+"
        let magnitude = abs(decimalExponent)
        return sign + body + "e" + exponentSign + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
    if pointPosition <= 0 {
        return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
    }
    if pointPosition >= digits.count {
        return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
    }
    let split = digits.index(digits.startIndex, offsetBy: pointPosition)
    return sign + digits[..<split] + "." + digits[split...]
}

/// A JSON string literal as Python's `json.dumps(..., ensure_ascii=False)` writes it.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

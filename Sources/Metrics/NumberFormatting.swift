import JSONCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `f"{x:.{decimals}f}"`: the exact binary value rounded half-to-even to `decimals` places.
/// CPython and glibc's `printf` both round the exact value correctly, so they agree digit for
/// digit. Values whose scaled magnitude stays below 4·10¹⁸, with up to 9 decimals, take an exact
/// integer path (the common case: scores, precisions, ratios); the rest goes through `vsnprintf`.
public func formatFixed(_ x: Double, decimals: Int) -> String {
    if let units = fixedUnits(x, decimals: decimals) {
        var out: [UInt8] = []
        appendFixedDigits(units, negative: x.sign == .minus, decimals: decimals, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
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

/// |x|·10ᵈ rounded half to even, for x = m·2ᵉ exactly: round(m·10ᵈ·2ᵉ) in 128-bit integer
/// arithmetic; nil outside the range where that fits.
@inline(__always)
func fixedUnits(_ x: Double, decimals: Int) -> UInt64? {
    guard x.isFinite, decimals >= 0, decimals <= 9 else { return nil }
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale *= 10 }
    // The scaled value must fit in 63 bits.
    guard abs(x) * Double(scale) < 4e18 else { return nil }
    let magnitude = abs(x)
    var units: UInt64
    if magnitude == 0 {
        units = 0
    } else {
        let exponentBits = Int(magnitude.exponentBitPattern)
        let mantissa = exponentBits == 0 ? magnitude.significandBitPattern : magnitude.significandBitPattern | (1 << 52)
        let exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075
        let product = UInt128(mantissa) * UInt128(scale)
        if exponent >= 0 {
            // An integer below 2⁵³ scaled by at most 10⁹: fits in 64 bits.
            units = UInt64(product << UInt128(exponent))
        } else if -exponent >= 128 {
            units = 0  // below 2⁻⁴⁴·2⁸³: far under one half unit
        } else {
            let shift = UInt128(-exponent)
            let quotient = product >> shift
            let remainder = product & ((1 << shift) - 1)
            let half = UInt128(1) << (shift - 1)
            units = UInt64(quotient)
            if remainder > half || (remainder == half && units & 1 == 1) { units += 1 }
        }
    }
    return units
}

/// Appends `units / 10^decimals` in fixed notation (at least one integer digit).
@inline(__always)
func appendFixedDigits(_ units: UInt64, negative: Bool, decimals: Int, to out: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
        var count = 0
        var rest = units
        repeat {
            digits[count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
            rest /= 10
            count += 1
        } while rest > 0 || count <= decimals
        if negative { out.append(0x2D) }
        for k in stride(from: count - 1, through: 0, by: -1) {
            if k == decimals - 1 { out.append(0x2E) }
            out.append(digits[k])
        }
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, in positional notation for
/// decimal exponents −4 ≤ e < 16 (always with a fractional part) and scientific otherwise
/// (`1e-05`, `1e+16`).
public func pythonFloatRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return JSONNumber(x)!.text
}

/// A JSON string literal as Python's `json.dumps(..., ensure_ascii=False)` writes it.
public func jsonString(_ s: String) -> String {
    var out: [UInt8] = []
    JSONString.appendEscaped(s, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Floating-point arithmetic as sacreBLEU's significance code performs it through NumPy 2 and
/// Python, so that resampled scores, means and intervals come out bit-identical.
///
/// Three facts matter. (1) Bootstrap statistics are NumPy `float32` arrays, and under NumPy 2's
/// promotion rules (NEP 50) a Python float or int meeting a `float32` is converted to `float32`
/// and the operation is done in `float32`; so BLEU's precisions and all of chrF's arithmetic on
/// resampled statistics happen in single precision (`NumPyValue`). (2) `ndarray.mean()` sums
/// with NumPy's pairwise summation and divides once (`numpyMean`). (3) Python's
/// `statistics.mean` is the exactly rounded mean (`exactMean`).
enum NumPyValue {
    /// A Python `float` (or `int`), i.e. a double.
    case python(Double)
    /// A NumPy `float32` scalar.
    case float32(Float)

    /// The value as a double (exact for both cases).
    var double: Double {
        switch self {
        case .python(let x): return x
        case .float32(let x): return Double(x)
        }
    }

    @inline(__always)
    private static func apply(_ a: NumPyValue, _ b: NumPyValue, _ double: (Double, Double) -> Double,
                              _ single: (Float, Float) -> Float) -> NumPyValue {
        switch (a, b) {
        case let (.python(x), .python(y)): return .python(double(x, y))
        case let (.float32(x), .float32(y)): return .float32(single(x, y))
        case let (.python(x), .float32(y)): return .float32(single(Float(x), y))
        case let (.float32(x), .python(y)): return .float32(single(x, Float(y)))
        }
    }

    static func + (a: NumPyValue, b: NumPyValue) -> NumPyValue { apply(a, b, +, +) }
    static func - (a: NumPyValue, b: NumPyValue) -> NumPyValue { apply(a, b, -, -) }
    static func * (a: NumPyValue, b: NumPyValue) -> NumPyValue { apply(a, b, *, *) }
    static func / (a: NumPyValue, b: NumPyValue) -> NumPyValue { apply(a, b, /, /) }

    /// `a > b` after NEP 50 promotion.
    static func > (a: NumPyValue, b: NumPyValue) -> Bool {
        switch (a, b) {
        case let (.python(x), .python(y)): return x > y
        case let (.float32(x), .float32(y)): return x > y
        case let (.python(x), .float32(y)): return Float(x) > y
        case let (.float32(x), .python(y)): return x > Float(y)
        }
    }

    var isZero: Bool { double == 0 }
}

/// NumPy's `pairwise_sum` (numpy/_core/src/umath/loops_utils.h), for `float64` and for
/// `float32` (accumulating in single precision, as NumPy does): blocks of up to
/// 128 summed with eight accumulators, longer runs split in halves rounded to multiples of 8.
/// `ndarray.sum()` adds the result to an initial 0.
func numpyPairwiseSum<Value: BinaryFloatingPoint>(_ a: UnsafeBufferPointer<Value>) -> Value {
    let n = a.count
    if n < 8 {
        var result: Value = 0
        for x in a { result += x }
        return result
    }
    if n <= 128 {
        var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
        var i = 8
        while i < n - n % 8 {
            r.0 += a[i]; r.1 += a[i + 1]; r.2 += a[i + 2]; r.3 += a[i + 3]
            r.4 += a[i + 4]; r.5 += a[i + 5]; r.6 += a[i + 6]; r.7 += a[i + 7]
            i += 8
        }
        var result = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
        while i < n { result += a[i]; i += 1 }
        return result
    }
    var half = n / 2
    half -= half % 8
    return numpyPairwiseSum(UnsafeBufferPointer(rebasing: a[0..<half]))
        + numpyPairwiseSum(UnsafeBufferPointer(rebasing: a[half...]))
}

/// `np.array(values, dtype=float64).mean()`.
func numpyMean(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "mean of no values")
    return values.withUnsafeBufferPointer { (0.0 + numpyPairwiseSum($0)) / Double($0.count) }
}

/// `np.array(values, dtype=float32).mean()`: single-precision sum and division.
func numpyMean(_ values: [Float]) -> Float {
    precondition(!values.isEmpty, "mean of no values")
    return values.withUnsafeBufferPointer { (0 + numpyPairwiseSum($0)) / Float($0.count) }
}

/// Python's `statistics.mean` of doubles: the exact rational mean, correctly rounded
/// (round half to even) to the nearest double. Values are summed exactly in a fixed-point
/// integer with 2⁻¹⁰⁷⁴ as its unit. O(values × limbs).
func exactMean(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "mean of no values")
    var positive = BigNatural(), negative = BigNatural()
    for x in values {
        precondition(x.isFinite, "mean of a non-finite value")
        if x == 0 { continue }
        let exponentBits = Int(x.exponentBitPattern)
        let mantissa = exponentBits == 0 ? x.significandBitPattern : x.significandBitPattern | (1 << 52)
        let shift = exponentBits == 0 ? 0 : exponentBits - 1
        if x < 0 { negative.add(mantissa, shiftedBy: shift) } else { positive.add(mantissa, shiftedBy: shift) }
    }
    let negativeResult = positive < negative
    var total = negativeResult ? negative : positive
    total.subtract(negativeResult ? positive : negative)
    let remainder = total.divide(by: UInt64(values.count))
    // total is now floor(S / n); keep 53 significant bits and round the rest half to even.
    let shift = max(total.bitWidth - 53, 0)
    var quotient = total.bits(below: shift + 64, from: shift)
    let roundUp: Bool
    if shift == 0 {
        let twice = remainder.multipliedFullWidth(by: 2)
        let n = UInt64(values.count)
        if twice.high > 0 || twice.low > n { roundUp = true }
        else if twice.low == n { roundUp = quotient & 1 == 1 }
        else { roundUp = false }
    } else {
        let halfBit = total.bit(shift - 1)
        let below = total.anyBit(below: shift - 1) || remainder != 0
        roundUp = halfBit && (below || quotient & 1 == 1)
    }
    if roundUp { quotient += 1 }
    let magnitude = Double(sign: .plus, exponent: shift - 1074, significand: Double(quotient))
    return negativeResult ? -magnitude : magnitude
}

/// A non-negative integer in 64-bit limbs (least significant first), just enough for
/// `exactMean`.
struct BigNatural: Comparable {
    private(set) var limbs: [UInt64] = []

    mutating func add(_ value: UInt64, shiftedBy shift: Int) {
        let index = shift / 64, offset = UInt64(shift % 64)
        let low = value << offset
        let high = offset == 0 ? 0 : value >> (64 - offset)
        if limbs.count < index + 3 { limbs += [UInt64](repeating: 0, count: index + 3 - limbs.count) }
        var carry: UInt64 = 0
        var i = index
        for part in [low, high] {
            let (s1, c1) = limbs[i].addingReportingOverflow(part)
            let (s2, c2) = s1.addingReportingOverflow(carry)
            limbs[i] = s2
            carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
            i += 1
        }
        while carry != 0 {
            if i == limbs.count { limbs.append(0) }
            let (s, c) = limbs[i].addingReportingOverflow(carry)
            limbs[i] = s
            carry = c ? 1 : 0
            i += 1
        }
    }

    /// self −= other, for other ≤ self.
    mutating func subtract(_ other: BigNatural) {
        var borrow: UInt64 = 0
        for i in 0..<limbs.count {
            let part = i < other.limbs.count ? other.limbs[i] : 0
            let (d1, b1) = limbs[i].subtractingReportingOverflow(part)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            limbs[i] = d2
            borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
        }
    }

    /// self ← floor(self / divisor); returns the remainder.
    mutating func divide(by divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        for i in stride(from: limbs.count - 1, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((remainder, limbs[i]))
            limbs[i] = q
            remainder = r
        }
        return remainder
    }

    var bitWidth: Int {
        for i in stride(from: limbs.count - 1, through: 0, by: -1) where limbs[i] != 0 {
            return 64 * i + (64 - limbs[i].leadingZeroBitCount)
        }
        return 0
    }

    func bit(_ k: Int) -> Bool {
        let i = k / 64
        return i < limbs.count && (limbs[i] >> UInt64(k % 64)) & 1 == 1
    }

    func anyBit(below k: Int) -> Bool {
        guard k > 0 else { return false }
        for j in 0..<k where bit(j) { return true }
        return false
    }

    /// The bits [from, end) as an integer (end − from ≤ 64).
    func bits(below end: Int, from start: Int) -> UInt64 {
        var value: UInt64 = 0
        for k in stride(from: end - 1, through: start, by: -1) {
            value = (value << 1) | (bit(k) ? 1 : 0)
        }
        return value
    }

    static func < (a: BigNatural, b: BigNatural) -> Bool {
        let n = max(a.limbs.count, b.limbs.count)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let x = i < a.limbs.count ? a.limbs[i] : 0
            let y = i < b.limbs.count ? b.limbs[i] : 0
            if x != y { return x < y }
        }
        return false
    }
}

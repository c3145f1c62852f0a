/// The parts of `numpy.random.Generator` that sacreBLEU's significance tests call, bit-exact for a
/// PCG64 bit generator (numpy/random/_generator.pyx, _bounded_integers.pyx and
/// src/distributions/distributions.c of NumPy 2.x):
///
/// - `integers(0, n, size, dtype=np.int64)` and `choice(n, size, replace=True)` (which NumPy
///   implements with the same call): Lemire's nearly-divisionless bounded integers, drawing 32-bit
///   words while the range fits in 32 bits and 64-bit words otherwise;
/// - `integers(2, size, dtype=bool)`: one 32-bit word yields 32 booleans, least significant bit
///   first, through a buffer that lives for one call.
///
/// Every method consumes the stream exactly as the NumPy call with the same arguments would, so
/// a sequence of calls reproduces a sequence of NumPy calls. `np.random.default_rng(seed)` is
/// `NumPyGenerator(seed: seed)`.
public struct NumPyGenerator: Sendable {
    /// The underlying bit generator.
    public var bitGenerator: PCG64

    public init(bitGenerator: PCG64) {
        self.bitGenerator = bitGenerator
    }

    /// `np.random.default_rng(seed)`.
    public init(seed: UInt64) {
        self.bitGenerator = PCG64(seed: seed)
    }

    /// `np.random.default_rng(None)`: seeded from the operating system's entropy.
    public static func fromSystemEntropy() -> NumPyGenerator {
        NumPyGenerator(bitGenerator: PCG64(seedSequence: .fromSystemEntropy()))
    }

    /// One draw of `integers(0, upperBound)` (exclusive bound, `upperBound ≥ 1`): NumPy's
    /// `random_bounded_uint64_fill` element for `rng = upperBound − 1`; a range of exactly 2³²
    /// values takes one raw 32-bit word, as NumPy does.
    @inline(__always)
    public mutating func nextInteger(below upperBound: UInt64) -> UInt64 {
        precondition(upperBound >= 1, "integers: high must be greater than low")
        let range = upperBound - 1
        if range == 0 { return 0 }
        if range == 0xFFFF_FFFF { return UInt64(bitGenerator.next32()) }
        if range < 0xFFFF_FFFF {
            return UInt64(lemire32(range: UInt32(range)))
        }
        if range == UInt64.max { return bitGenerator.next() }
        return lemire64(range: range)
    }

    /// `integers(0, upperBound, size=count, dtype=np.int64)`, also `choice(upperBound, size=count)`.
    /// Complexity: O(count).
    public mutating func integers(below upperBound: Int, count: Int) -> [Int] {
        var out = [Int](repeating: 0, count: count)
        fillIntegers(below: upperBound, into: &out)
        return out
    }

    /// Fills `buffer` as `integers(0, upperBound, size=buffer.count, dtype=np.int64)` would, so
    /// that one large NumPy call can be replayed in pieces without holding all of it.
    public mutating func fillIntegers(below upperBound: Int, into buffer: inout [Int]) {
        let bound = UInt64(upperBound)
        for i in buffer.indices { buffer[i] = Int(nextInteger(below: bound)) }
    }

    /// `choice(populationSize, size=count, replace=True)` with uniform probabilities.
    public mutating func choice(populationSize: Int, count: Int) -> [Int] {
        integers(below: populationSize, count: count)
    }

    /// A stream of booleans as `integers(2, size=n, dtype=bool)` draws them. Draw the whole
    /// NumPy call's elements from one stream, in order (row-major for a 2-D size).
    public struct BooleanStream {
        private var buffer: UInt32 = 0
        private var remaining = 0

        public init() {}

        /// The next boolean of the call (NumPy's `buffered_bounded_bool`).
        @inline(__always)
        public mutating func next(using generator: inout NumPyGenerator) -> Bool {
            if remaining == 0 {
                buffer = generator.bitGenerator.next32()
                remaining = 31
            } else {
                buffer >>= 1
                remaining -= 1
            }
            return buffer & 1 != 0
        }
    }

    /// `integers(2, size=count, dtype=bool)` in one call.
    public mutating func booleans(count: Int) -> [Bool] {
        var stream = BooleanStream()
        var out = [Bool](repeating: false, count: count)
        for i in 0..<count { out[i] = stream.next(using: &self) }
        return out
    }

    /// Lemire's bounded 32-bit draw in [0, range] (NumPy's `buffered_bounded_lemire_uint32`).
    @inline(__always)
    private mutating func lemire32(range: UInt32) -> UInt32 {
        let exclusive = range &+ 1
        var m = UInt64(bitGenerator.next32()) &* UInt64(exclusive)
        var leftover = UInt32(truncatingIfNeeded: m)
        if leftover < exclusive {
            let threshold = (UInt32.max &- range) % exclusive
            while leftover < threshold {
                m = UInt64(bitGenerator.next32()) &* UInt64(exclusive)
                leftover = UInt32(truncatingIfNeeded: m)
            }
        }
        return UInt32(truncatingIfNeeded: m >> 32)
    }

    /// Lemire's bounded 64-bit draw in [0, range] (NumPy's `bounded_lemire_uint64`).
    private mutating func lemire64(range: UInt64) -> UInt64 {
        let exclusive = range &+ 1
        var m = bitGenerator.next().multipliedFullWidth(by: exclusive)
        if m.low < exclusive {
            let threshold = (UInt64.max &- range) % exclusive
            while m.low < threshold {
                m = bitGenerator.next().multipliedFullWidth(by: exclusive)
            }
        }
        return m.high
    }
}

/// The PCG64 bit generator exactly as NumPy implements it (numpy/random/src/pcg64): a 128-bit
/// linear congruential state advanced as `state = state × M + inc` and the XSL-RR output
/// function `rotr64(high ^ low, high >> 58)` applied to the advanced state.
///
/// NumPy's 32-bit draws (`next_uint32`) split one 64-bit output in two, low half first, and keep
/// the high half for the next 32-bit draw; that buffer is part of the state here too, so streams
/// that mix 32- and 64-bit draws stay in step with NumPy.
public struct PCG64: RandomNumberGenerator, Sendable, Equatable {
    /// The 128-bit LCG state as (high, low) 64-bit halves.
    public private(set) var state: (high: UInt64, low: UInt64)
    /// The odd 128-bit increment as (high, low) halves.
    public let increment: (high: UInt64, low: UInt64)
    private var hasBufferedHalf = false
    private var bufferedHalf: UInt32 = 0

    private static let multiplierHigh: UInt64 = 0x2360_ed05_1fc6_5da4
    private static let multiplierLow: UInt64 = 0x4385_df64_9fcc_f645

    public static func == (a: PCG64, b: PCG64) -> Bool {
        a.state == b.state && a.increment == b.increment
            && a.hasBufferedHalf == b.hasBufferedHalf && a.bufferedHalf == b.bufferedHalf
    }

    /// NumPy's `pcg64_set_seed`: `pcg_setseq_128_srandom_r(initState, initSequence)`.
    public init(initState: (high: UInt64, low: UInt64), initSequence: (high: UInt64, low: UInt64)) {
        increment = ((initSequence.high << 1) | (initSequence.low >> 63), (initSequence.low << 1) | 1)
        state = (0, 0)
        step()
        let (low, carry) = state.low.addingReportingOverflow(initState.low)
        state = (state.high &+ initState.high &+ (carry ? 1 : 0), low)
        step()
    }

    /// A generator continuing from a saved `state` and `increment` (as read from another
    /// generator's properties, e.g. in a checkpoint) with no buffered 32-bit half. The increment
    /// must be odd.
    public init(state: (high: UInt64, low: UInt64), increment: (high: UInt64, low: UInt64)) {
        precondition(increment.low & 1 == 1, "a PCG64 increment is odd")
        self.state = state
        self.increment = increment
    }

    /// `PCG64(seedSequence)`: four 64-bit state words from the sequence give the initial state
    /// (words 0, 1 as high, low) and the stream selector (words 2, 3).
    public init(seedSequence: SeedSequence) {
        let words = seedSequence.generateState64(count: 4)
        self.init(initState: (words[0], words[1]), initSequence: (words[2], words[3]))
    }

    /// `PCG64(seed)`, the bit generator behind `np.random.default_rng(seed)`.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed))
    }

    /// One LCG step: state ← state × M + inc (mod 2¹²⁸).
    @inline(__always)
    private mutating func step() {
        let product = state.low.multipliedFullWidth(by: PCG64.multiplierLow)
        let high = product.high &+ state.high &* PCG64.multiplierLow &+ state.low &* PCG64.multiplierHigh
        let (low, carry) = product.low.addingReportingOverflow(increment.low)
        state = (high &+ increment.high &+ (carry ? 1 : 0), low)
    }

    /// The next 64-bit output (NumPy's `next_uint64`, i.e. `bit_generator.random_raw()`).
    @inline(__always)
    public mutating func next() -> UInt64 {
        step()
        let xored = state.high ^ state.low
        let rotation = state.high >> 58
        return (xored >> rotation) | (xored << ((64 &- rotation) & 63))
    }

    /// The next 32-bit output (NumPy's `pcg64_next32`): the low half of a fresh 64-bit output,
    /// or the buffered high half of the previous one.
    @inline(__always)
    public mutating func next32() -> UInt32 {
        if hasBufferedHalf {
            hasBufferedHalf = false
            return bufferedHalf
        }
        let value = next()
        hasBufferedHalf = true
        bufferedHalf = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }
}

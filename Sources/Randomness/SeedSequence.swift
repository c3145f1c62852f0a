/// NumPy's `SeedSequence`: turns a user seed into well-mixed state words for bit generators.
///
/// This is a bit-exact replica of `numpy.random.SeedSequence` (numpy/random/bit_generator.pyx,
/// itself after Melissa O'Neill's `seed_seq` design): the entropy (a non-negative integer split
/// into little-endian 32-bit words) and the optional spawn key are hashed into a pool of
/// `poolSize` 32-bit words with `hashmix`/`mix`, and `generateState` stretches the pool into as
/// many words as a bit generator needs. `np.random.default_rng(12345)` is
/// `PCG64(SeedSequence(12345))`, which is how sacreBLEU seeds its significance tests.
///
/// All arithmetic is modulo 2³², as in NumPy's `uint32_t` code.
public struct SeedSequence: Sendable, Equatable {
    /// The entropy as little-endian 32-bit words (NumPy's `_coerce_to_uint32_array(entropy)`).
    public let entropy: [UInt32]
    /// The spawn key: the child indices leading from the root sequence to this one.
    public let spawnKey: [UInt32]
    /// The number of 32-bit words in the pool (NumPy's default is 4).
    public let poolSize: Int
    /// The mixed pool the state words are generated from.
    public private(set) var pool: [UInt32]
    /// How many children `spawn` has handed out so far.
    public private(set) var childrenSpawned: Int = 0

    private static let initA: UInt32 = 0x43b0_d7e5
    private static let multA: UInt32 = 0x931e_8875
    private static let initB: UInt32 = 0x8b51_f9dd
    private static let multB: UInt32 = 0x58f3_8ded
    private static let mixMultL: UInt32 = 0xca01_f9dd
    private static let mixMultR: UInt32 = 0x4973_f715
    private static let xshift: UInt32 = 16

    /// A sequence seeded with a non-negative integer, as `SeedSequence(seed)` in NumPy.
    public init(_ seed: UInt64, spawnKey: [UInt32] = [], poolSize: Int = 4) {
        self.init(entropyWords: SeedSequence.words(of: seed), spawnKey: spawnKey, poolSize: poolSize)
    }

    /// A sequence seeded with an arbitrary-precision non-negative integer given as little-endian
    /// 32-bit words (an empty array means 0), as NumPy does for Python integers.
    public init(entropyWords: [UInt32], spawnKey: [UInt32] = [], poolSize: Int = 4) {
        precondition(poolSize >= 4, "SeedSequence pool size must be at least 4")
        self.entropy = entropyWords.isEmpty ? [0] : entropyWords
        self.spawnKey = spawnKey
        self.poolSize = poolSize
        self.pool = [UInt32](repeating: 0, count: poolSize)
        mixEntropy()
    }

    /// A sequence seeded from the operating system's entropy (NumPy's `SeedSequence()` with no
    /// seed draws 128 random bits).
    public static func fromSystemEntropy() -> SeedSequence {
        var system = SystemRandomNumberGenerator()
        let words = (0..<4).map { _ in UInt32(truncatingIfNeeded: system.next()) }
        return SeedSequence(entropyWords: words)
    }

    /// The little-endian 32-bit words of `value` (NumPy's `_int_to_uint32_array`).
    static func words(of value: UInt64) -> [UInt32] {
        if value == 0 { return [0] }
        var words: [UInt32] = []
        var rest = value
        while rest > 0 {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        return words
    }

    private static func hashmix(_ value: UInt32, _ hashConst: inout UInt32) -> UInt32 {
        var value = value ^ hashConst
        hashConst = hashConst &* multA
        value = value &* hashConst
        value ^= value >> xshift
        return value
    }

    private static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var result = (mixMultL &* x) &- (mixMultR &* y)
        result ^= result >> xshift
        return result
    }

    /// NumPy's `get_assembled_entropy`: the entropy words, zero-padded to the pool size when a
    /// spawn key follows (NumPy ≥ 1.19), then the spawn key.
    private var assembledEntropy: [UInt32] {
        var run = entropy
        if !spawnKey.isEmpty && run.count < poolSize {
            run += [UInt32](repeating: 0, count: poolSize - run.count)
        }
        return run + spawnKey
    }

    private mutating func mixEntropy() {
        let source = assembledEntropy
        var hashConst = SeedSequence.initA
        for i in 0..<poolSize {
            pool[i] = SeedSequence.hashmix(i < source.count ? source[i] : 0, &hashConst)
        }
        for src in 0..<poolSize {
            for dst in 0..<poolSize where src != dst {
                pool[dst] = SeedSequence.mix(pool[dst], SeedSequence.hashmix(pool[src], &hashConst))
            }
        }
        if source.count > poolSize {
            for src in poolSize..<source.count {
                for dst in 0..<poolSize {
                    pool[dst] = SeedSequence.mix(pool[dst], SeedSequence.hashmix(source[src], &hashConst))
                }
            }
        }
    }

    /// `generate_state(count, np.uint32)`: `count` state words cycled out of the pool.
    public func generateState32(count: Int) -> [UInt32] {
        var hashConst = SeedSequence.initB
        var out = [UInt32](repeating: 0, count: count)
        for i in 0..<count {
            var value = pool[i % poolSize] ^ hashConst
            hashConst = hashConst &* SeedSequence.multB
            value = value &* hashConst
            value ^= value >> SeedSequence.xshift
            out[i] = value
        }
        return out
    }

    /// `generate_state(count, np.uint64)`: pairs of 32-bit words read as little-endian 64-bit words.
    public func generateState64(count: Int) -> [UInt64] {
        let words = generateState32(count: 2 * count)
        return (0..<count).map { UInt64(words[2 * $0]) | (UInt64(words[2 * $0 + 1]) << 32) }
    }

    /// `spawn(count)`: independent child sequences whose spawn keys extend this one's by the
    /// child index, for per-thread or per-shard streams.
    public mutating func spawn(_ count: Int) -> [SeedSequence] {
        let first = childrenSpawned
        childrenSpawned += count
        return (first..<(first + count)).map {
            SeedSequence(entropyWords: entropy, spawnKey: spawnKey + [UInt32($0)], poolSize: poolSize)
        }
    }
}

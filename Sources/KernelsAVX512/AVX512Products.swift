import CCPUFeatures

/// Small single-precision matrix products compiled for x86-64-v4 (AVX-512: one 16-float register
/// per `SIMD16<Float>`, 32 registers, fused multiply-add), for the per-step recurrent products of
/// the recurrent layers: C (m × n) ← A·B (+ C) with m a batch (tens of rows), k and n a few hundred.
/// OpenBLAS copies ("packs") both operands into its own layout on every call, which for these
/// shapes costs a large share of the product (a profile of the character-level LSTM: 18 % of the
/// run in packing); here B is read in place, row-major k × n, so a caller that keeps its weights
/// in that layout pays no copy at all.
///
/// Register tiles of 6 rows × 64 columns (24 accumulators, 4 loads of B and 6 broadcasts of A per
/// step of k), then 6 × 16, 6 × 8 and single columns for the last n mod 8 (the PTB model's
/// H = 200 ends in 8), with single rows for the last m mod 6. Each entry is
/// c = Σ_p a[i,p]·b[p,j] summed in order p = 0, 1, … with fused multiply-adds (one rounding per
/// term), plus the old c last when accumulating: the same sum as any BLAS up to reassociation.
///
/// Package.swift gives this module alone `-target-cpu skylake-avx512`; callers check
/// `isSupported` (cpuid: the AVX-512 F/DQ/BW/VL set and its register state) and otherwise use BLAS.
public enum AVX512Products {
    /// Whether this processor and operating system run this module's code.
    public static let isSupported: Bool = nlpipe_cpu_has_avx512_skylakex() == 1

    /// Whether `multiply` takes this shape (no dimension empty).
    @inlinable
    public static func accepts(m: Int, n: Int, k: Int) -> Bool { m >= 1 && n >= 1 && k >= 1 }

    /// C ← A·B (+ C when `accumulate`): A m × k (row stride `lda`), B k × n (row stride `ldb`),
    /// C m × n (row stride `ldc`), all row-major. Needs `accepts(m:n:k:)` and `isSupported`.
    /// O(m·n·k).
    public static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool) {
        precondition(accepts(m: m, n: n, k: k), "AVX512Products: shape \(m)×\(n)×\(k)")
        var j = 0
        while j < n {
            let width = n - j >= 64 ? 64 : n - j >= 16 ? 16 : n - j >= 8 ? 8 : 1
            var i = 0
            while i + 6 <= m {
                let (ai, ci) = (a + i * lda, c + i * ldc + j)
                switch width {
                case 64: Tile.wide6(ai, lda: lda, b + j, ldb: ldb, k: k, ci, ldc: ldc, accumulate: accumulate)
                case 16: Tile.narrow6(ai, lda: lda, b + j, ldb: ldb, k: k, ci, ldc: ldc, accumulate: accumulate)
                case 8: Tile.half6(ai, lda: lda, b + j, ldb: ldb, k: k, ci, ldc: ldc, accumulate: accumulate)
                default: Tile.column6(ai, lda: lda, b + j, ldb: ldb, k: k, ci, ldc: ldc, accumulate: accumulate)
                }
                i += 6
            }
            while i < m {
                let (ai, ci) = (a + i * lda, c + i * ldc + j)
                switch width {
                case 64: Tile.wide1(ai, b + j, ldb: ldb, k: k, ci, accumulate: accumulate)
                case 16: Tile.narrow1(ai, b + j, ldb: ldb, k: k, ci, accumulate: accumulate)
                case 8: Tile.half1(ai, b + j, ldb: ldb, k: k, ci, accumulate: accumulate)
                default: Tile.column1(ai, b + j, ldb: ldb, k: k, ci, accumulate: accumulate)
                }
                i += 1
            }
            j += width
        }
    }
}

/// The register tiles of `AVX512Products.multiply`.
enum Tile {
    typealias Lanes = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(p)
        raw.storeBytes(of: accumulate ? v + raw.loadUnaligned(as: Lanes.self) : v, as: Lanes.self)
    }

    /// One row's 64 accumulators.
    struct Row {
        var x0 = Lanes(), x1 = Lanes(), x2 = Lanes(), x3 = Lanes()

        @inline(__always)
        mutating func add(_ a: Float, _ b0: Lanes, _ b1: Lanes, _ b2: Lanes, _ b3: Lanes) {
            let s = Lanes(repeating: a)
            x0 = x0.addingProduct(s, b0)
            x1 = x1.addingProduct(s, b1)
            x2 = x2.addingProduct(s, b2)
            x3 = x3.addingProduct(s, b3)
        }

        @inline(__always)
        func store(_ c: UnsafeMutablePointer<Float>, accumulate: Bool) {
            Tile.store(x0, c, accumulate: accumulate)
            Tile.store(x1, c + 16, accumulate: accumulate)
            Tile.store(x2, c + 32, accumulate: accumulate)
            Tile.store(x3, c + 48, accumulate: accumulate)
        }
    }

    /// Rows 0..<6 × columns 0..<64 of C.
    static func wide6(_ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                      _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        var r0 = Row(), r1 = Row(), r2 = Row(), r3 = Row(), r4 = Row(), r5 = Row()
        for p in 0..<k {
            let row = b + p * ldb
            let b0 = load(row), b1 = load(row + 16), b2 = load(row + 32), b3 = load(row + 48)
            r0.add(a[p], b0, b1, b2, b3)
            r1.add(a[lda + p], b0, b1, b2, b3)
            r2.add(a[2 * lda + p], b0, b1, b2, b3)
            r3.add(a[3 * lda + p], b0, b1, b2, b3)
            r4.add(a[4 * lda + p], b0, b1, b2, b3)
            r5.add(a[5 * lda + p], b0, b1, b2, b3)
        }
        r0.store(c, accumulate: accumulate)
        r1.store(c + ldc, accumulate: accumulate)
        r2.store(c + 2 * ldc, accumulate: accumulate)
        r3.store(c + 3 * ldc, accumulate: accumulate)
        r4.store(c + 4 * ldc, accumulate: accumulate)
        r5.store(c + 5 * ldc, accumulate: accumulate)
    }

    /// One row × columns 0..<64 of C.
    static func wide1(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                      _ c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        var r = Row()
        for p in 0..<k {
            let row = b + p * ldb
            r.add(a[p], load(row), load(row + 16), load(row + 32), load(row + 48))
        }
        r.store(c, accumulate: accumulate)
    }

    /// Rows 0..<6 × columns 0..<16 of C.
    static func narrow6(_ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        var x0 = Lanes(), x1 = Lanes(), x2 = Lanes(), x3 = Lanes(), x4 = Lanes(), x5 = Lanes()
        for p in 0..<k {
            let v = load(b + p * ldb)
            x0 = x0.addingProduct(Lanes(repeating: a[p]), v)
            x1 = x1.addingProduct(Lanes(repeating: a[lda + p]), v)
            x2 = x2.addingProduct(Lanes(repeating: a[2 * lda + p]), v)
            x3 = x3.addingProduct(Lanes(repeating: a[3 * lda + p]), v)
            x4 = x4.addingProduct(Lanes(repeating: a[4 * lda + p]), v)
            x5 = x5.addingProduct(Lanes(repeating: a[5 * lda + p]), v)
        }
        store(x0, c, accumulate: accumulate)
        store(x1, c + ldc, accumulate: accumulate)
        store(x2, c + 2 * ldc, accumulate: accumulate)
        store(x3, c + 3 * ldc, accumulate: accumulate)
        store(x4, c + 4 * ldc, accumulate: accumulate)
        store(x5, c + 5 * ldc, accumulate: accumulate)
    }

    /// One row × columns 0..<16 of C.
    static func narrow1(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                        _ c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        var x = Lanes()
        for p in 0..<k { x = x.addingProduct(Lanes(repeating: a[p]), load(b + p * ldb)) }
        store(x, c, accumulate: accumulate)
    }

    /// Rows 0..<6 × columns 0..<8 of C.
    static func half6(_ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                      _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        typealias Half = SIMD8<Float>
        var x0 = Half(), x1 = Half(), x2 = Half(), x3 = Half(), x4 = Half(), x5 = Half()
        for p in 0..<k {
            let v = UnsafeRawPointer(b + p * ldb).loadUnaligned(as: Half.self)
            x0 = x0.addingProduct(Half(repeating: a[p]), v)
            x1 = x1.addingProduct(Half(repeating: a[lda + p]), v)
            x2 = x2.addingProduct(Half(repeating: a[2 * lda + p]), v)
            x3 = x3.addingProduct(Half(repeating: a[3 * lda + p]), v)
            x4 = x4.addingProduct(Half(repeating: a[4 * lda + p]), v)
            x5 = x5.addingProduct(Half(repeating: a[5 * lda + p]), v)
        }
        storeHalf(x0, c, accumulate: accumulate)
        storeHalf(x1, c + ldc, accumulate: accumulate)
        storeHalf(x2, c + 2 * ldc, accumulate: accumulate)
        storeHalf(x3, c + 3 * ldc, accumulate: accumulate)
        storeHalf(x4, c + 4 * ldc, accumulate: accumulate)
        storeHalf(x5, c + 5 * ldc, accumulate: accumulate)
    }

    /// One row × columns 0..<8 of C.
    static func half1(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                      _ c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        var x = SIMD8<Float>()
        for p in 0..<k { x = x.addingProduct(SIMD8(repeating: a[p]), UnsafeRawPointer(b + p * ldb).loadUnaligned(as: SIMD8<Float>.self)) }
        storeHalf(x, c, accumulate: accumulate)
    }

    @inline(__always)
    static func storeHalf(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(p)
        raw.storeBytes(of: accumulate ? v + raw.loadUnaligned(as: SIMD8<Float>.self) : v, as: SIMD8<Float>.self)
    }

    /// Rows 0..<6 × column 0 of C.
    static func column6(_ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        for r in 0..<6 { column1(a + r * lda, b, ldb: ldb, k: k, c + r * ldc, accumulate: accumulate) }
    }

    /// One row × column 0 of C.
    static func column1(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ldb: Int, k: Int,
                        _ c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        var x: Float = 0
        for p in 0..<k { x = x.addingProduct(a[p], b[p * ldb]) }
        c.pointee = accumulate ? x + c.pointee : x
    }
}

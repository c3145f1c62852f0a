import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's `exp`, which Python's `math.exp` calls.
@inline(__always)
func exponential(_ x: Double) -> Double { exp(x) }

/// BLEU (Papineni et al., 2002) exactly as sacreBLEU 2.6.0 computes it (`sacrebleu/metrics/bleu.py`).
///
/// A segment's sufficient statistics are its hypothesis length, the closest reference length
/// (ties go to the shorter reference), and for n = 1…N the clipped n-gram matches (each
/// hypothesis n-gram counts at most as often as it occurs in the reference where it occurs most)
/// and the number of hypothesis n-grams. A corpus score combines the summed statistics:
///
///     BLEU = BP · exp( (1/N) Σₙ log pₙ ),   pₙ = 100 · correctₙ / totalₙ,
///     BP = 1 if sys_len ≥ ref_len, else exp(1 − ref_len / sys_len)
///
/// with sacreBLEU's smoothing of zero counts and its optional effective order, evaluated in the
/// same order of floating-point operations as sacreBLEU so that scores agree to the last bit.
public struct BLEU: Sendable, Equatable {
    /// sacreBLEU's smoothing methods (Chen & Cherry, 2014).
    public enum Smoothing: String, CaseIterable, Sendable {
        /// No smoothing.
        case none
        /// Method 1: a zero count's precision becomes 100 · value / total (default value 0.1).
        case floor
        /// Method 2: add `value` to the matches and totals of orders n > 1 (default value 1).
        case addK = "add-k"
        /// Method 3, the NIST/mteval-v13a smoothing: the k-th zero count's precision becomes
        /// 100 / (2ᵏ · total). sacreBLEU's default.
        case exp

        /// sacreBLEU's `SMOOTH_DEFAULTS`.
        public var defaultValue: Double? {
            switch self {
            case .floor: return 0.1
            case .addK: return 1
            case .none, .exp: return nil
            }
        }

        /// The method called `name` (`none`, `floor`, `add-k`, `exp`).
        /// - Throws: `.usage` for any other name.
        public init(name: String) throws {
            guard let method = Smoothing(rawValue: name) else {
                throw Failure(.usage, "unknown smoothing method '\(name)'; choose none, floor, add-k or exp")
            }
            self = method
        }
    }

    /// The tokeniser (sacreBLEU `tokenize`, default `13a`).
    public var tokenizer: BLEUTokenizer
    /// Whether lines are lowercased (Python's `str.lower()`) before tokenising.
    public var lowercase: Bool
    /// The smoothing method (default `exp`).
    public var smoothing: Smoothing
    /// The smoothing value for `floor` and `add-k`; nil means the method's default.
    public var smoothingValue: Double?
    /// The highest n-gram order N (default 4).
    public var maxNgramOrder: Int
    /// Whether orders from the first with no hypothesis n-grams on are left out of the mean
    /// (sacreBLEU `effective_order`; the default for sentence scores).
    public var effectiveOrder: Bool

    /// A BLEU configuration; the defaults are sacreBLEU's corpus defaults.
    public init(tokenizer: BLEUTokenizer = .thirteenA, lowercase: Bool = false, smoothing: Smoothing = .exp,
                smoothingValue: Double? = nil, maxNgramOrder: Int = 4, effectiveOrder: Bool = false) {
        precondition(maxNgramOrder >= 1, "BLEU needs n-grams of order 1 at least")
        self.tokenizer = tokenizer
        self.lowercase = lowercase
        self.smoothing = smoothing
        self.smoothingValue = smoothingValue
        self.maxNgramOrder = maxNgramOrder
        self.effectiveOrder = effectiveOrder
    }

    /// sacreBLEU's sentence-level defaults (`sacrebleu -sl`): exp smoothing, effective order.
    public static func sentenceLevel(tokenizer: BLEUTokenizer = .thirteenA, lowercase: Bool = false) -> BLEU {
        BLEU(tokenizer: tokenizer, lowercase: lowercase, effectiveOrder: true)
    }

    /// The number of integers in one segment's statistics: sys_len, ref_len, N matches, N totals.
    public var statisticsWidth: Int { 2 + 2 * maxNgramOrder }

    /// sacreBLEU's `_preprocess_segment`: the line lowercased if asked, right-stripped and
    /// tokenised, with tokens joined by single spaces as BLEU sees them.
    public func preprocess(_ line: String) -> String {
        var line = line
        let workspace = PreprocessingWorkspace()
        return line.withUTF8 { bytes in
            let text = workspace.bleuText(bytes, lowercase: lowercase, tokenizer: tokenizer)
            if tokenizer == .char || tokenizer == .none { return String(decoding: text, as: UTF8.self) }
            return String(decoding: BLEUTokenizer.joinTokens(text), as: UTF8.self)
        }
    }

    /// The tokens whose n-grams BLEU counts for `line`.
    public func tokens(_ line: String) -> [String] {
        var line = line
        let workspace = PreprocessingWorkspace()
        return line.withUTF8 { bytes in
            let text = workspace.bleuText(bytes, lowercase: lowercase, tokenizer: tokenizer)
            var tokens: [String] = []
            guard let base = text.baseAddress else { return tokens }
            PythonText.forEachToken(base, text.count) { start, end in
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
            }
            return tokens
        }
    }

    /// The score of (summed) statistics: sacreBLEU's `BLEU.compute_bleu` with this
    /// configuration. O(N).
    public func score(_ statistics: BLEUStatistics) -> BLEUScore {
        precondition(statistics.correct.count == maxNgramOrder && statistics.total.count == maxNgramOrder,
                     "statistics of another n-gram order")
        let row = statistics.row
        var counts = [Double](repeating: 0, count: maxNgramOrder)
        var totals = counts, precisions = counts
        let (score, bp) = row.withUnsafeBufferPointer { row in
            counts.withUnsafeMutableBufferPointer { counts in
                totals.withUnsafeMutableBufferPointer { totals in
                    precisions.withUnsafeMutableBufferPointer { precisions in
                        compute(row, counts: counts.baseAddress!, totals: totals.baseAddress!,
                                precisions: precisions.baseAddress!)
                    }
                }
            }
        }
        return BLEUScore(score: score, counts: counts, totals: totals, precisions: precisions, bp: bp,
                         sysLen: statistics.sysLen, refLen: statistics.refLen, statistics: statistics)
    }

    /// sacreBLEU's `my_log`: log(x) (the C library's, like Python's `math.log`), and
    /// −9999999999 for 0.
    @inline(__always)
    static func myLog(_ x: Double) -> Double {
        x == 0.0 ? -9_999_999_999 : log(x)
    }

    /// The smoothing part of the signature: `exp`, `none`, `floor[0.10]`, `add-k[1.00]`.
    public var smoothingSignature: String {
        guard let defaultValue = smoothing.defaultValue else { return smoothing.rawValue }
        return smoothing.rawValue + "[" + formatFixed(smoothingValue ?? defaultValue, decimals: 2) + "]"
    }

    /// sacreBLEU's `BLEUSignature` for this configuration.
    public func signature(references: ReferenceCount, resampling: Resampling? = nil) -> MetricSignature {
        MetricSignature(references: references, resampling: resampling, metricEntries: [
            .init(key: "case", short: "c", value: lowercase ? "lc" : "mixed"),
            .init(key: "eff", short: "e", value: effectiveOrder ? "yes" : "no"),
            .init(key: "tok", short: "tok", value: tokenizer.signatureName),
            .init(key: "smooth", short: "s", value: smoothingSignature),
        ])
    }
}

import Diagnostics
import JSONCore

/// How co-occurrences are counted (Pennington et al. 2014, "GloVe: Global Vectors for Word
/// Representation", §4.2; Stanford's `cooccur`): every pair of vocabulary words at most `window`
/// words apart within a line adds 1/d to X[w, c], d being their distance. Words outside the
/// vocabulary are dropped before distances are measured, as `cooccur` does.
///
/// Symmetric (the default): a word counts its context on both sides, X[w, c] and X[c, w] both
/// grow. Asymmetric (`cooccur -symmetric 0`): only the left context, X[earlier, later].
///
/// Counts are kept exactly, as integers in units of 1/L with L = lcm(1, …, window), so 1/d is
/// the integer L/d: sums do not depend on the order of addition, which makes a count spilled to
/// disk and merged, or counted in shards and added up, equal to one pass count for count.
public struct CooccurrenceOptions: Sendable, Equatable {
    /// The largest distance between two words of a pair (the integer scale bounds it).
    public var window = 10
    /// Count the context on both sides (X symmetric) rather than on the left only.
    public var symmetric = true

    /// The largest window: lcm(1…20) ≈ 2.3·10⁸ leaves 8·10¹⁰ weighted pairs of headroom per
    /// pair in 64 bits.
    public static let maximumWindow = 20

    public init(window: Int = 10, symmetric: Bool = true) {
        self.window = window
        self.symmetric = symmetric
    }

    /// L = lcm(1, …, window): one unit of a stored count is 1/L of a pair at distance 1.
    public var scale: UInt64 {
        var l: UInt64 = 1
        if window >= 2 {
            for d in 2...UInt64(window) { l = l / gcd(l, d) * d }
        }
        return l
    }

    /// weights[d] = L/d for d in 1…window (weights[0] unused).
    public var weights: [UInt64] {
        let l = scale
        return [0] + (1...max(1, window)).map { l / UInt64($0) }
    }

    /// Throws `.usage` for a window outside 1…`maximumWindow`.
    public func validate() throws {
        if window < 1 || window > Self.maximumWindow {
            throw Failure(.usage, "the window must be between 1 and \(Self.maximumWindow) for glove (got \(window))")
        }
    }

    /// The settings stored with counts: `{"window":…,"symmetric":…,"scale":…}`.
    public var json: JSONValue {
        ["window": JSONValue(window), "symmetric": .bool(symmetric), "scale": JSONValue(Int(scale))]
    }
}

private func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}

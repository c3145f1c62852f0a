import Kernels

/// The equalise step of hard debiasing: each pair becomes symmetric about the subspace
/// orthogonal to g, so both words are equally similar to every neutralised word.
public enum Equalization {
    /// The pairs actually equalised: for each requested pair, the pair as written and its
    /// lower-case, title-case and upper-case variants (`man`/`Man`/`MAN`, as debiaswe's `debias`
    /// expands `equalize_pairs`), keeping those whose two words are both in the vocabulary, each
    /// once, in order. Also returns the requested pairs none of whose variants was found.
    public static func candidates(_ pairs: [WordPair], index: (String) -> Int?) -> (found: [WordPair], skipped: [WordPair]) {
        var seen = Set<WordPair>()
        var found: [WordPair] = []
        var skipped: [WordPair] = []
        for pair in pairs {
            var any = false
            let variants = [pair,
                            WordPair(pair.first.lowercased(), pair.second.lowercased()),
                            WordPair(titleCased(pair.first), titleCased(pair.second)),
                            WordPair(pair.first.uppercased(), pair.second.uppercased())]
            for variant in variants where index(variant.first) != nil && index(variant.second) != nil
                && variant.first != variant.second {
                any = true
                if seen.insert(variant).inserted { found.append(variant) }
            }
            if !any { skipped.append(pair) }
        }
        return (found, skipped)
    }

    /// Python's `str.title()`: the first letter of every run of letters upper-cased, the other
    /// letters lower-cased (`catholic_priest` → `Catholic_Priest`).
    static func titleCased(_ word: String) -> String {
        var result = ""
        var previousIsLetter = false
        for character in word {
            result += previousIsLetter ? character.lowercased() : character.uppercased()
            previousIsLetter = character.isLetter
        }
        return result
    }

    /// Equalises rows i and j of the unit-normalised, already neutralised matrix `unit` about
    /// the unit vector g, with the course's formulas (Bolukbasi et al. 2016, §5 "Equalize"):
    ///
    ///     μ = (e₁ + e₂)/2,   μ_B = (μ·g) g,   μ_⊥ = μ − μ_B
    ///     e_iB = (e_i·g) g
    ///     corrected e_iB = √|1 − ‖μ_⊥‖²| · (e_iB − μ_B) / ‖e_iB − μ_B‖
    ///     e_i ← μ_⊥ + corrected e_iB
    ///
    /// The denominator is the paper's ‖w_B − μ_B‖. (The course's notebook prints
    /// ‖(e_w1 − μ_⊥) − μ_B‖ = ‖e_w1 − μ‖, which equals it only when e_w1 − μ is parallel to g;
    /// with it the results are not unit vectors, which the method assumes.) Since
    /// e₂B − μ_B = −(e₁B − μ_B), the two words get μ_⊥ ± z·g with z = √(1 − ‖μ_⊥‖²): unit length,
    /// and the same dot product μ_⊥·n with every n orthogonal to g. When both words project
    /// equally on g, the first takes +g (debiaswe's tie rule). Computed in Float64; O(D).
    public static func equalize(_ unit: FloatMatrix, _ i: Int, _ j: Int, along g: [Float]) {
        let d = unit.columns
        let e1 = unit.row(i), e2 = unit.row(j)
        var mu = [Double](repeating: 0, count: d)
        var muG = 0.0, e1G = 0.0
        for k in 0..<d {
            mu[k] = (Double(e1[k]) + Double(e2[k])) / 2
            muG += mu[k] * Double(g[k])
            e1G += Double(e1[k]) * Double(g[k])
        }
        var muOrthogonalSquared = 0.0
        for k in 0..<d {
            mu[k] -= muG * Double(g[k])          // μ_⊥
            muOrthogonalSquared += mu[k] * mu[k]
        }
        let z = abs(1 - muOrthogonalSquared).squareRoot()
        // (e_iB − μ_B)/‖e_iB − μ_B‖ = sign(e_i·g − μ·g)·g, as g is a unit vector.
        let side1: Double = e1G - muG < 0 ? -1 : 1
        for k in 0..<d {
            let gk = Double(g[k])
            e1[k] = Float(mu[k] + side1 * z * gk)
            e2[k] = Float(mu[k] - side1 * z * gk)
        }
    }
}

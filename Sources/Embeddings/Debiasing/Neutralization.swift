import Kernels

/// The neutralise step of hard debiasing (Bolukbasi et al. 2016, §5 "Neutralize"; the course's
/// e_debiased = e − (e·g/‖g‖²)·g with ‖g‖ = 1).
public enum Neutralization {
    /// Removes the component along the unit vector `g` from every row of the unit-normalised
    /// matrix `unit` except the rows in `exempt`, then scales those rows back to unit length (as
    /// debiaswe's `debias` normalises after dropping the projection). A row parallel to g becomes
    /// zero and stays zero.
    ///
    /// p = U·g is one `sgemv`; the exempt entries of p are set to 0 and U ← U − p·gᵀ is one
    /// `sger`, so the whole step is O(V·D) in BLAS plus one pass of row normalisation. Returns
    /// how many rows were neutralised.
    @discardableResult
    public static func neutralize(_ unit: FloatMatrix, along g: [Float], exempt: Set<Int>) -> Int {
        precondition(g.count == unit.columns, "Neutralization: g has \(g.count) elements, rows \(unit.columns)")
        var projections = [Float](repeating: 0, count: unit.rows)
        projections.withUnsafeMutableBufferPointer { BLAS.multiply(unit, g, into: $0.baseAddress!) }
        for i in exempt where i < unit.rows { projections[i] = 0 }
        projections.withUnsafeBufferPointer { p in
            g.withUnsafeBufferPointer { gp in
                BLAS.ger(rows: unit.rows, columns: unit.columns, alpha: -1, x: p.baseAddress!, y: gp.baseAddress!,
                         a: unit.base, lda: unit.columns)
            }
        }
        var count = 0
        for i in 0..<unit.rows where !exempt.contains(i) {
            Vector.normalize(unit.row(i), count: unit.columns)
            count += 1
        }
        return count
    }
}

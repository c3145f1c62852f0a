import Kernels
import Neural
import Randomness

/// Centred finite differences in Float64, the course's gradient check: for every element θᵢ of a
/// tensor, (L(θᵢ + ε) − L(θᵢ − ε)) / 2ε with ε = 1e-5, compared with the backward pass's gradient
/// through the relative error ‖g − g̃‖₂ / (‖g‖₂ + ‖g̃‖₂) of the whole tensor.
enum GradientCheck {
    static let epsilon = 1e-5

    /// The relative error between `analytic` and the numerical gradient of `loss` with respect to
    /// the elements of `tensor` (which `loss` reads afresh on every call). ε = 1e-5 balances the
    /// O(ε²) truncation error against the rounding error of the loss (~1e-15·L/ε), which at 1e-6
    /// already reaches 1e-6 relative on the small gradients of a deep stack's first layer.
    static func relativeError(_ tensor: Matrix<Double>, analytic: [Double], loss: () -> Double) -> Double {
        var difference = 0.0, normA = 0.0, normN = 0.0
        for i in 0..<tensor.count {
            let saved = tensor.base[i]
            tensor.base[i] = saved + epsilon
            let plus = loss()
            tensor.base[i] = saved - epsilon
            let minus = loss()
            tensor.base[i] = saved
            let numerical = (plus - minus) / (2 * epsilon)
            difference += (numerical - analytic[i]) * (numerical - analytic[i])
            normA += analytic[i] * analytic[i]
            normN += numerical * numerical
        }
        let denominator = normA.squareRoot() + normN.squareRoot()
        return denominator == 0 ? 0 : difference.squareRoot() / denominator
    }

    /// Uniform values in (−scale, scale) from a seeded generator.
    static func fill(_ m: Matrix<Double>, _ generator: inout PCG64, scale: Double = 0.5) {
        for i in 0..<m.count { m.base[i] = (2 * (Double(generator.next() >> 11) * 0x1p-53) - 1) * scale }
    }

    static func random(rows: Int, columns: Int, _ generator: inout PCG64, scale: Double = 0.5) -> Matrix<Double> {
        let m = Matrix<Double>(rows: rows, columns: columns)
        fill(m, &generator, scale: scale)
        return m
    }

    /// L = Σ P ∘ Y: a loss whose gradient with respect to Y is the fixed random matrix P.
    static func projection(_ y: Matrix<Double>, _ p: Matrix<Double>) -> Double {
        var total = 0.0
        for i in 0..<y.count { total += y.base[i] * p.base[i] }
        return total
    }
}

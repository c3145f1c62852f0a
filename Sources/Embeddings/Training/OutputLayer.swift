import Randomness

/// One output layer of word2vec-style training and its loss, fastText-style (`Loss` objects):
/// given the hidden vector h (the input vector of a context word for skip-gram, the mean of the
/// context for CBOW) and the target word, it takes one SGD step on its own parameters and
/// accumulates the step for h.
///
/// Conforming types are small value types holding raw pointers into shared parameters; each
/// worker thread owns its copy (with any scratch space), and the training loop is generic over the
/// layer so every call is specialised and inlined.
protocol OutputLayer {
    /// Computes the loss L(h, target), adds −lr·∂L/∂h to `gradient`, moves the output parameters
    /// by −lr·∂L/∂W (all partial derivatives taken at the parameters before this call), and
    /// returns L. With `lr = 0` nothing changes and only L is computed.
    mutating func update(hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                         target: Int, lr: Float, random: inout PCG64) -> Float

    /// See the extension: called once per centre word before its examples.
    mutating func beginCenter(_ target: Int, random: inout PCG64)
}

extension OutputLayer {
    /// Called once per centre word before its examples (skip-gram); a layer may prepare shared
    /// draws here. Does nothing by default.
    @inline(__always)
    mutating func beginCenter(_ target: Int, random: inout PCG64) {}
}

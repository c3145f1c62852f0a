/// Anything that scores the next token of a sequence: a language model, a decoder, an n-gram
/// table. Decoding knows nothing else about it, so sampling and (later) beam search work on any
/// model that can say "given what I have been fed, how likely is each next token".
public protocol StepScorer {
    /// The number of tokens (ids 0..<vocabularySize).
    var vocabularySize: Int { get }
    /// Forgets everything fed so far.
    mutating func reset()
    /// Feeds `token` and writes log P(next = i | everything fed) for every i into `logProbabilities`
    /// (vocabularySize entries).
    mutating func feed(_ token: Int, logProbabilities: UnsafeMutableBufferPointer<Double>)
}

import Randomness

/// A generated sequence: the tokens drawn (not the context it started from) and the sum of their
/// log-probabilities under the scorer's own distribution (before temperature and cuts), the stop
/// token's included when it ended the sequence.
public struct GeneratedSequence: Sendable, Equatable {
    public var tokens: [Int]
    public var logProbability: Double
    /// True when the stop token ended it (false: the length limit did).
    public var stopped: Bool
}

/// Generates sequences as the course samples novel text: feed the context, draw the next token
/// from the scorer's distribution, feed it back, until the stop token or `maximumLength` tokens.
public enum Generation {
    /// Resets the scorer, feeds `context` (at least one token: the start symbol and any prime),
    /// then draws up to `maximumLength` tokens. O(length · cost of one scorer step).
    public static func sample<Scorer: StepScorer>(_ scorer: inout Scorer, context: [Int], stop: Int?,
                                                  maximumLength: Int, excluding excluded: Set<Int> = [],
                                                  sampler: inout TokenSampler, generator: inout PCG64) -> GeneratedSequence {
        precondition(!context.isEmpty, "Generation.sample: empty context")
        scorer.reset()
        var logs = [Double](repeating: 0, count: scorer.vocabularySize)
        var result = GeneratedSequence(tokens: [], logProbability: 0, stopped: false)
        logs.withUnsafeMutableBufferPointer { buffer in
            for token in context { scorer.feed(token, logProbabilities: buffer) }
            while result.tokens.count < maximumLength {
                guard let next = sampler.choose(UnsafeBufferPointer(buffer), excluding: excluded, generator: &generator) else { break }
                result.logProbability += buffer[next]
                if next == stop {
                    result.stopped = true
                    break
                }
                result.tokens.append(next)
                if result.tokens.count < maximumLength { scorer.feed(next, logProbabilities: buffer) }
            }
        }
        return result
    }
}

import Diagnostics
import Kernels
import VocabularyModule

/// Existing vectors a training run starts from (`embed-train --init MODEL`): an nlpipe
/// embeddings file or any word-vector file `WordVectors(contentsOf:)` reads.
///
/// For every word of the training vocabulary that the vectors also hold (exact match), the input
/// row is copied; other rows keep the usual random start. The output layer is copied only when
/// it means the same thing: the source has output vectors (an nlpipe file trained with `--loss
/// ns` or `softmax`), its words are exactly the training vocabulary in the same order, and the
/// run's loss keeps one output row per word (`ns`, `softmax`); otherwise it starts at zero.
public struct InitialVectors: Sendable {
    public let vectors: WordVectors

    public init(_ vectors: WordVectors) {
        self.vectors = vectors
    }

    /// What `apply` copied.
    public struct Applied: Sendable, Equatable {
        /// Input rows copied from the source.
        public let inputRows: Int
        /// Whether the output vectors were copied.
        public let output: Bool
    }

    /// Throws `.usage` when the source's dimension differs from the run's.
    public func check(dimension: Int) throws {
        if vectors.dimension != dimension {
            throw Failure(.usage, "the --init vectors have dimension \(vectors.dimension), but the training uses "
                + "--dim \(dimension): use --dim \(vectors.dimension)")
        }
    }

    /// Copies rows into `input` (V×D for `vocabulary`) and, when it applies, into `output`.
    func apply(input: FloatMatrix, output: FloatMatrix, vocabulary: Vocabulary, loss: TrainingLoss) -> Applied {
        let d = input.columns
        var copied = 0
        for (row, word) in vocabulary.tokens.enumerated() {
            guard let source = vectors.index(of: word) else { continue }
            (input.base + row * d).update(from: vectors.vectors.row(source), count: d)
            copied += 1
        }
        var outputCopied = false
        if let sourceOutput = vectors.outputVectors, loss != .hs, output.rows == vocabulary.count,
           vectors.words == vocabulary.tokens {
            output.base.update(from: sourceOutput.base, count: output.count)
            outputCopied = true
        }
        return Applied(inputRows: copied, output: outputCopied)
    }
}

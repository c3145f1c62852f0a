import Embeddings
import JSONCore

/// Stores trained vectors as an `embeddings` model file.
enum ModelWriting {
    /// The vocabulary with its counts, the input vectors, the output vectors when they are one
    /// per word (negative sampling, full softmax; hierarchical softmax's are per tree node), and
    /// the training configuration with the corpus statistics (and the `--init` file, if any).
    static func write(_ trained: TrainedEmbeddings, to path: String, corpusTokens: Int, initFile: String?) throws {
        var config = trained.options.json
        if case .object(var fields) = config {
            fields.append(("corpus_tokens", JSONValue(corpusTokens)))
            fields.append(("words_trained", JSONValue(trained.wordsTrained)))
            if let initFile { fields.append(("init", .string(initFile))) }
            config = .object(fields)
        }
        let vectors = try WordVectors(words: trained.vocabulary.tokens, counts: trained.vocabulary.counts,
                                      vectors: trained.input,
                                      outputVectors: trained.output.rows == trained.input.rows ? trained.output : nil,
                                      config: config)
        try vectors.write(to: path)
    }
}

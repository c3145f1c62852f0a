import ArgumentParser
import CommandLineSupport
import Embeddings
import Kernels

extension AnalogyMethod: ExpressibleByArgument {}
extension AnalogyCounting: ExpressibleByArgument {}

/// The formats `--export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case word2vec, word2vecBinary = "word2vec-binary", glove
    var fileFormat: VectorFileFormat {
        switch self {
        case .word2vec: return .word2vecText
        case .word2vecBinary: return .word2vecBinary
        case .glove: return .gloveText
        }
    }
}

@main
struct EmbedQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed-query",
        abstract: "Answer word-vector queries as a filter, evaluate vectors, export and plot them.",
        discussion: """
        One JSON Lines answer per JSON Lines query; every other field of the query passes through:
          {"word":"king"}  ->  "neighbors": [{"word":…,"score":cosine}, …] (-k)
          {"word":"king"} with --vectors  ->  "vector": [...]
          {"a":"man","b":"king","c":"woman"}  ->  "answer" and its "score" (--method)
          {"w1":"cat","w2":"dog"}  ->  "similarity" (cosine)
          {"tokens":["the","cat"]}  ->  "vector": the mean of the words' unit vectors

        A word that is not in the vocabulary gives an answer of null and an "unknown" list; the \
        stream goes on. With --text, a line of one word asks for its neighbours, two words for \
        their similarity, three words a b c for the analogy a : b :: c : ? (as word2vec's tools).

        -m reads an nlpipe embeddings file, word2vec text or binary, GloVe text or a fastText .vec \
        file, recognised from its content. Lookups are exact (case-sensitive); the evaluations \
        upper-case both sides as gensim does. Answers come from the first --restrict-vocab words \
        (the most frequent, when the file is sorted by frequency).

        --eval-analogies counts as gensim 4.4's evaluate_word_analogies (case-insensitive; \
        questions with a word outside the first --restrict-vocab words are skipped and counted; \
        the three question words are never answers), or with --counting word2vec as word2vec's \
        compute-accuracy (ASCII upper-casing, the single best answer, first five sections \
        semantic); --eval-pairs reports Spearman's rho, \
        Pearson's r and the out-of-vocabulary share as its evaluate_word_pairs does. Both print \
        one JSON object.

        Examples:
          tokenize --lower < corpus.txt | embed-train -o vectors.nlpipe
          echo '{"id":1,"word":"king"}' | embed-query -m vectors.nlpipe -k 5
          echo 'man king woman' | embed-query -m GoogleNews-vectors.bin --text
          embed-query -m vectors.nlpipe --eval-analogies questions-words.txt
          embed-query -m vectors.nlpipe --eval-pairs wordsim353.tsv --restrict-vocab 100000
          embed-query -m vectors.nlpipe --export word2vec-binary > vectors.bin
          embed-query -m vectors.nlpipe --plot words.txt -o map.svg

        Exit status: 0 success, 64 usage error, 65 bad input data (a malformed query line, a \
        damaged or non-embeddings model file), 66 missing input file, 74 I/O error, 1 anything else.
        """,
        version: NLPipeVersion.string
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The word vectors (nlpipe, word2vec text/binary, GloVe, fastText .vec).", valueName: "file"),
            completion: .file())
    var model: String

    @Option(name: .short, help: "How many neighbours a word query returns.")
    var k = 10

    @Option(help: "How analogies are answered: 3cosadd (cos(w, b-a+c)) or 3cosmul (Levy & Goldberg's product form).")
    var method: AnalogyMethod = .threeCosAdd

    @Option(help: ArgumentHelp("Draw answers from the first N words only (default: all words for queries, 30000 for evaluations).",
                               valueName: "N"))
    var restrictVocab: Int?

    @Flag(help: "Answer word queries with the word's vector instead of its neighbours.")
    var vectors = false

    @Option(help: ArgumentHelp("Write the vectors to standard output in this format: word2vec, word2vec-binary or glove.",
                               valueName: "format"))
    var export: ExportFormat?

    @Option(help: ArgumentHelp("Evaluate on an analogy file (questions-words.txt layout) and print a JSON summary.", valueName: "file"),
            completion: .file())
    var evalAnalogies: String?

    @Option(help: "Whose rules --eval-analogies counts by: gensim (evaluate_word_analogies) or word2vec (compute-accuracy).")
    var counting: AnalogyCounting = .gensim

    @Option(help: ArgumentHelp("Evaluate on a word-pair file (word1 TAB word2 TAB score) and print a JSON summary.", valueName: "file"),
            completion: .file())
    var evalPairs: String?

    @Option(help: ArgumentHelp("Plot the words listed in this file (white-space separated) on their first two principal components.",
                               valueName: "file"), completion: .file())
    var plot: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The SVG file --plot writes (replaced atomically).", valueName: "file"),
            completion: .file())
    var output: String?

    @Option(help: "Threads for the matrix products (OpenBLAS).")
    var threads = Machine.coreCount

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
        if let restrictVocab, restrictVocab < 1 { throw ValidationError("--restrict-vocab must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        let modes = [export != nil, evalAnalogies != nil || evalPairs != nil, plot != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("--export, --eval-analogies/--eval-pairs and --plot exclude each other") }
        if plot != nil && output == nil { throw ValidationError("--plot needs -o/--output for the SVG file") }
        if plot == nil && output != nil { throw ValidationError("-o/--output is for --plot") }
        if modes > 0 && !input.files.isEmpty { throw ValidationError("query files are read only when answering queries") }
    }

    static func main() {
        BLASKernelChoice.reexecIfFaster()
        ProgramRunner.main(EmbedQuery.self)
    }

    func run() throws {
        BLAS.setThreads(threads)
        let vectors = try WordVectors(contentsOf: model)
        if let export {
            try Reports.export(vectors, as: export.fileFormat)
        } else if evalAnalogies != nil || evalPairs != nil {
            let index = try NormalizedVectors(vectors, restrictVocab: restrictVocab ?? 30_000)
            try Reports.evaluate(index, analogies: evalAnalogies, pairs: evalPairs, method: method, counting: counting)
        } else if let plot, let output {
            try Reports.plot(vectors, wordsFile: plot, to: output)
        } else {
            let index = try NormalizedVectors(vectors, restrictVocab: restrictVocab)
            try QueryAnswering(index: index, neighbors: k, method: method, wordVectors: self.vectors)
                .run(input)
        }
    }
}

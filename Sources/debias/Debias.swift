import ArgumentParser
import CommandLineSupport
import Embeddings
import Kernels

extension BiasDirectionMethod: ExpressibleByArgument {}

@main
struct Debias: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debias",
        abstract: "Measure and remove gender bias in word vectors (hard debiasing: neutralise and equalise).",
        discussion: """
        Hard debiasing as Bolukbasi et al. (2016) define it and the course teaches it. All vectors are first scaled to unit length. The bias direction g is the first principal component of the definitional pairs (--direction pca, as the paper and debiaswe), the mean of their normalised differences (--direction mean), or the difference of two words (--direction-words woman,man). Every word that is not gender-specific then loses its component along g (neutralise: e - (e.g)g) and is scaled back to unit length; each equalisation pair, with its lower-case, Title and UPPER variants, is then made symmetric about the space orthogonal to g, so both its words have the same cosine with every neutralised word (equalise).

        The report is one JSON document on standard output (or in --report FILE): the direction with the variance explained by the first principal components of the pairs, the pairs and words not found, and the measurements before and after: direct bias (the mean |cos(w, g)| over the neutral words, by default a built-in list of professions, with the most biased words on each side), WEAT effect sizes and permutation p-values (--weat), analogy accuracy (--eval-analogies) and word-similarity correlation (--eval-pairs), counted as embed-query counts them. With --measure, only the input vectors are measured and nothing is changed.

        -o writes the debiased vectors as an embeddings model file (every row unit length, no output vectors), whose metadata entry "debias" records the method, g and the word lists; the input file is never modified. Without -o the report shows what debiasing would do, and nothing is written. embed-query --export writes the result in word2vec or GloVe format.

        Word lists are JSON, as debiaswe's data files: --pairs and --equalize a list of [word, word] pairs, --gender-specific and --neutral-words a list of words (or of lists starting with a word, as professions.json), --weat an object {"name": ..., "X": [...], "Y": [...], "A": [...], "B": [...]} or a list of them. Lookups are exact (case-sensitive). Without a file, nlpipe's built-in lower-case lists are used (the gender-specific one in lower, Title and UPPER case). A pair with a word not in the vocabulary is skipped and listed in the report.

        Examples:
          debias -m vectors.nlpipe -o debiased.nlpipe > report.json
          debias -m vectors.nlpipe --measure --weat career-family.json --permutations 100000 --seed 7
          debias -m GoogleNews-vectors.bin --pairs definitional_pairs.json --gender-specific gender_specific_full.json --equalize equalize_pairs.json -o debiased.nlpipe --report report.json
          debias -m vectors.nlpipe -o debiased.nlpipe --eval-analogies questions-words.txt --eval-pairs wordsim353.tsv | jq '{before: .before.direct_bias.value, after: .after.direct_bias.value}'
          debias -m vectors.nlpipe --direction mean --measure --neutral-words my-professions.json
          debias -m vectors.nlpipe --direction-words woman,man --measure

        Exit status: 0 success, 64 usage error, 65 bad input data (a damaged or non-embeddings model file, a malformed JSON word list, no definitional pair in the vocabulary), 66 missing input file, 74 I/O error, 1 anything else.
        """,
        version: NLPipeVersion.string
    )

    static func main() {
        ProgramRunner.main(Debias.self)
    }

    @Option(name: .shortAndLong, help: ArgumentHelp("The word vectors (nlpipe, word2vec text/binary, GloVe, fastText .vec).", valueName: "file"),
            completion: .file())
    var model: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the debiased vectors to this embeddings file (replaced atomically).", valueName: "file"),
            completion: .file())
    var output: String?

    @Flag(help: "Only measure the bias of the input vectors; change nothing.")
    var measure = false

    @Option(help: ArgumentHelp("Definitional pairs that define the bias direction (JSON list of [word, word]; default: built-in).", valueName: "file"),
            completion: .file())
    var pairs: String?

    @Option(help: "How g is found from the pairs: pca (their first principal component) or mean (the mean of their normalised differences).")
    var direction: BiasDirectionMethod?

    @Option(help: ArgumentHelp("g is the difference of these two words' unit vectors (e.g. woman,man) instead of coming from pairs.", valueName: "a,b"))
    var directionWords: String?

    @Option(help: "How many principal components of the pairs the report gives the explained variance of.")
    var components = 10

    @Option(help: ArgumentHelp("Words that keep their gender component (JSON list; default: built-in).", valueName: "file"),
            completion: .file())
    var genderSpecific: String?

    @Option(help: ArgumentHelp("Pairs to equalise (JSON list of [word, word]; default: built-in).", valueName: "file"),
            completion: .file())
    var equalize: String?

    @Option(help: ArgumentHelp("Neutral words whose direct bias is measured (JSON list; default: built-in professions).", valueName: "file"),
            completion: .file())
    var neutralWords: String?

    @Option(help: ArgumentHelp("How many most biased neutral words to list on each side.", valueName: "k"))
    var mostBiased = 10

    @Option(help: ArgumentHelp("WEAT tests to run (JSON object with the word lists X, Y, A, B, or a list of them).", valueName: "file"),
            completion: .file())
    var weat: String?

    @Option(help: "Partitions for the WEAT p-value (all of them when there are no more than this many, otherwise a random sample).")
    var permutations = 10_000

    @Option(help: "The random seed of the WEAT permutation sample.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Evaluate analogies before and after (questions-words.txt layout), as embed-query --eval-analogies does.", valueName: "file"),
            completion: .file())
    var evalAnalogies: String?

    @Option(help: ArgumentHelp("Evaluate word similarity before and after (word1 TAB word2 TAB score), as embed-query --eval-pairs does.", valueName: "file"),
            completion: .file())
    var evalPairs: String?

    @Option(help: ArgumentHelp("The evaluations draw answers from the first N words.", valueName: "N"))
    var restrictVocab = 30_000

    @Option(help: ArgumentHelp("Write the JSON report to this file instead of standard output.", valueName: "file"),
            completion: .file())
    var report: String?

    @Option(help: "Threads for the matrix products (OpenBLAS).")
    var threads = Machine.coreCount

    @Flag(help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if measure && output != nil { throw ValidationError("--measure changes nothing: it cannot be combined with -o/--output") }
        if let directionWords {
            if direction != nil || pairs != nil {
                throw ValidationError("--direction-words replaces --pairs and --direction")
            }
            if directionPair(directionWords) == nil {
                throw ValidationError("--direction-words takes two words separated by a comma, e.g. woman,man")
            }
        }
        if components < 1 { throw ValidationError("--components must be at least 1") }
        if mostBiased < 0 { throw ValidationError("--most-biased must not be negative") }
        if permutations < 0 { throw ValidationError("--permutations must not be negative") }
        if restrictVocab < 1 { throw ValidationError("--restrict-vocab must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func directionPair(_ text: String) -> WordPair? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1] else { return nil }
        return WordPair(String(parts[0]), String(parts[1]))
    }

    func run() throws {
        BLAS.setThreads(threads)
        if let output { try OutputFiles.checkDistinct(input: model, output: output) }
        let lists = try DebiasingLists(pairs: pairs, genderSpecific: genderSpecific, equalize: equalize,
                                       neutralWords: neutralWords, weat: weat)
        var request = BiasMeasurementRequest(neutralWords: lists.neutralWords)
        request.mostBiased = mostBiased
        request.weatTests = lists.weatTests
        request.weatSource = weat ?? ""
        request.permutations = permutations
        request.seed = seed
        request.analogies = try evalAnalogies.map { try AnalogyQuestions(contentsOf: $0) }
        request.analogiesFile = evalAnalogies
        request.pairsFile = evalPairs
        var settings = DebiasingRun.Settings(modelName: model, lists: lists, request: request)
        settings.directionWords = directionWords.flatMap(directionPair)
        settings.method = direction ?? .pca
        settings.components = components
        settings.restrictVocab = restrictVocab
        settings.measureOnly = measure

        let run = try DebiasingRun(try WordVectors(contentsOf: model), settings: settings)
        if let output, let debiased = run.debiased { try debiased.write(to: output, record: run.record) }
        try OutputFiles.writeReport(run.report, to: report)
        if !quiet { StandardError.print(Summary.lines(of: run, output: output)) }
    }
}

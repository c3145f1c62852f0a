import ArgumentParser
import CommandLineSupport
import Diagnostics
import Metrics

extension BLEU.Smoothing: ExpressibleByArgument {}

@main
struct Bleu: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }
    enum MetricName: String, ExpressibleByArgument, CaseIterable { case bleu, chrf }

    static let configuration = CommandConfiguration(
        commandName: "bleu",
        abstract: "Score translations with BLEU or chrF exactly as sacreBLEU 2.6.0 does.",
        discussion: """
        Reads the hypothesis from standard input or files (several files are several systems) and
        references from -r files, or JSON Lines records with --jsonl (a hypothesis field and a
        reference field holding a string or an array of strings). Files are read as the sacreBLEU
        command line reads them; scores, counts and signatures equal sacreBLEU's to the last digit,
        and the JSON output has sacreBLEU's fields.

        Examples:
          bleu -r ref.de < hyp.de
          bleu -r ref.A.de -r ref.C.de --tokenize intl --lowercase --format text hyp.de
          bleu --metric bleu --metric chrf --word-order 2 -r ref.de hyp.de
          bleu --sentence -r ref.de hyp.de | jq -c 'select(.bleu < 10)'
          jq -c '{id, hyp: .output, ref: .target}' results.jsonl | bleu --jsonl --sentence
          bleu --ci 1000 -r ref.de hyp.de
          bleu --paired-bs -r ref.de baseline.de system1.de system2.de
          # sharded test sets: statistics per shard, summed exactly
          bleu --stats -r ref.part1 hyp.part1 > part1.stats
          bleu --from-stats part1.stats --from-stats part2.stats

        Exit status: 0 success, 64 usage error (an unknown tokeniser, conflicting options), 65 bad
        input data (invalid UTF-8, line counts that disagree, an empty corpus), 66 missing input
        file, 74 I/O error.
        """,
        version: NLPipeVersion.string
    )

    @Argument(help: ArgumentHelp("Hypothesis files, one per system; '-' or none reads standard input.", valueName: "hyp"),
              completion: .file())
    var hypotheses: [String] = []

    @Option(name: [.customShort("r"), .long], help: ArgumentHelp("A reference file (repeat for several references).", valueName: "file"),
            completion: .file())
    var ref: [String] = []

    @Flag(help: "Read JSON Lines records holding the hypothesis and its references.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the hypothesis field.", valueName: "name"))
    var hypField = "hyp"

    @Option(help: ArgumentHelp("With --jsonl: the reference field (a string or an array; 'refs' is tried when 'ref' is absent).", valueName: "name"))
    var refField = "ref"

    @Flag(help: "With --jsonl: count and skip invalid records instead of stopping.")
    var skipInvalid = false

    @Option(help: "The metric (repeat for several).")
    var metric: [MetricName] = []

    @Option(help: ArgumentHelp("BLEU tokeniser: 13a, intl, zh, char or none.", valueName: "name"))
    var tokenize = "13a"

    @Flag(help: "Lowercase before scoring (as Python's str.lower).")
    var lowercase = false

    @Option(help: "BLEU smoothing (default: exp).")
    var smooth: BLEU.Smoothing = .exp

    @Option(help: ArgumentHelp("The smoothing value for floor (default 0.1) and add-k (default 1).", valueName: "x"))
    var smoothValue: Double?

    @Option(help: "The largest n-gram order of BLEU.")
    var maxOrder = 4

    @Flag(help: "Use BLEU's effective order (the default for --sentence).")
    var effectiveOrder = false

    @Option(help: "chrF: the character n-gram order.")
    var charOrder = 6

    @Option(help: "chrF: the word n-gram order (2 gives chrF++).")
    var wordOrder = 0

    @Option(help: "chrF: the weight of recall.")
    var beta = 2

    @Flag(help: "chrF: keep white space in character n-grams.")
    var chrfWhitespace = false

    @Flag(help: "chrF: smooth with epsilon instead of effective-order averaging.")
    var epsSmoothing = false

    @Flag(help: "Score every segment: one JSON Lines record per line, other fields passed through.")
    var sentence = false

    @Option(help: ArgumentHelp("Add a bootstrap 95% confidence interval from this many resamples (sacreBLEU --confidence-n).", valueName: "n"))
    var ci: Int?

    @Flag(help: "Paired bootstrap resampling test of each system against the first (the baseline).")
    var pairedBs = false

    @Flag(help: "Paired approximate randomisation test of each system against the first (the baseline).")
    var pairedAr = false

    @Option(help: ArgumentHelp("Resamples (paired bootstrap, default 1000) or trials (randomisation, default 10000).", valueName: "n"))
    var pairedN: Int?

    @Option(help: "The seed of the resampling tests (sacreBLEU's SACREBLEU_SEED).")
    var seed: UInt64 = Significance.defaultSeed

    @Flag(help: "Print the summable sufficient statistics instead of the score.")
    var stats = false

    @Option(help: ArgumentHelp("Score the sum of statistics files from --stats (repeat for each shard).", valueName: "file"),
            completion: .file())
    var fromStats: [String] = []

    @Option(help: "Output format: sacreBLEU's JSON, or its text line.")
    var format: Format = .json

    @Flag(help: "Print only the score.")
    var scoreOnly = false

    @Option(help: "Decimals of printed scores.")
    var width = 1

    @Flag(help: "Short signature keys (sacreBLEU --short).")
    var short = false

    @Option(help: "Worker threads for the statistics (default: the number of cores); results do not depend on it.")
    var threads = Machine.coreCount

    func validate() throws {
        if pairedBs && pairedAr { throw ValidationError("--paired-bs and --paired-ar exclude each other") }
        if sentence && (ci != nil || pairedBs || pairedAr || stats || !fromStats.isEmpty) {
            throw ValidationError("--sentence does not combine with --ci, paired tests or statistics files")
        }
        if (pairedBs || pairedAr) && hypotheses.count < 2 {
            throw ValidationError("paired tests need a baseline and at least one more system")
        }
        if let ci, ci < 1 { throw ValidationError("--ci needs a number of resamples of at least 1") }
        if let pairedN, pairedN < 1 { throw ValidationError("--paired-n must be at least 1") }
        if !fromStats.isEmpty && (!hypotheses.isEmpty || !ref.isEmpty || jsonl) {
            throw ValidationError("--from-stats takes no hypothesis or reference input")
        }
        if fromStats.isEmpty && !jsonl && ref.isEmpty { throw ValidationError("give reference files with -r, or --jsonl records") }
        if jsonl && (!ref.isEmpty || hypotheses.count > 1) { throw ValidationError("--jsonl reads hypotheses and references from records") }
        if maxOrder < 1 || charOrder < 0 || wordOrder < 0 || charOrder + wordOrder < 1 || width < 0 || threads < 1 {
            throw ValidationError("orders, width and threads must be positive")
        }
    }

    /// The metrics asked for, configured for corpus or sentence scoring.
    func metrics() throws -> [ScoringMetric] {
        let tokenizer = try BLEUTokenizer(name: tokenize)
        return (metric.isEmpty ? [.bleu] : metric).map { name in
            switch name {
            case .bleu:
                return .bleu(BLEU(tokenizer: tokenizer, lowercase: lowercase, smoothing: smooth, smoothingValue: smoothValue,
                                  maxNgramOrder: maxOrder, effectiveOrder: effectiveOrder || sentence))
            case .chrf:
                return .chrf(CHRF(charOrder: charOrder, wordOrder: wordOrder, beta: beta, lowercase: lowercase,
                                  whitespace: chrfWhitespace, epsSmoothing: epsSmoothing))
            }
        }
    }

    func run() throws {
        let report = Report(format: format, width: width, short: short, scoreOnly: scoreOnly)
        let metrics = try metrics()
        if !fromStats.isEmpty {
            try report.fromStatistics(files: fromStats, metrics: metrics)
            return
        }
        let corpus = jsonl
            ? try Corpus.fromRecords(paths: hypotheses, hypothesisField: hypField, referenceField: refField, skipInvalid: skipInvalid)
            : try Corpus.fromFiles(hypotheses: hypotheses, references: ref)
        guard corpus.systems[0].lines.count > 0 else {
            throw Failure(.badData, "no segments to score: the hypothesis is empty")
        }
        let tables = try corpus.systems.map { system in
            try metrics.map { try $0.table(hypotheses: system.lines, references: corpus.references, threads: threads) }
        }
        let references = ReferenceCount(streams: corpus.references)
        if sentence {
            try report.sentences(metrics: metrics, tables: tables[0], records: corpus.records)
        } else if stats {
            try report.statistics(metrics: metrics, tables: tables[0], references: references)
        } else if pairedBs || pairedAr {
            let test = PairedTest(kind: pairedBs ? .bootstrap : .randomization,
                                  samples: pairedN ?? (pairedBs ? Significance.defaultBootstrapResamples : Significance.defaultRandomizationTrials))
            try report.paired(systems: corpus.systems.map(\.name), metrics: metrics, tables: tables, test: test,
                              references: references, seed: seed)
        } else if corpus.systems.count > 1 {
            try report.systems(names: corpus.systems.map(\.name), metrics: metrics, tables: tables, references: references)
        } else {
            try report.corpus(metrics: metrics, tables: tables[0], references: references,
                              confidence: ci.map { (resamples: $0, seed: seed) })
        }
    }

    static func main() {
        ProgramRunner.main(Bleu.self)
    }
}

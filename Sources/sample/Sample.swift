import ArgumentParser
import CommandLineSupport
import Decoding
import Diagnostics
import Kernels
import LanguageModels

@main
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate text from a language model, or score text with it (--score).",
        discussion: """
        Generation, as the course samples novel sequences: the model is fed the start of a sequence (the end-of-sequence token </s> at word level, a newline at character level) and the --prime text, then draws the next token from its distribution, feeds it back, and stops at </s> (word level) or after --length tokens. -n sequences are written as JSON Lines {"text","tokens","logprob"}: the text and tokens include the prime; logprob is the natural-log probability of the drawn tokens (and of the closing </s>) under the model's own distribution, before --temperature and the top-k/top-p cuts. --temperature below 1 makes the draws more conservative, above 1 more varied; --greedy always takes the most likely token (the limit of the temperature going to 0). --no-unk never emits <unk>: it is removed and the rest renormalised, which is the same as drawing again. With --seed, the output is the same on every run.

        --score reads records (or, with --text, lines) and adds the sequence's log-probability "logprob" (natural log, the closing </s> or newline included), the per-token "token_logprobs" (one more than the tokens: the last is the closing token) and the "perplexity" exp(-logprob / (tokens + 1)); every other field passes through. It reads the `tokens` field at word level and `text` at character level (--field picks another), so P(the apple and pear salad) and P(the apple and pair salad) can be compared.

        Examples:
          sample -m ptb.nlpipe -n 5 --temperature 0.8
          sample -m shakespeare.nlpipe --prime 'ROMEO:' --length 400 | jq -r .text
          sample -m ptb.nlpipe --greedy --prime 'the stock market'
          printf 'the apple and pear salad\\nthe apple and pair salad\\n' | sample -m ptb.nlpipe --score --text

        Exit status: 0 success, 64 usage error, 65 bad input data (a model file of another kind or damaged, malformed JSON, invalid UTF-8, a record without the field), 66 missing input file, 74 I/O error, 1 anything else.
        """,
        version: NLPipeVersion.string
    )

    static func main() {
        BLASKernelChoice.reexecIfFaster()
        ProgramRunner.main(Sample.self)
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The language model (from lm-train).", valueName: "file"), completion: .file())
    var model: String

    @Flag(help: "Score the input's sequences instead of generating.")
    var score = false

    @Option(help: ArgumentHelp("The record field --score reads (default: tokens at word level, text at character level).", valueName: "name"))
    var field: String?

    @Option(name: .short, help: "How many sequences to generate.")
    var n = 1

    @Option(help: ArgumentHelp("The most tokens a sequence may have, the prime excluded (default: 100 words or 500 characters).", valueName: "n"))
    var length: Int?

    @Option(help: "Divide the log-probabilities by this before drawing.")
    var temperature = 1.0

    @Option(help: ArgumentHelp("Draw only from the k most likely tokens.", valueName: "k"))
    var topK: Int?

    @Option(help: ArgumentHelp("Draw only from the most likely tokens whose probabilities add up to p.", valueName: "p"))
    var topP: Double?

    @Flag(help: "Always take the most likely token.")
    var greedy = false

    @Option(help: ArgumentHelp("Text the sequences start with.", valueName: "text"))
    var prime = ""

    @Flag(help: "Never emit the unknown token <unk>.")
    var noUnk = false

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "Threads for the matrix products (OpenBLAS).")
    var threads = 1

    func validate() throws {
        if let message = samplingOptions().validate() { throw ValidationError(message) }
        if n < 0 { throw ValidationError("-n must not be negative") }
        if let length, length < 1 { throw ValidationError("--length must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func samplingOptions() -> SamplingOptions {
        var options = SamplingOptions()
        options.temperature = temperature
        options.topK = topK
        options.topP = topP
        options.greedy = greedy
        return options
    }

    func run() throws {
        BLAS.setThreads(threads)
        let lm = try LanguageModel(contentsOf: model)
        if score {
            try Scoring(model: lm, input: input, field: field).run()
        } else {
            try Generating(model: lm, command: self).run()
        }
    }
}

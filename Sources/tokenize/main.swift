import ArgumentParser
import CommandLineSupport
import Records
import Text

extension TokenizerOptions.Level: ExpressibleByArgument {}
extension TokenizerOptions.Normalization: ExpressibleByArgument {}
extension TokenizerOptions.Punctuation: ExpressibleByArgument {}

struct Tokenize: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, text }

    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split text into words, characters or sentences with ICU, or join tokens back into text.",
        discussion: """
        Reads plain text lines (default) or JSON Lines records (--jsonl, the text in --field) and
        writes {"text":"...","tokens":[...]} records, or the tokens joined by spaces with --format text
        (the input word2vec-style tools expect). Fields of input records pass through unchanged.

        Words follow ICU's word-break rules with its dictionaries, so Thai, Lao, Khmer, Burmese,
        Chinese and Japanese split into words; emoji sequences, flags and combining marks stay whole;
        numbers like 3.14 and 1,000 stay whole, and so do URLs and e-mail addresses unless
        --no-keep-urls asks for plain ICU segmentation. Text is normalised (NFC) first.

        Examples:
          tokenize < corpus.txt > tokens.jsonl
          tokenize --lower --format text < corpus.txt > corpus.tok   # for word2vec-style tools
          jq -c '{id, text: .body}' docs.jsonl | tokenize --jsonl --offsets
          tokenize --level sentence < article.txt | jq -r '.tokens[]'
          tokenize --format text < corpus.txt | tokenize --detokenize --text --format text

        Exit status: 0 success, 64 usage error, 65 bad input data (invalid UTF-8, malformed JSON, a
        missing field; the message names the input and line), 66 missing input file, 74 I/O error.
        """,
        version: NLPipeVersion.string
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The input field: the text, or the tokens with --detokenize.", valueName: "name"))
    var field: String?

    @Option(help: ArgumentHelp("The output field: the tokens, or the text with --detokenize.", valueName: "name"))
    var outputField: String?

    @Option(help: "What a token is.")
    var level: TokenizerOptions.Level = .word

    @Flag(help: "Case-fold every token (full Unicode case folding: ß becomes ss).")
    var lower = false

    @Option(help: "Unicode normalisation applied before splitting.")
    var normalize: TokenizerOptions.Normalization = .nfc

    @Option(help: "Keep or drop tokens made only of punctuation (General_Category P*).")
    var punct: TokenizerOptions.Punctuation = .keep

    @Option(help: "ICU locale for the break rules; 'root' for the root rules.")
    var locale = "en"

    @Flag(help: "Add each token's [start, end) code-point span in the original text (field 'offsets').")
    var offsets = false

    @Flag(help: "Make every decimal digit a token of its own.")
    var splitDigits = false

    @Flag(inversion: .prefixedNo, help: "Keep URLs and e-mail addresses whole (word level).")
    var keepUrls = true

    @Option(help: "Output JSON Lines records, or plain text (tokens joined by spaces).")
    var format: Format = .jsonl

    @Flag(help: "Join tokens back into text (records' tokens, or whitespace-separated tokens with --text).")
    var detokenize = false

    @Option(help: ArgumentHelp("With --detokenize: the language whose spacing rules apply ('fr' adds French spacing).", valueName: "code"))
    var language = "en"

    func validate() throws {
        if detokenize && (offsets || lower || splitDigits || level != .word || normalize != .nfc || punct != .keep) {
            throw ValidationError("--detokenize takes only input, field and format options")
        }
        if offsets && format == .text { throw ValidationError("--offsets needs JSON Lines output") }
    }

    func run() throws {
        let io = try FilterIO(input, fallback: detokenize ? .automatic : .text)
        if detokenize {
            try Detokenizing(io: io, field: field ?? "tokens", outputField: outputField ?? "text",
                             format: format == .jsonl ? .jsonLines : .text, language: language).run()
        } else {
            let options = TokenizerOptions(level: level, lower: lower, normalize: normalize, punct: punct, locale: locale,
                                           offsets: offsets, splitDigits: splitDigits, keepURLs: keepUrls)
            try Tokenizing(io: io, tokenizer: try Tokenizer(options), field: field ?? "text",
                           outputField: outputField ?? "tokens", format: format == .jsonl ? .jsonLines : .text).run()
        }
        try io.finish(program: "tokenize")
    }
}

ProgramRunner.main(Tokenize.self)

import ArgumentParser
import CommandLineSupport
import VocabularyModule

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count a token stream (or merged counts) into a vocabulary model file.")

    @OptionGroup var stream: TokenStreamOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The vocabulary file to write.", valueName: "file"), completion: .file())
    var output: String

    @Option(help: "Drop tokens seen fewer times.")
    var minCount = 1

    @Option(help: "Keep at most this many tokens, special tokens included.")
    var maxSize: Int?

    @Option(help: ArgumentHelp("Special tokens, comma-separated, taking ids 0, 1, ...; '' for none.", valueName: "list"))
    var specials = "<unk>,<s>,</s>,<pad>"

    @Option(help: ArgumentHelp("Build from these counts files (vocab count/merge) instead of a token stream.", valueName: "file"),
            completion: .file())
    var fromCounts: [String] = []

    func run() throws {
        let specialTokens = try SpecialTokens(specials.isEmpty ? [] : specials.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        let options = VocabularyOptions(minCount: minCount, maxSize: maxSize, specials: specialTokens)
        try options.validate()
        var counter = TokenCounter()
        if fromCounts.isEmpty {
            counter = try stream.count()
        } else {
            guard stream.input.files.isEmpty else {
                throw ValidationError("give either input files or --from-counts, not both")
            }
            for path in fromCounts { counter.merge(try TokenCounter(contentsOf: path)) }
        }
        let vocabulary = try Vocabulary(counts: counter, options: options)
        try vocabulary.write(to: output)
        if !stream.quiet {
            StandardError.print("vocab: \(counter.totalCount) tokens, \(counter.distinctCount) distinct; "
                + "\(vocabulary.count) in the vocabulary (\(specialTokens.count) special) -> \(output)")
        }
    }
}

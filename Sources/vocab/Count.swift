import ArgumentParser
import CommandLineSupport
import VocabularyModule

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count a token stream into a counts file that 'vocab merge' adds up exactly.")

    @OptionGroup var stream: TokenStreamOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The counts file to write.", valueName: "file"), completion: .file())
    var output: String

    func run() throws {
        let counter = try stream.count()
        try counter.write(to: output)
        if !stream.quiet {
            StandardError.print("vocab: \(counter.totalCount) tokens, \(counter.distinctCount) distinct -> \(output)")
        }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add up counts files (from 'vocab count' on shards) into one.")

    @Argument(help: ArgumentHelp("Counts files to add.", valueName: "counts"), completion: .file())
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The counts file to write.", valueName: "file"), completion: .file())
    var output: String

    @Flag(help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one counts file to merge") }
    }

    func run() throws {
        var counter = TokenCounter()
        for path in inputs { counter.merge(try TokenCounter(contentsOf: path)) }
        try counter.write(to: output)
        if !quiet {
            StandardError.print("vocab: merged \(inputs.count) file\(inputs.count == 1 ? "" : "s"): "
                + "\(counter.totalCount) tokens, \(counter.distinctCount) distinct -> \(output)")
        }
    }
}

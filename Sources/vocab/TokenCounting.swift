import ArgumentParser
import CommandLineSupport
import Records
import VocabularyModule

/// The token-stream options shared by `vocab build` and `vocab count`.
struct TokenStreamOptions: ParsableArguments {
    @OptionGroup var input: InputOptions

    @Option(help: "The record field holding the tokens (JSON Lines input).")
    var field = "tokens"

    @Flag(help: "Print no summary on standard error.")
    var quiet = false

    /// Counts every token of the inputs.
    func count() throws -> TokenCounter {
        let lines = LineInput(input)
        let readers = try lines.openAll()
        let format = try readers.first.map { try LineInput.resolve(input.format(), first: $0) } ?? .text
        let tokens = TokenInput(input: lines, readers: readers, format: format, field: field, skipInvalid: input.skipInvalid)
        var counter = TokenCounter(expectedDistinct: 1 << 16)
        try tokens.forEach(token: { counter.add(UnsafeRawBufferPointer($0)) })
        if tokens.skippedLines > 0, !quiet {
            StandardError.print("vocab: skipped \(tokens.skippedLines) invalid line\(tokens.skippedLines == 1 ? "" : "s")")
        }
        return counter
    }
}

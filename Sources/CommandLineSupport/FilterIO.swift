import Records

/// The plumbing of a filter: its inputs opened up front (a missing file fails before any output),
/// the format resolved, standard output buffered and flushed before any read that may block (so a
/// filter answers interactively yet writes in large blocks), and a summary of skipped lines.
public final class FilterIO {
    public let input: LineInput
    public let readers: [ByteReader]
    public let output: OutputWriter
    /// The input format after looking at the data when it was `automatic`.
    public let format: InputFormat
    let skipInvalid: Bool

    /// Opens the inputs of `options`; `fallback` is the format used when neither `--text` nor
    /// `--jsonl` is given (`automatic` looks at the first non-blank byte).
    public init(_ options: InputOptions, fallback: InputFormat, output: OutputWriter = OutputWriter()) throws {
        input = LineInput(options)
        readers = try input.openAll()
        self.output = output
        skipInvalid = options.skipInvalid
        format = try readers.first.map { try LineInput.resolve(options.format(default: fallback), first: $0) } ?? .text
        input.willRead = { [output] in try output.flush() }
    }

    /// Every line of every input, with UTF-8 checked for plain text (JSON is checked by its
    /// parser) unless `bodyValidatesUTF8` says the body checks it itself (a tokenizer must read
    /// every byte anyway; its invalid-UTF-8 error is located like any other).
    ///
    /// When a line stops the filter (bad data, a read error), the answers to the lines before it
    /// are written out first, as jq does: the reader gets everything that was finished, then the
    /// error, and never a half-written record.
    public func forEachLine(bodyValidatesUTF8: Bool = false, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        do {
            try input.forEachLine(readers: readers, validateUTF8: format != .jsonLines && !bodyValidatesUTF8,
                                  skipInvalid: skipInvalid, body)
        } catch let error where !(error is OutputClosed) {
            try? output.flushCompleteLines()
            throw error
        }
    }

    /// Flushes the output and reports skipped lines on standard error.
    public func finish(program: String) throws {
        try output.close()
        if input.skippedLines > 0 {
            let first = input.firstSkipped.map { " (first: \($0.description))" } ?? ""
            StandardError.print("\(program): skipped \(input.skippedLines) invalid line\(input.skippedLines == 1 ? "" : "s")\(first)")
        }
    }
}

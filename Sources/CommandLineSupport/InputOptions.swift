import ArgumentParser
import Records

/// The input options every filter shares: files to read (`-` is standard input), the format, the
/// field, and what to do with invalid lines.
public struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files; '-' or none reads standard input.", valueName: "file"),
              completion: .file())
    public var files: [String] = []

    @Flag(name: .long, help: "Read plain text lines.")
    public var text = false

    @Flag(name: .long, help: "Read JSON Lines records.")
    public var jsonl = false

    @Flag(name: .long, help: "Count and skip invalid lines instead of stopping at the first (exit 65).")
    public var skipInvalid = false

    public init() {}

    public func validate() throws {
        if text && jsonl { throw ValidationError("--text and --jsonl exclude each other") }
    }

    /// The format asked for; `automatic` when neither flag is given.
    public func format(default fallback: InputFormat = .automatic) -> InputFormat {
        if text { return .text }
        if jsonl { return .jsonLines }
        return fallback
    }
}

extension LineInput {
    /// The inputs named by the options.
    public convenience init(_ options: InputOptions) {
        self.init(paths: options.files)
    }
}

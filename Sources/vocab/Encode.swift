import ArgumentParser
import CommandLineSupport
import Records
import VocabularyModule

extension UnknownTokenPolicy: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "unk": self = .useUnknownToken
        case "skip": self = .skip
        case "fail": self = .fail
        default: return nil
        }
    }
    public static var allValueStrings: [String] { ["unk", "skip", "fail"] }
    public var defaultValueDescription: String {
        switch self {
        case .useUnknownToken: return "unk"
        case .skip: return "skip"
        case .fail: return "fail"
        }
    }
}

struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add token ids to records (JSON Lines with tokens, or plain text with --text).",
        discussion: "Every other field of a record passes through unchanged. Plain text lines become {\"text\":...,\"ids\":[...]}.")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The vocabulary file.", valueName: "file"), completion: .file())
    var model: String

    @Option(help: "The record field holding the tokens.")
    var field = "tokens"

    @Option(help: "The field to write the ids to.")
    var outputField = "ids"

    @Flag(help: "Put the beginning-of-sequence id first.")
    var bos = false

    @Flag(help: "Put the end-of-sequence id last.")
    var eos = false

    @Option(help: "Unknown tokens: map to <unk>, skip them, or fail.")
    var unknown: UnknownTokenPolicy = .useUnknownToken

    func run() throws {
        let vocabulary = try Vocabulary(contentsOf: model)
        let begin = bos ? try vocabulary.requireBegin() : nil
        let end = eos ? try vocabulary.requireEnd() : nil
        let io = try FilterIO(input, fallback: .automatic)
        let parser = RecordParser()
        var ids: [Int] = []
        let out = io.output
        func add(_ token: UnsafeBufferPointer<UInt8>) throws {
            if let id = try vocabulary.encodeToken(UnsafeRawBufferPointer(token), unknown: unknown) { ids.append(id) }
        }
        try io.forEachLine { line, _ in
            ids.removeAll(keepingCapacity: true)
            if let begin { ids.append(begin) }
            out.beginRecord()
            if io.format == .jsonLines {
                try parser.parse(line)
                guard let i = parser.index(of: field) else { throw RecordsError.invalidLine("missing field '\(field)'") }
                try parser.forEachStringBytes(i, field: field, add)
                out.passThrough(parser, excluding: parser.index(of: outputField).map { [$0] } ?? [])
            } else {
                try line.split(whereSeparator: TokenInput.isSpace).forEach { try add(UnsafeBufferPointer(rebasing: $0)) }
                out.key("text")
                out.stringValue(line)
            }
            if let end { ids.append(end) }
            out.key(outputField)
            out.integerArray(ids)
            try out.endRecord()
        }
        try io.finish(program: "vocab")
    }
}

struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add tokens for the ids of records.",
        discussion: "Every other field of a record passes through unchanged. An id outside the vocabulary is bad input (exit 65).")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The vocabulary file.", valueName: "file"), completion: .file())
    var model: String

    @Option(help: "The record field holding the ids.")
    var field = "ids"

    @Option(help: "The field to write the tokens to.")
    var outputField = "tokens"

    @Flag(help: "Leave special tokens (<s>, </s>, <pad>, ...) out.")
    var skipSpecials = false

    func run() throws {
        let vocabulary = try Vocabulary(contentsOf: model)
        let io = try FilterIO(input, fallback: .jsonLines)
        let parser = RecordParser()
        let out = io.output
        try io.forEachLine { line, _ in
            try parser.parse(line)
            guard let i = parser.index(of: field) else { throw RecordsError.invalidLine("missing field '\(field)'") }
            let tokens = try vocabulary.decode(try parser.integers(i, field: field), skipSpecials: skipSpecials)
            out.beginRecord()
            out.passThrough(parser, excluding: parser.index(of: outputField).map { [$0] } ?? [])
            out.key(outputField)
            out.stringArray(tokens)
            try out.endRecord()
        }
        try io.finish(program: "vocab")
    }
}

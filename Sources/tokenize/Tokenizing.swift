import CommandLineSupport
import Records
import Text

/// The tokenize loop: each line (or record's text field) through one reused `Tokenizer`, the
/// tokens written straight from its output buffer.
struct Tokenizing {
    let io: FilterIO
    let tokenizer: Tokenizer
    let field: String
    let outputField: String
    let format: InputFormat

    func run() throws {
        let parser = RecordParser()
        let out = io.output
        let jsonInput = io.format == .jsonLines
        try io.forEachLine(bodyValidatesUTF8: true) { line, _ in
            var result: TokenizedLine
            if jsonInput {
                try parser.parse(line)
                guard let i = parser.index(of: field) else { throw RecordsError.invalidLine("missing field '\(field)'") }
                result = try parser.withStringBytes(i, field: field) { try tokenizer.tokenize($0) }
            } else {
                result = try tokenizer.tokenize(line)
            }
            if format == .text {
                result.withUnsafeBuffers { bytes, _ in out.write(bytes) }
                try out.endLine()
                return
            }
            out.beginRecord()
            if jsonInput {
                var replaced: [Int] = []
                if let i = parser.index(of: outputField) { replaced.append(i) }
                if tokenizer.options.offsets, let i = parser.index(of: "offsets") { replaced.append(i) }
                out.passThrough(parser, excluding: replaced)
            } else {
                out.key("text")
                out.stringValue(line)
            }
            out.key(outputField)
            result.withUnsafeBuffers { bytes, ranges in out.stringArray(bytes: bytes, ranges: ranges) }
            if tokenizer.options.offsets {
                out.key("offsets")
                out.beginArray()
                for span in result.offsets {
                    out.separator()
                    out.beginArray()
                    out.integerValue(span.lowerBound)
                    out.byte(UInt8(ascii: ","))
                    out.integerValue(span.upperBound)
                    out.endArray()
                }
                out.endArray()
            }
            try out.endRecord()
        }
    }
}

/// The detokenize loop: tokens from records (or whitespace-separated plain text) joined by the
/// `Detokenizer`'s spacing rules.
struct Detokenizing {
    let io: FilterIO
    let field: String
    let outputField: String
    let format: InputFormat
    let language: String

    func run() throws {
        let detokenizer = Detokenizer(language: language)
        let parser = RecordParser()
        let out = io.output
        try io.forEachLine { line, _ in
            let text: String
            if io.format == .jsonLines {
                try parser.parse(line)
                guard let i = parser.index(of: field) else { throw RecordsError.invalidLine("missing field '\(field)'") }
                text = detokenizer.detokenize(try parser.strings(i, field: field))
            } else {
                text = detokenizer.detokenize(line.split(whereSeparator: TokenInput.isSpace)
                    .map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) })
            }
            if format == .text {
                out.write(text)
                try out.endLine()
                return
            }
            out.beginRecord()
            if io.format == .jsonLines {
                out.passThrough(parser, excluding: parser.index(of: outputField).map { [$0] } ?? [])
            }
            out.key(outputField)
            out.stringValue(text)
            try out.endRecord()
        }
    }
}

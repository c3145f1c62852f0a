import CommandLineSupport
import LanguageModels
import Records
#if canImport(Glibc)
import Glibc
#endif

/// `sample --score`: every record (or line) with its log-probability, per-token log-probabilities
/// and perplexity added; other fields pass through.
struct Scoring {
    let model: LanguageModel
    let input: InputOptions
    let field: String?

    func run() throws {
        let unit: SequenceUnit = model.level == .char ? .characters : .words
        let io = try FilterIO(input, fallback: .automatic)
        let output = io.output
        let added = ["logprob", "token_logprobs", "perplexity"]
        try SequenceLines.forEach(io, unit: unit, field: field ?? SequenceLines.defaultField(unit)) { tokens, record in
            let logs = model.tokenLogProbabilities(try model.encode(tokens))
            let total = logs.reduce(0, +)
            output.beginRecord()
            if let record {
                output.passThrough(record, excluding: record.fields.indices.filter { added.contains(record.key($0)) })
            } else {
                output.key("text")
                output.stringValue(model.level.text(of: tokens))
            }
            output.key("logprob")
            output.doubleValue(total)
            output.key("token_logprobs")
            output.beginArray()
            for value in logs {
                output.separator()
                output.doubleValue(value)
            }
            output.endArray()
            output.key("perplexity")
            output.doubleValue(exp(-total / Double(logs.count)))
            try output.endRecord()
        }
        try io.finish(program: "sample")
    }
}

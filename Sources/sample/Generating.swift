import CommandLineSupport
import Decoding
import LanguageModels
import Randomness
import Records

/// `sample` without --score: -n sequences drawn from the model.
struct Generating {
    let model: LanguageModel
    let command: Sample

    func run() throws {
        let level = model.level
        let vocabulary = model.vocabulary
        let primeTokens = level.tokens(of: command.prime)
        let context = [model.boundaryID] + (try model.encode(primeTokens)).map(Int.init)
        var excluded = Set<Int>([vocabulary.beginID, vocabulary.paddingID].compactMap { $0 })
        if command.noUnk, let unknown = vocabulary.unknownID { excluded.insert(unknown) }
        let stop = level == .word ? model.boundaryID : nil
        if stop == nil { excluded.remove(model.boundaryID) }
        var scorer = LanguageModelScorer(model: model)
        var sampler = TokenSampler(options: command.samplingOptions())
        var generator = PCG64(seed: command.seed)
        let output = OutputWriter()
        let maximum = command.length ?? (level == .word ? 100 : 500)
        for _ in 0..<command.n {
            let drawn = Generation.sample(&scorer, context: context, stop: stop, maximumLength: maximum, excluding: excluded,
                                          sampler: &sampler, generator: &generator)
            let tokens = primeTokens + drawn.tokens.map { vocabulary.tokens[$0] }
            output.beginRecord()
            output.key("text")
            output.stringValue(level.text(of: tokens))
            output.key("tokens")
            output.stringArray(tokens)
            output.key("logprob")
            output.doubleValue(drawn.logProbability)
            try output.endRecord()
            try output.flush()
        }
        try output.close()
    }
}

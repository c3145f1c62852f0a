import CommandLineSupport
import Embeddings
import Foundation
import Records
import VocabularyModule

/// Reads the token stream of the inputs once into a spooled `TrainingCorpus`.
enum CorpusReading {
    static func read(_ input: InputOptions, field: String, vocabulary: Vocabulary?,
                     options: TrainingOptions, temporaryDirectory: String? = nil) throws -> TrainingCorpus {
        let lines = LineInput(input)
        let readers = try lines.openAll()
        let format = try readers.first.map { try LineInput.resolve(input.format(), first: $0) } ?? .text
        let tokens = TokenInput(input: lines, readers: readers, format: format, field: field, skipInvalid: input.skipInvalid)
        let directory = temporaryDirectory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var spooler = try CorpusSpooler(temporaryDirectory: directory, vocabulary: vocabulary)
        try tokens.forEach(token: { try spooler.add(UnsafeRawBufferPointer($0)) },
                           endOfSequence: { try spooler.endSequence() })
        if tokens.skippedLines > 0 {
            StandardError.print("embed-train: skipped \(tokens.skippedLines) invalid line\(tokens.skippedLines == 1 ? "" : "s")")
        }
        return try spooler.finish(minCount: options.minCount, maxVocabulary: options.maxVocabulary)
    }
}

import ArgumentParser
import Embeddings

/// `--checkpoint`, `--checkpoint-every` and `--resume`: where a run saves itself and what it
/// continues from (the format and its guarantees are `TrainingCheckpoint`'s).
struct CheckpointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Save the run to this file at the end of every epoch (or as --checkpoint-every says), replacing it atomically, so that --resume can continue it after an interruption. It holds the vectors, the output layer, the vocabulary, every setting, the progress and the random states.", valueName: "file"),
            completion: .file())
    var checkpoint: String?

    @Option(help: ArgumentHelp("With --checkpoint: save every N corpus tokens (counted over all epochs; with --deterministic at the next round end) instead of at the end of every epoch.", valueName: "n"))
    var checkpointEvery: Int?

    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint, on the same input and with the same settings (the number of threads may differ with --deterministic). With --threads 1, or with --deterministic, the result is the same file as a run that was never interrupted.", valueName: "file"),
            completion: .file())
    var resume: String?

    func validate() throws {
        if checkpointEvery != nil && checkpoint == nil {
            throw ValidationError("--checkpoint-every needs --checkpoint FILE")
        }
        if let checkpointEvery, checkpointEvery < 1000 {
            throw ValidationError("--checkpoint-every must be at least 1000 tokens (got \(checkpointEvery))")
        }
    }

    /// The checkpoint to resume, read and checked for its kind and integrity.
    func resumed() throws -> TrainingCheckpoint? {
        try resume.map { try TrainingCheckpoint(contentsOf: $0) }
    }

    /// True when any of the three options is given.
    var isUsed: Bool { checkpoint != nil || checkpointEvery != nil || resume != nil }

    var plan: CheckpointPlan? {
        checkpoint.map { CheckpointPlan(path: $0, every: checkpointEvery) }
    }
}

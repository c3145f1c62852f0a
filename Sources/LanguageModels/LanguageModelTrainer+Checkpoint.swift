import Diagnostics
import JSONCore
import ModelArchive
import Neural

/// The `lm-checkpoint` archive kind, format version 1: an `lm` archive's tensors and metadata
/// plus what continuing needs — `state.<l>.hidden`/`state.<l>.cell` (the carried state, f32
/// batch×H), for Adam `adam.m.<parameter>`/`adam.v.<parameter>` (f64), and `progress` metadata
/// (`{"epoch","batch","lr","best_valid_loss","saved_epoch","epoch_loss","epoch_tokens",
/// "adam_steps","train_fingerprint","train_tokens","training_seconds","training_tokens","training_cpu_seconds"}`; the last three,
/// the run's training time, tokens and processor time so far, are absent from older checkpoints and then count from 0) and `training` (the `LMTrainingOptions`).
extension LanguageModelTrainer {
    public static let checkpointKind = "lm-checkpoint"

    /// The checkpoint of the run as it stands.
    public func checkpoint() throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: Self.checkpointKind, formatVersion: LanguageModel.archiveFormatVersion)
        try model.addContents(to: &writer)
        writer.metadata["training"] = options.json.jsonText
        for (l, state) in model.network.states.enumerated() {
            try writer.add("state.\(l).hidden", state.hidden.toArray(), shape: [state.hidden.rows, state.hidden.columns])
            try writer.add("state.\(l).cell", state.cell.toArray(), shape: [state.cell.rows, state.cell.columns])
        }
        var adamSteps = 0
        if let adam = optimizer as? Adam {
            adamSteps = adam.stepCount
            if !adam.firstMoments.isEmpty {
                var offset = 0
                for p in model.network.parameters {
                    let values = offset..<(offset + p.value.count)
                    try writer.add("adam.m.\(p.name)", Array(adam.firstMoments[values]), shape: [p.value.rows, p.value.columns])
                    try writer.add("adam.v.\(p.name)", Array(adam.secondMoments[values]), shape: [p.value.rows, p.value.columns])
                    offset = values.upperBound
                }
            }
        }
        let progress: JSONValue = [
            "epoch": JSONValue(position.epoch), "batch": JSONValue(position.batch), "lr": JSONValue(position.learningRate),
            "best_valid_loss": position.bestValidLoss.map { JSONValue($0) } ?? .null,
            "saved_epoch": JSONValue(position.savedEpoch), "epoch_loss": JSONValue(position.epochLoss),
            "epoch_tokens": JSONValue(position.epochTokens), "adam_steps": JSONValue(adamSteps),
            "train_fingerprint": .string(String(train.fingerprint, radix: 16)), "train_tokens": JSONValue(train.ids.count),
            "training_seconds": JSONValue(position.trainingSeconds), "training_tokens": JSONValue(position.trainingTokens),
            "training_cpu_seconds": JSONValue(position.trainingCPUSeconds),
        ]
        writer.metadata["progress"] = progress.jsonText
        return writer
    }

    /// The model stored in a checkpoint (to encode the corpus with its vocabulary before resuming).
    public static func model(inCheckpoint reader: ArchiveReader) throws -> LanguageModel {
        try LanguageModel(archive: reader, kind: checkpointKind)
    }

    /// Continues the run saved in `reader` on the same training stream (checked by its
    /// fingerprint), up to `epochs` epochs when given (otherwise the stored count). `model` is
    /// `model(inCheckpoint:)` of the same reader.
    public convenience init(resuming reader: ArchiveReader, model: LanguageModel, train: TokenStream, dev: TokenStream?,
                            epochs: Int?) throws {
        func bad(_ message: String) -> ArchiveError { ArchiveError(.badData, path: reader.path, message) }
        guard let config = try reader.metadataJSON("training") else { throw bad("has no 'training' metadata") }
        var options = try LMTrainingOptions(json: config, network: model.network.configuration, level: model.level)
        if let epochs {
            options.epochs = epochs
            if case .object(var fields) = model.trainingConfig, let i = fields.firstIndex(where: { $0.key == "epochs" }) {
                fields[i].value = JSONValue(epochs)
                model.trainingConfig = .object(fields)
            }
        }
        try options.validate()
        guard let progress = try reader.metadataJSON("progress") else { throw bad("has no 'progress' metadata") }
        func integer(_ key: String) throws -> Int {
            guard let n = progress[key]?.intValue, n >= 0 else { throw bad("'progress' metadata lacks '\(key)'") }
            return n
        }
        func number(_ key: String) throws -> Double {
            guard let x = progress[key]?.doubleValue else { throw bad("'progress' metadata lacks '\(key)'") }
            return x
        }
        guard progress["train_fingerprint"]?.stringValue == String(train.fingerprint, radix: 16),
              try integer("train_tokens") == train.ids.count else {
            throw Failure(.usage, "\(reader.path): the training data differs from the data this checkpoint was trained on; "
                + "resume with the same input and options")
        }
        var position = TrainingPosition()
        position.epoch = try integer("epoch")
        position.batch = try integer("batch")
        position.learningRate = try number("lr")
        position.bestValidLoss = progress["best_valid_loss"]?.doubleValue
        position.savedEpoch = try integer("saved_epoch")
        position.epochLoss = try number("epoch_loss")
        position.epochTokens = try integer("epoch_tokens")
        position.trainingSeconds = max(0, progress["training_seconds"]?.doubleValue ?? 0)
        position.trainingTokens = max(0, progress["training_tokens"]?.intValue ?? 0)
        position.trainingCPUSeconds = max(0, progress["training_cpu_seconds"]?.doubleValue ?? 0)
        let optimizer: any Optimizer
        if options.optimizer == .adam {
            let adam = Adam()
            adam.stepCount = try integer("adam_steps")
            if adam.stepCount > 0 {
                for p in model.network.parameters {
                    let first = try reader.array("adam.m.\(p.name)", as: Double.self)
                    let second = try reader.array("adam.v.\(p.name)", as: Double.self)
                    guard first.count == p.value.count, second.count == p.value.count else {
                        throw bad("Adam moments of '\(p.name)' have the wrong size")
                    }
                    adam.firstMoments += first
                    adam.secondMoments += second
                }
            }
            optimizer = adam
        } else {
            optimizer = SGD()
        }
        try self.init(model: model, options: options, train: train, dev: dev, optimizer: optimizer, position: position)
        guard position.batch <= batchesPerEpoch else { throw bad("'progress' is past the end of an epoch of this corpus") }
        let h = model.network.configuration.hiddenSize
        for (l, state) in model.network.states.enumerated() {
            state.reset(batch: options.batch)
            guard reader.contains("state.\(l).hidden") else { continue }
            let hidden = try reader.buffer("state.\(l).hidden", as: Float.self, shape: [nil, h])
            let cell = try reader.buffer("state.\(l).cell", as: Float.self, shape: [nil, h])
            if hidden.count == options.batch * h && cell.count == hidden.count {
                state.hidden.set(Array(hidden))
                state.cell.set(Array(cell))
            }
        }
    }
}

import Diagnostics
import JSONCore
import Neural

/// The optimizer `lm-train --optimizer` names.
public enum OptimizerKind: String, CaseIterable, Sendable {
    case sgd, adam
}

/// Everything that decides how a language model is trained (the `lm-train` options), with the
/// defaults of Zaremba et al.'s "small" PTB model where it has one.
public struct LMTrainingOptions: Sendable, Equatable {
    public var level: ModelLevel = .word
    public var network = NetworkConfiguration()
    /// Steps of truncated backpropagation through time.
    public var bptt = 20
    /// Parallel streams per batch.
    public var batch = 20
    public var epochs = 13
    public var optimizer: OptimizerKind = .sgd
    public var learningRate = 1.0
    /// On a validation plateau (no improvement), the learning rate is divided by this (1: never).
    public var learningRateDecay = 2.0
    /// From the end of this epoch on, the learning rate is divided by `learningRateDecay` after
    /// every epoch, improved or not (Zaremba et al.'s schedule: 4); 0: only on a plateau.
    public var decayAfter = 0
    /// The largest global gradient norm (0: no clipping).
    public var clip = 5.0
    /// The recurrent layers' biases learn at this multiple of the learning rate (2: as PyTorch's
    /// two bias vectors per gate do; see `RecurrentNetwork.rateScales(recurrentBiases:)`).
    public var biasLearningRateScale = 1.0
    /// Parameters start uniform in (−initScale, initScale).
    public var initScale = 0.1
    public var seed: UInt64 = 1
    /// Write a checkpoint every this many batches (0: only at the end of each epoch when a
    /// checkpoint file is given).
    public var checkpointEvery = 0

    public init() {}

    /// `.usage` for settings that cannot train.
    public func validate() throws {
        func fail(_ message: String) -> Failure { Failure(.usage, message) }
        if network.layers < 1 { throw fail("--layers must be at least 1") }
        if network.hiddenSize < 1 || network.embedSize < 1 { throw fail("--hidden and --embed must be at least 1") }
        if !(network.dropout >= 0 && network.dropout < 1) { throw fail("--dropout must be in [0, 1)") }
        if network.tied && network.embedSize != network.hiddenSize {
            throw fail("--tie needs --embed equal to --hidden (got \(network.embedSize) and \(network.hiddenSize))")
        }
        if bptt < 1 || batch < 1 { throw fail("--bptt and --batch must be at least 1") }
        if epochs < 1 { throw fail("--epochs must be at least 1") }
        if !(learningRate > 0) || !learningRate.isFinite { throw fail("--lr must be positive") }
        if !(learningRateDecay >= 1) { throw fail("--lr-decay must be at least 1") }
        if decayAfter < 0 { throw fail("--decay-after must not be negative") }
        if !(clip >= 0) { throw fail("--clip must not be negative") }
        if !(biasLearningRateScale > 0) || !biasLearningRateScale.isFinite { throw fail("--bias-lr-scale must be a positive finite number") }
        if !(initScale > 0) { throw fail("--init-scale must be positive") }
        if checkpointEvery < 0 { throw fail("--checkpoint-every must not be negative") }
    }

    /// The settings as the model file's `config`.
    public var json: JSONValue {
        [
            "level": .string(level.rawValue), "cell": .string(network.cell.rawValue), "layers": JSONValue(network.layers),
            "hidden": JSONValue(network.hiddenSize), "embed": JSONValue(network.embedSize),
            "dropout": JSONValue(network.dropout), "tied": .bool(network.tied), "bptt": JSONValue(bptt),
            "batch": JSONValue(batch), "epochs": JSONValue(epochs), "optimizer": .string(optimizer.rawValue),
            "lr": JSONValue(learningRate), "lr_decay": JSONValue(learningRateDecay),
            "decay_after": JSONValue(decayAfter), "clip": JSONValue(clip), "bias_lr_scale": JSONValue(biasLearningRateScale),
            "init_scale": JSONValue(initScale), "seed": JSONValue(seed),
        ]
    }

    /// Reads the settings back from a checkpoint's `config`.
    init(json: JSONValue, network: NetworkConfiguration, level: ModelLevel) throws {
        func number(_ key: String) throws -> Double {
            guard let x = json[key]?.doubleValue else { throw Failure(.badData, "the checkpoint's configuration lacks '\(key)'") }
            return x
        }
        self.init()
        self.level = level
        self.network = network
        bptt = Int(try number("bptt"))
        batch = Int(try number("batch"))
        epochs = Int(try number("epochs"))
        guard let name = json["optimizer"]?.stringValue, let kind = OptimizerKind(rawValue: name) else {
            throw Failure(.badData, "the checkpoint's configuration has no known 'optimizer'")
        }
        optimizer = kind
        learningRate = try number("lr")
        learningRateDecay = try number("lr_decay")
        // Checkpoints written before the option existed decayed on plateaus only.
        decayAfter = json["decay_after"]?.intValue ?? 0
        clip = try number("clip")
        // Checkpoints written before the option existed trained every parameter at the one rate.
        biasLearningRateScale = json["bias_lr_scale"] == nil ? 1 : try number("bias_lr_scale")
        initScale = try number("init_scale")
        guard let s = json["seed"]?.numberValue?.intValue, s >= 0 else { throw Failure(.badData, "the checkpoint's configuration lacks 'seed'") }
        seed = UInt64(s)
    }
}

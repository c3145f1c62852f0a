import ArgumentParser
import Embeddings

/// `--method`: the two word2vec architectures and GloVe.
enum EmbedMethod: String, CaseIterable, ExpressibleByArgument {
    case skipgram, cbow, glove

    /// The word2vec architecture, nil for GloVe.
    var trainingMethod: TrainingMethod? { TrainingMethod(rawValue: rawValue) }
}

extension GloVeVectorOutput: ExpressibleByArgument {}

/// A size in bytes written as a number with an optional K, M, G or T suffix (powers of 1024;
/// a trailing B is allowed: 512M, 4G, 1.5GB).
struct ByteSize: ExpressibleByArgument, Equatable {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var text = argument.uppercased()
        if text.hasSuffix("B") { text.removeLast() }
        var multiplier = 1.0
        if let last = text.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            multiplier = Double(1 << (10 * power))
            text.removeLast()
        }
        guard let value = Double(text), value > 0, value.isFinite, value * multiplier < 9e18 else { return nil }
        bytes = Int(value * multiplier)
    }

    var defaultValueDescription: String { GloVeMemoryPlan.describe(bytes) }
}

/// The options only `--method glove` reads.
struct GloVeOptionGroup: ParsableArguments {
    @Flag(help: "Count only the left context of each word (X[earlier, later]), as Stanford's cooccur -symmetric 0.")
    var asymmetric = false

    @Option(help: ArgumentHelp("The memory bound (K, M, G suffixes): co-occurrence counts beyond it are spilled to sorted temporary files and merged, as Stanford's cooccur -memory does; training keeps the parameters and a buffer of co-occurring pairs (16 bytes each) within it: pairs beyond the buffer are scattered at random into blocks in an unlinked temporary file and trained one block at a time.", valueName: "size"))
    var memory = ByteSize(bytes: 4 << 30)

    @Option(help: ArgumentHelp("The folder for temporary files (default: $TMPDIR or /tmp).", valueName: "dir"),
            completion: .directory)
    var tmpdir: String?

    @Flag(help: "Count co-occurrences and write them to -o as a shard file instead of training; shard files given as input are added up before training.")
    var cooccurOnly = false

    @Option(name: .customLong("x-max"), help: ArgumentHelp("x_max of GloVe's weighting f(x) = (x/x_max)^alpha below x_max, 1 above.", valueName: "x"))
    var xMax = 100.0

    @Option(help: ArgumentHelp("alpha of GloVe's weighting function.", valueName: "alpha"))
    var alpha = 0.75

    @Option(help: "Which GloVe vectors to write: word (W), context (W~), sum (W + W~) or concat ([W, W~], twice --dim).")
    var vectors: GloVeVectorOutput = .sum

    init() {}

    /// Whether any GloVe-only option was given (an error with the word2vec methods).
    var isUsed: Bool {
        asymmetric || cooccurOnly || tmpdir != nil || memory.bytes != 4 << 30 || xMax != 100 || alpha != 0.75 || vectors != .sum
    }
}

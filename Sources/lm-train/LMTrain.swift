import ArgumentParser
import CommandLineSupport
import Diagnostics
import LanguageModels
import Neural

extension CellKind: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension ModelLevel: ExpressibleByArgument {}

@main
struct LMTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm-train",
        abstract: "Train a word- or character-level recurrent language model (RNN, GRU or LSTM).",
        discussion: """
        Reads training text from the inputs: at word level the tokens of each record (`tokens` field, as `tokenize` writes) or, with --text, each line's white-space separated words; at character level (--level char) each record's `text` or, with --text, each line's characters. Every line or record is a sequence; sequences are joined into one stream with the end-of-sequence token </s> (word level) or the newline character (character level) between them, so newlines are characters of a character-level model. Records may hold token ids instead, as `vocab encode` writes them: at word level with --vocab, a record's `ids` field is read when it has one, and --field NAME reads a field holding an array of integers as ids at either level. Ids index the vocabulary of --vocab (or, with --resume, the checkpoint's), so they need one; an id outside it is bad input (exit 65, naming the line). An id sequence that ends with the boundary id (`vocab encode --eos`) gets no second one. --dev FILE is read the same way and evaluated after every epoch.

        The vocabulary is built from the training data (--min-count, --max-vocab; <unk> <s> </s> <pad> first at word level, <unk> at character level) or read from --vocab (a `vocab build` file, which needs </s>). Training uses truncated backpropagation through time: --batch contiguous streams, windows of --bptt steps, the hidden state carried from window to window; the loss of a batch is summed over its steps and averaged over its streams (Zaremba et al. 2014), clipped to global norm --clip, and applied with --optimizer sgd or adam at rate --lr. The defaults are Zaremba et al.'s small PTB model (2 layers of 200 LSTM units, BPTT 20, batch 20, SGD lr 1, clip 5, initial weights in +-0.1).

        After each epoch the training and validation loss (nats per token), the validation perplexity (and bits per character at character level) go to standard error and to the --log file as one JSON line per epoch ({"event":"epoch","epoch","train_loss","valid_loss","valid_ppl","tokens_per_s","seconds","lr",...}). The model with the best validation loss so far is written to -o (without --dev, the latest); when the validation loss does not improve, the learning rate is divided by --lr-decay, and with --decay-after N also after every epoch from the N-th on (Zaremba et al.'s schedule is --decay-after 4). --test FILE is evaluated once training ends, with the best model, as one stream (batch 1, the state carried throughout, as the paper evaluates), and logged as {"event":"test","epoch","test_loss","test_ppl","tokens"}. --time-limit SECONDS ends the run at the first batch boundary after that much training time (validation excluded), also inside an epoch: the part of the epoch done is evaluated, logged as an epoch line with "batches" below "batches_per_epoch" and "stopped":"time_limit", and the model kept if it is the best so far; every epoch line also carries the run's "total_seconds" and "total_tokens" of training, and the processor time of the epoch's and the run's training ("cpu_seconds", "total_cpu_seconds", all threads). If the loss becomes NaN, training stops with exit status 1 and the model file keeps the last good weights.

        --checkpoint-every N writes OUTPUT.checkpoint (atomically) every N batches and after every epoch; --resume CHECKPOINT continues that run on the same input, with the network and training settings stored in the checkpoint (--epochs may raise the total). With the same seed and --threads, a resumed run ends with the same model as an uninterrupted one. A run stopped by --time-limit writes a checkpoint where it stopped (with --checkpoint-every), from which a resumed run continues exactly; --time-limit counts the training time of the earlier sessions too.

        Examples:
          lm-train --text --decay-after 4 --dev ptb.valid.txt --test ptb.test.txt -o ptb.nlpipe ptb.train.txt
          lm-train --text --level char --hidden 128 --embed 128 --bptt 100 --batch 50 --optimizer adam --lr 0.002 --dev valid.txt -o shakespeare.nlpipe train.txt
          tokenize --lower < corpus.txt | lm-train --cell gru --epochs 5 -o model.nlpipe
          tokenize --lower < corpus.txt | vocab encode -m vocab.nlpipe | lm-train --vocab vocab.nlpipe -o model.nlpipe
          lm-train --text --checkpoint-every 500 -o ptb.nlpipe ptb.train.txt
          lm-train --text --resume ptb.nlpipe.checkpoint -o ptb.nlpipe ptb.train.txt

        Exit status: 0 success, 64 usage error (impossible settings, a checkpoint of other data), 65 bad input data (an empty corpus, a token id outside the vocabulary, a corpus shorter than one --batch x --bptt window, malformed JSON, invalid UTF-8, a damaged --vocab or --resume file), 66 missing input file, 74 I/O error, 1 anything else (the loss became NaN).
        """,
        version: NLPipeVersion.string
    )

    static func main() {
        BLASKernelChoice.reexecIfFaster()
        ProgramRunner.main(LMTrain.self)
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The language model file to write.", valueName: "file"), completion: .file())
    var output: String

    @Option(help: ArgumentHelp("The record field to read (default: tokens at word level, text at character level; with --vocab, ids when a record has them). A field holding an array of integers is read as token ids.", valueName: "name"))
    var field: String?

    @Option(help: "word: tokens; char: characters, newlines included.")
    var level: ModelLevel = .word

    @Option(help: ArgumentHelp("Validation text, read like the input; evaluated after every epoch.", valueName: "file"), completion: .file())
    var dev: String?

    @Option(help: ArgumentHelp("Test text, read like the input; the best model is evaluated on it once training ends, as one stream (batch 1, the state carried throughout).", valueName: "file"), completion: .file())
    var test: String?

    @Option(help: "The recurrent cell: rnn, gru or lstm.")
    var cell: CellKind = .lstm

    @Option(help: "Stacked recurrent layers.")
    var layers = 2

    @Option(help: "Units per recurrent layer.")
    var hidden = 200

    @Option(help: "The embedding dimension.")
    var embed = 200

    @Option(help: "Dropout rate between layers (and on the embedding and the top layer's output).")
    var dropout = 0.0

    @Flag(help: "Tie the output layer's weights to the embedding table (needs --embed equal to --hidden).")
    var tie = false

    @Option(help: "Steps of truncated backpropagation through time.")
    var bptt = 20

    @Option(help: "Parallel streams per batch.")
    var batch = 20

    @Option(help: "Passes over the training data.")
    var epochs = 13

    @Option(help: "sgd or adam.")
    var optimizer: OptimizerKind = .sgd

    @Option(help: ArgumentHelp("The learning rate (default: 1 for sgd, 0.002 for adam).", valueName: "rate"))
    var lr: Double?

    @Option(help: "Divide the learning rate by this when the validation loss does not improve (1: never).")
    var lrDecay = 2.0

    @Option(help: ArgumentHelp("From the end of epoch N on, divide the learning rate by --lr-decay after every epoch (Zaremba et al.: 4; 0: only when the validation loss does not improve).", valueName: "n"))
    var decayAfter = 0

    @Option(help: ArgumentHelp("Stop training at the first batch boundary after this many seconds of training (validation excluded, earlier sessions of a resumed run included); the model is then evaluated, reported and kept like at the end of an epoch.", valueName: "seconds"))
    var timeLimit: Double?

    @Option(help: "Clip gradients to this global norm (0: no clipping).")
    var clip = 5.0

    @Option(help: "Initial weights are uniform in (-scale, scale).")
    var initScale = 0.1

    @Option(help: ArgumentHelp("The recurrent layers' biases learn at this multiple of the learning rate. 2 trains them as PyTorch's nn.LSTM and nn.RNN (and cuDNN) do: those write each gate's bias as two vectors with the same gradient, whose sum moves twice as far per step.", valueName: "k"))
    var biasLrScale = 1.0

    @Option(help: ArgumentHelp("Use this vocabulary (from 'vocab build') instead of building one.", valueName: "file"), completion: .file())
    var vocab: String?

    @Option(help: "Tokens seen fewer times become <unk>.")
    var minCount = 1

    @Option(help: ArgumentHelp("Keep at most N tokens, special tokens included.", valueName: "n"))
    var maxVocab: Int?

    @Option(help: "Threads. When the recurrent layers outweigh the output layer (character models), each batch's sequences are split among them: each thread trains its share on a copy of the network sharing its weights, the gradients added in a fixed order, so results depend on the count but repeat exactly for the same count and seed. With a large vocabulary (word models) they are OpenBLAS's threads for the matrix products.")
    var threads = Machine.coreCount

    @Option(help: "The random seed (initial weights, dropout masks).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write OUTPUT.checkpoint every N batches and after every epoch (0: never).", valueName: "n"))
    var checkpointEvery = 0

    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint.", valueName: "checkpoint"), completion: .file())
    var resume: String?

    @Option(help: ArgumentHelp("Write one JSON line per epoch (and progress about twice a second) to this file.", valueName: "file"), completion: .file())
    var log: String?

    @Flag(help: "Print no progress or summary on standard error.")
    var quiet = false

    func validate() throws {
        do { try trainingOptions().validate() } catch let error as ClassifiedError {
            throw ValidationError(error.description)
        }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func trainingOptions() -> LMTrainingOptions {
        var options = LMTrainingOptions()
        options.level = level
        options.network.cell = cell
        options.network.layers = layers
        options.network.hiddenSize = hidden
        options.network.embedSize = embed
        options.network.dropout = dropout
        options.network.tied = tie
        options.bptt = bptt
        options.batch = batch
        options.epochs = epochs
        options.optimizer = optimizer
        options.learningRate = lr ?? (optimizer == .adam ? 0.002 : 1)
        options.learningRateDecay = lrDecay
        options.decayAfter = decayAfter
        options.clip = clip
        options.initScale = initScale
        options.biasLearningRateScale = biasLrScale
        options.seed = seed
        options.checkpointEvery = checkpointEvery
        return options
    }

    func run() throws {
        try Training(command: self).run()
    }
}

import ArgumentParser
import CommandLineSupport

@main
struct Vocab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Count tokens, build vocabularies, and map tokens to ids and back.",
        discussion: """
        Token streams come from `tokenize` (JSON Lines with a `tokens` field) or, with --text, plain
        text with tokens separated by white space (a corpus that is one huge line streams in bounded
        memory). Memory grows with the vocabulary, never with the corpus.

        Vocabulary order: the special tokens first (<unk> <s> </s> <pad>, ids 0-3, unless --specials
        says otherwise), then tokens by count descending, ties in code-point order.

        Examples:
          tokenize --lower < corpus.txt | vocab build --min-count 5 -o vocab.nlpipe
          xz -dc wiki8.xz | vocab build --text --max-size 30000 -o vocab.nlpipe
          vocab encode -m vocab.nlpipe --eos < tokens.jsonl | vocab decode -m vocab.nlpipe
          vocab show -m vocab.nlpipe --format tsv | head
          # counting shards in parallel, then merging: the same vocabulary as one pass
          ls shard.* | xargs -P 4 -I{} sh -c 'vocab count --text -o {}.counts < {}'
          vocab merge -o all.counts shard.*.counts
          vocab build --from-counts all.counts --min-count 5 -o vocab.nlpipe

        Exit status: 0 success, 64 usage error, 65 bad input data (the message names the input
        and line), 66 missing input file, 74 I/O error, 1 anything else.
        """,
        version: NLPipeVersion.string,
        subcommands: [Build.self, Count.self, Merge.self, Encode.self, Decode.self, Show.self]
    )

    static func main() {
        ProgramRunner.main(Vocab.self)
    }
}

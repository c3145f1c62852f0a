function __embed-train_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embed-train_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __embed-train_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embed-train_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __embed-train_parse_tokens -S
    set -l unparsed_tokens (__embed-train_tokens -pc)
    switch $unparsed_tokens[1]
    case 'embed-train'
        __embed-train_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'o/output=' 'field=' 'method=' 'loss=' 'dim=' 'window=' 'negative=' 'ns-exponent=' 'min-count=' 'max-vocab=' 'sample=' 'epochs=' 'lr=' 'min-lr=' 'threads=' 'seed=' 'sigmoid=' 'init-range=' 'share-negatives' 'deterministic' 'checkpoint=' 'checkpoint-every=' 'resume=' 'vocab=' 'init=' 'log=' 'eval-analogies=' 'eval-pairs=' 'quiet' 'asymmetric' 'memory=' 'tmpdir=' 'cooccur-only' 'x-max=' 'alpha=' 'vectors=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __embed-train_parse_subcommand -r 1 'version'
        end
    end
end

function __embed-train_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __embed-train_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __embed-train_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __embed-train_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__embed-train_tokens -p)
    if test -z "$(__embed-train_tokens -t)"
        set -l index (count (__embed-train_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'embed-train' -f
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_positional "embed-train" -ge 1' -F
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" text' -l 'text' -d 'Read plain text lines.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" o output' -l 'output' -s 'o' -d 'The embeddings file to write.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" field' -l 'field' -d 'The record field holding the tokens (JSON Lines input).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" method' -l 'method' -d 'skipgram: each context word predicts the centre word; cbow: their mean does; glove: GloVe on co-occurrence counts.' -rfka 'skipgram cbow glove'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" loss' -l 'loss' -d 'ns: negative sampling; hs: hierarchical softmax; softmax: the full softmax.' -rfka 'ns hs softmax'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" dim' -l 'dim' -d 'The vector dimension.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" window' -l 'window' -d 'The largest distance between a word and its context (each word draws 1...window; glove counts every pair up to it, weighted 1/distance). Default: 5, glove 10.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" negative' -l 'negative' -d 'Noise words per example (--loss ns).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" ns-exponent' -l 'ns-exponent' -d 'The exponent of the noise distribution (unigram^exponent).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" min-count' -l 'min-count' -d 'Words seen fewer times are dropped.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" max-vocab' -l 'max-vocab' -d 'Keep at most the N most frequent words.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" sample' -l 'sample' -d 'The subsampling threshold for frequent words (0: keep every word).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" epochs' -l 'epochs' -d 'Passes over the corpus (glove: over the co-occurrence pairs). Default: 5, glove 15.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" lr' -l 'lr' -d 'The starting learning rate (default: 0.025 skipgram, 0.05 cbow and glove).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" min-lr' -l 'min-lr' -d 'The final learning rate (default: 0.0001 x --lr).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" threads' -l 'threads' -d 'Worker threads (default: the number of cores).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" seed' -l 'seed' -d 'The random seed.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" sigmoid' -l 'sigmoid' -d 'table: word2vec.c\'s table of the sigmoid over [-6, 6]; exact: computed each time.' -rfka 'table exact'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" init-range' -l 'init-range' -d 'Skip-gram and CBOW: input vectors start uniform in [-R, R)/--dim (1: gensim 4\'s and fastText\'s start; 0.5: word2vec.c\'s).' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" share-negatives' -l 'share-negatives' -d 'Skip-gram with --loss ns: draw the noise words once per centre word and share them across its window (faster; not word2vec.c\'s sampling).'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" deterministic' -l 'deterministic' -d 'The same vectors for any --threads (fixed shards with their own random streams, merged in a fixed order); see the discussion for what it costs.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" checkpoint' -l 'checkpoint' -d 'Save the run to this file at the end of every epoch (or as --checkpoint-every says), replacing it atomically, so that --resume can continue it after an interruption. It holds the vectors, the output layer, the vocabulary, every setting, the progress and the random states.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" checkpoint-every' -l 'checkpoint-every' -d 'With --checkpoint: save every N corpus tokens (counted over all epochs; with --deterministic at the next round end) instead of at the end of every epoch.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" resume' -l 'resume' -d 'Continue the run saved in this checkpoint, on the same input and with the same settings (the number of threads may differ with --deterministic). With --threads 1, or with --deterministic, the result is the same file as a run that was never interrupted.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" vocab' -l 'vocab' -d 'Use this vocabulary (from \'vocab build\') instead of counting one.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" init' -l 'init' -d 'Start from these vectors (an embeddings file or any file embed-query reads: word2vec text or binary, GloVe, fastText .vec) instead of random ones: the rows of words in both are copied (the dimension must equal --dim), the other words start as usual. The output vectors are copied too when the file is an embeddings file with output vectors for exactly this vocabulary (for example one this program wrote from the same corpus), otherwise they start at zero.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" log' -l 'log' -d 'Write metrics to this file as JSON lines: one line about twice a second while training (words done, words per second, learning rate, running mean loss, ETA in seconds, epoch), one per finished epoch (words, seconds, mean loss), one per phase with its wall-clock seconds: read (reading, counting and spooling the input), trained (training alone) and written (the model file); with --method glove also one when counting ends (pairs, blocks, CPU seconds and peak memory so far).' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" eval-analogies' -l 'eval-analogies' -d 'After every epoch, evaluate the vectors on these analogy questions (questions-words.txt format) as \'embed-query --eval-analogies\' does (gensim\'s counting, 3CosAdd, the 30000 most frequent words); the scores go to the --log epoch line and a summary to standard error.' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" eval-pairs' -l 'eval-pairs' -d 'After every epoch, evaluate the vectors on these word pairs (word1, word2, score separated by tabs, as wordsim353.tsv) as \'embed-query --eval-pairs\' does (Spearman\'s rho, the 30000 most frequent words).' -rF
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" quiet' -l 'quiet' -d 'Print no progress or summary on standard error.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" asymmetric' -l 'asymmetric' -d 'Count only the left context of each word (X[earlier, later]), as Stanford\'s cooccur -symmetric 0.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" memory' -l 'memory' -d 'The memory bound (K, M, G suffixes): co-occurrence counts beyond it are spilled to sorted temporary files and merged, as Stanford\'s cooccur -memory does; training keeps the parameters and a buffer of co-occurring pairs (16 bytes each) within it: pairs beyond the buffer are scattered at random into blocks in an unlinked temporary file and trained one block at a time.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" tmpdir' -l 'tmpdir' -d 'The folder for temporary files (default: $TMPDIR or /tmp).' -rfa '(__embed-train_complete_directories)'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" cooccur-only' -l 'cooccur-only' -d 'Count co-occurrences and write them to -o as a shard file instead of training; shard files given as input are added up before training.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" x-max' -l 'x-max' -d 'x_max of GloVe\'s weighting f(x) = (x/x_max)^alpha below x_max, 1 above.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" alpha' -l 'alpha' -d 'alpha of GloVe\'s weighting function.' -rfka ''
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" vectors' -l 'vectors' -d 'Which GloVe vectors to write: word (W), context (W~), sum (W + W~) or concat ([W, W~], twice --dim).' -rfka 'word context sum concat'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" version' -l 'version' -d 'Show the version.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_positional "embed-train" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'embed-train' -n '__embed-train_should_offer_completions_for_flags_or_options "embed-train help" version' -l 'version' -d 'Show the version.'

function __lm-train_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __lm-train_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __lm-train_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __lm-train_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __lm-train_parse_tokens -S
    set -l unparsed_tokens (__lm-train_tokens -pc)
    switch $unparsed_tokens[1]
    case 'lm-train'
        __lm-train_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'o/output=' 'field=' 'level=' 'dev=' 'test=' 'cell=' 'layers=' 'hidden=' 'embed=' 'dropout=' 'tie' 'bptt=' 'batch=' 'epochs=' 'optimizer=' 'lr=' 'lr-decay=' 'decay-after=' 'time-limit=' 'clip=' 'init-scale=' 'bias-lr-scale=' 'vocab=' 'min-count=' 'max-vocab=' 'threads=' 'seed=' 'checkpoint-every=' 'resume=' 'log=' 'quiet' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __lm-train_parse_subcommand -r 1 'version'
        end
    end
end

function __lm-train_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __lm-train_parse_subcommand -S -a positional_count
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

function __lm-train_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __lm-train_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__lm-train_tokens -p)
    if test -z "$(__lm-train_tokens -t)"
        set -l index (count (__lm-train_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'lm-train' -f
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_positional "lm-train" -ge 1' -F
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" text' -l 'text' -d 'Read plain text lines.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" o output' -l 'output' -s 'o' -d 'The language model file to write.' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" field' -l 'field' -d 'The record field to read (default: tokens at word level, text at character level; with --vocab, ids when a record has them). A field holding an array of integers is read as token ids.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" level' -l 'level' -d 'word: tokens; char: characters, newlines included.' -rfka 'word char'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" dev' -l 'dev' -d 'Validation text, read like the input; evaluated after every epoch.' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" test' -l 'test' -d 'Test text, read like the input; the best model is evaluated on it once training ends, as one stream (batch 1, the state carried throughout).' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" cell' -l 'cell' -d 'The recurrent cell: rnn, gru or lstm.' -rfka 'rnn gru lstm'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" layers' -l 'layers' -d 'Stacked recurrent layers.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" hidden' -l 'hidden' -d 'Units per recurrent layer.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" embed' -l 'embed' -d 'The embedding dimension.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" dropout' -l 'dropout' -d 'Dropout rate between layers (and on the embedding and the top layer\'s output).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" tie' -l 'tie' -d 'Tie the output layer\'s weights to the embedding table (needs --embed equal to --hidden).'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" bptt' -l 'bptt' -d 'Steps of truncated backpropagation through time.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" batch' -l 'batch' -d 'Parallel streams per batch.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" epochs' -l 'epochs' -d 'Passes over the training data.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" optimizer' -l 'optimizer' -d 'sgd or adam.' -rfka 'sgd adam'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" lr' -l 'lr' -d 'The learning rate (default: 1 for sgd, 0.002 for adam).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" lr-decay' -l 'lr-decay' -d 'Divide the learning rate by this when the validation loss does not improve (1: never).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" decay-after' -l 'decay-after' -d 'From the end of epoch N on, divide the learning rate by --lr-decay after every epoch (Zaremba et al.: 4; 0: only when the validation loss does not improve).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" time-limit' -l 'time-limit' -d 'Stop training at the first batch boundary after this many seconds of training (validation excluded, earlier sessions of a resumed run included); the model is then evaluated, reported and kept like at the end of an epoch.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" clip' -l 'clip' -d 'Clip gradients to this global norm (0: no clipping).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" init-scale' -l 'init-scale' -d 'Initial weights are uniform in (-scale, scale).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" bias-lr-scale' -l 'bias-lr-scale' -d 'The recurrent layers\' biases learn at this multiple of the learning rate. 2 trains them as PyTorch\'s nn.LSTM and nn.RNN (and cuDNN) do: those write each gate\'s bias as two vectors with the same gradient, whose sum moves twice as far per step.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" vocab' -l 'vocab' -d 'Use this vocabulary (from \'vocab build\') instead of building one.' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" min-count' -l 'min-count' -d 'Tokens seen fewer times become <unk>.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" max-vocab' -l 'max-vocab' -d 'Keep at most N tokens, special tokens included.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" threads' -l 'threads' -d 'Threads. When the recurrent layers outweigh the output layer (character models), each batch\'s sequences are split among them: each thread trains its share on a copy of the network sharing its weights, the gradients added in a fixed order, so results depend on the count but repeat exactly for the same count and seed. With a large vocabulary (word models) they are OpenBLAS\'s threads for the matrix products.' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" seed' -l 'seed' -d 'The random seed (initial weights, dropout masks).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" checkpoint-every' -l 'checkpoint-every' -d 'Write OUTPUT.checkpoint every N batches and after every epoch (0: never).' -rfka ''
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" resume' -l 'resume' -d 'Continue the run saved in this checkpoint.' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" log' -l 'log' -d 'Write one JSON line per epoch (and progress about twice a second) to this file.' -rF
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" quiet' -l 'quiet' -d 'Print no progress or summary on standard error.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" version' -l 'version' -d 'Show the version.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_positional "lm-train" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'lm-train' -n '__lm-train_should_offer_completions_for_flags_or_options "lm-train help" version' -l 'version' -d 'Show the version.'

function __sample_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sample_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __sample_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sample_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __sample_parse_tokens -S
    set -l unparsed_tokens (__sample_tokens -pc)
    switch $unparsed_tokens[1]
    case 'sample'
        __sample_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'm/model=' 'score' 'field=' 'n=' 'length=' 'temperature=' 'top-k=' 'top-p=' 'greedy' 'prime=' 'no-unk' 'seed=' 'threads=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __sample_parse_subcommand -r 1 'version'
        end
    end
end

function __sample_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __sample_parse_subcommand -S -a positional_count
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

function __sample_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __sample_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__sample_tokens -p)
    if test -z "$(__sample_tokens -t)"
        set -l index (count (__sample_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'sample' -f
complete -c 'sample' -n '__sample_should_offer_completions_for_positional "sample" -ge 1' -F
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" text' -l 'text' -d 'Read plain text lines.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" m model' -l 'model' -s 'm' -d 'The language model (from lm-train).' -rF
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" score' -l 'score' -d 'Score the input\'s sequences instead of generating.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" field' -l 'field' -d 'The record field --score reads (default: tokens at word level, text at character level).' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" n' -s 'n' -d 'How many sequences to generate.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" length' -l 'length' -d 'The most tokens a sequence may have, the prime excluded (default: 100 words or 500 characters).' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" temperature' -l 'temperature' -d 'Divide the log-probabilities by this before drawing.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" top-k' -l 'top-k' -d 'Draw only from the k most likely tokens.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" top-p' -l 'top-p' -d 'Draw only from the most likely tokens whose probabilities add up to p.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" greedy' -l 'greedy' -d 'Always take the most likely token.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" prime' -l 'prime' -d 'Text the sequences start with.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" no-unk' -l 'no-unk' -d 'Never emit the unknown token <unk>.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" seed' -l 'seed' -d 'The random seed.' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" threads' -l 'threads' -d 'Threads for the matrix products (OpenBLAS).' -rfka ''
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" version' -l 'version' -d 'Show the version.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sample' -n '__sample_should_offer_completions_for_positional "sample" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'sample' -n '__sample_should_offer_completions_for_flags_or_options "sample help" version' -l 'version' -d 'Show the version.'

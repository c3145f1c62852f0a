function __vocab_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __vocab_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __vocab_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __vocab_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __vocab_parse_tokens -S
    set -l unparsed_tokens (__vocab_tokens -pc)
    switch $unparsed_tokens[1]
    case 'vocab'
        __vocab_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'build'
            __vocab_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'field=' 'quiet' 'o/output=' 'min-count=' 'max-size=' 'specials=' 'from-counts=+' 'version' 'h/help'
        case 'count'
            __vocab_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'field=' 'quiet' 'o/output=' 'version' 'h/help'
        case 'merge'
            __vocab_parse_subcommand -r 1 'o/output=' 'quiet' 'version' 'h/help'
        case 'encode'
            __vocab_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'm/model=' 'field=' 'output-field=' 'bos' 'eos' 'unknown=' 'version' 'h/help'
        case 'decode'
            __vocab_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'm/model=' 'field=' 'output-field=' 'skip-specials' 'version' 'h/help'
        case 'show'
            __vocab_parse_subcommand 0 'm/model=' 'format=' 'version' 'h/help'
        case 'help'
            __vocab_parse_subcommand -r 1 'version'
        end
    end
end

function __vocab_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __vocab_parse_subcommand -S -a positional_count
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

function __vocab_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __vocab_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__vocab_tokens -p)
    if test -z "$(__vocab_tokens -t)"
        set -l index (count (__vocab_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'vocab' -f
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'build' -d 'Count a token stream (or merged counts) into a vocabulary model file.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'count' -d 'Count a token stream into a counts file that \'vocab merge\' adds up exactly.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'merge' -d 'Add up counts files (from \'vocab count\' on shards) into one.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'encode' -d 'Add token ids to records (JSON Lines with tokens, or plain text with --text).'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'decode' -d 'Add tokens for the ids of records.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'show' -d 'Print the tokens of a vocabulary or counts file with their ids and counts.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab build" -ge 1' -F
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" text' -l 'text' -d 'Read plain text lines.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" field' -l 'field' -d 'The record field holding the tokens (JSON Lines input).' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" quiet' -l 'quiet' -d 'Print no summary on standard error.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" o output' -l 'output' -s 'o' -d 'The vocabulary file to write.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" min-count' -l 'min-count' -d 'Drop tokens seen fewer times.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" max-size' -l 'max-size' -d 'Keep at most this many tokens, special tokens included.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" specials' -l 'specials' -d 'Special tokens, comma-separated, taking ids 0, 1, ...; \'\' for none.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build"' -l 'from-counts' -d 'Build from these counts files (vocab count/merge) instead of a token stream.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab count" -ge 1' -F
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" text' -l 'text' -d 'Read plain text lines.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" field' -l 'field' -d 'The record field holding the tokens (JSON Lines input).' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" quiet' -l 'quiet' -d 'Print no summary on standard error.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" o output' -l 'output' -s 'o' -d 'The counts file to write.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab count" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab merge" -ge 1' -F
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab merge" o output' -l 'output' -s 'o' -d 'The counts file to write.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab merge" quiet' -l 'quiet' -d 'Print no summary on standard error.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab merge" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab encode" -ge 1' -F
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" text' -l 'text' -d 'Read plain text lines.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" m model' -l 'model' -s 'm' -d 'The vocabulary file.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" field' -l 'field' -d 'The record field holding the tokens.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" output-field' -l 'output-field' -d 'The field to write the ids to.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" bos' -l 'bos' -d 'Put the beginning-of-sequence id first.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" eos' -l 'eos' -d 'Put the end-of-sequence id last.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" unknown' -l 'unknown' -d 'Unknown tokens: map to <unk>, skip them, or fail.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab encode" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_positional "vocab decode" -ge 1' -F
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" text' -l 'text' -d 'Read plain text lines.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" m model' -l 'model' -s 'm' -d 'The vocabulary file.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" field' -l 'field' -d 'The record field holding the ids.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" output-field' -l 'output-field' -d 'The field to write the tokens to.' -rfka ''
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" skip-specials' -l 'skip-specials' -d 'Leave special tokens (<s>, </s>, <pad>, ...) out.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab decode" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab show" m model' -l 'model' -s 'm' -d 'A vocabulary or counts file.' -rF
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab show" format' -l 'format' -d 'Output format.' -rfka 'jsonl tsv'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab show" version' -l 'version' -d 'Show the version.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'vocab' -n '__vocab_should_offer_completions_for_flags_or_options "vocab help" version' -l 'version' -d 'Show the version.'

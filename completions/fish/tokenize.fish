function __tokenize_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tokenize_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tokenize_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tokenize_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tokenize_parse_tokens -S
    set -l unparsed_tokens (__tokenize_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tokenize'
        __tokenize_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'field=' 'output-field=' 'level=' 'lower' 'normalize=' 'punct=' 'locale=' 'offsets' 'split-digits' 'keep-urls' 'no-keep-urls' 'format=' 'detokenize' 'language=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tokenize_parse_subcommand -r 1 'version'
        end
    end
end

function __tokenize_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tokenize_parse_subcommand -S -a positional_count
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

function __tokenize_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tokenize_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tokenize_tokens -p)
    if test -z "$(__tokenize_tokens -t)"
        set -l index (count (__tokenize_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tokenize' -f
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_positional "tokenize" -ge 1' -F
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" text' -l 'text' -d 'Read plain text lines.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" field' -l 'field' -d 'The input field: the text, or the tokens with --detokenize.' -rfka ''
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" output-field' -l 'output-field' -d 'The output field: the tokens, or the text with --detokenize.' -rfka ''
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" level' -l 'level' -d 'What a token is.' -rfka 'word char sentence'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" lower' -l 'lower' -d 'Case-fold every token (full Unicode case folding: ß becomes ss).'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" normalize' -l 'normalize' -d 'Unicode normalisation applied before splitting.' -rfka 'nfc nfkc none'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" punct' -l 'punct' -d 'Keep or drop tokens made only of punctuation (General_Category P*).' -rfka 'keep drop'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" locale' -l 'locale' -d 'ICU locale for the break rules; \'root\' for the root rules.' -rfka ''
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" offsets' -l 'offsets' -d 'Add each token\'s [start, end) code-point span in the original text (field \'offsets\').'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" split-digits' -l 'split-digits' -d 'Make every decimal digit a token of its own.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" keep-urls' -l 'keep-urls' -d 'Keep URLs and e-mail addresses whole (word level).'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" no-keep-urls' -l 'no-keep-urls' -d 'Keep URLs and e-mail addresses whole (word level).'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" format' -l 'format' -d 'Output JSON Lines records, or plain text (tokens joined by spaces).' -rfka 'jsonl text'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" detokenize' -l 'detokenize' -d 'Join tokens back into text (records\' tokens, or whitespace-separated tokens with --text).'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" language' -l 'language' -d 'With --detokenize: the language whose spacing rules apply (\'fr\' adds French spacing).' -rfka ''
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" version' -l 'version' -d 'Show the version.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_positional "tokenize" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tokenize' -n '__tokenize_should_offer_completions_for_flags_or_options "tokenize help" version' -l 'version' -d 'Show the version.'

function __embed-query_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embed-query_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __embed-query_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embed-query_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __embed-query_parse_tokens -S
    set -l unparsed_tokens (__embed-query_tokens -pc)
    switch $unparsed_tokens[1]
    case 'embed-query'
        __embed-query_parse_subcommand -r 1 'text' 'jsonl' 'skip-invalid' 'm/model=' 'k=' 'method=' 'restrict-vocab=' 'vectors' 'export=' 'eval-analogies=' 'counting=' 'eval-pairs=' 'plot=' 'o/output=' 'threads=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __embed-query_parse_subcommand -r 1 'version'
        end
    end
end

function __embed-query_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __embed-query_parse_subcommand -S -a positional_count
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

function __embed-query_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __embed-query_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__embed-query_tokens -p)
    if test -z "$(__embed-query_tokens -t)"
        set -l index (count (__embed-query_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'embed-query' -f
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_positional "embed-query" -ge 1' -F
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" text' -l 'text' -d 'Read plain text lines.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" jsonl' -l 'jsonl' -d 'Read JSON Lines records.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" skip-invalid' -l 'skip-invalid' -d 'Count and skip invalid lines instead of stopping at the first (exit 65).'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" m model' -l 'model' -s 'm' -d 'The word vectors (nlpipe, word2vec text/binary, GloVe, fastText .vec).' -rF
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" k' -s 'k' -d 'How many neighbours a word query returns.' -rfka ''
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" method' -l 'method' -d 'How analogies are answered: 3cosadd (cos(w, b-a+c)) or 3cosmul (Levy & Goldberg\'s product form).' -rfka '3cosadd 3cosmul'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" restrict-vocab' -l 'restrict-vocab' -d 'Draw answers from the first N words only (default: all words for queries, 30000 for evaluations).' -rfka ''
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" vectors' -l 'vectors' -d 'Answer word queries with the word\'s vector instead of its neighbours.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" export' -l 'export' -d 'Write the vectors to standard output in this format: word2vec, word2vec-binary or glove.' -rfka 'word2vec word2vec-binary glove'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" eval-analogies' -l 'eval-analogies' -d 'Evaluate on an analogy file (questions-words.txt layout) and print a JSON summary.' -rF
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" counting' -l 'counting' -d 'Whose rules --eval-analogies counts by: gensim (evaluate_word_analogies) or word2vec (compute-accuracy).' -rfka 'gensim word2vec'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" eval-pairs' -l 'eval-pairs' -d 'Evaluate on a word-pair file (word1 TAB word2 TAB score) and print a JSON summary.' -rF
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" plot' -l 'plot' -d 'Plot the words listed in this file (white-space separated) on their first two principal components.' -rF
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" o output' -l 'output' -s 'o' -d 'The SVG file --plot writes (replaced atomically).' -rF
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" threads' -l 'threads' -d 'Threads for the matrix products (OpenBLAS).' -rfka ''
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" version' -l 'version' -d 'Show the version.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_positional "embed-query" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'embed-query' -n '__embed-query_should_offer_completions_for_flags_or_options "embed-query help" version' -l 'version' -d 'Show the version.'

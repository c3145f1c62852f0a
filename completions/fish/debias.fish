function __debias_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __debias_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __debias_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __debias_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __debias_parse_tokens -S
    set -l unparsed_tokens (__debias_tokens -pc)
    switch $unparsed_tokens[1]
    case 'debias'
        __debias_parse_subcommand 0 'm/model=' 'o/output=' 'measure' 'pairs=' 'direction=' 'direction-words=' 'components=' 'gender-specific=' 'equalize=' 'neutral-words=' 'most-biased=' 'weat=' 'permutations=' 'seed=' 'eval-analogies=' 'eval-pairs=' 'restrict-vocab=' 'report=' 'threads=' 'quiet' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __debias_parse_subcommand -r 1 'version'
        end
    end
end

function __debias_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __debias_parse_subcommand -S -a positional_count
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

function __debias_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __debias_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__debias_tokens -p)
    if test -z "$(__debias_tokens -t)"
        set -l index (count (__debias_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'debias' -f
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" m model' -l 'model' -s 'm' -d 'The word vectors (nlpipe, word2vec text/binary, GloVe, fastText .vec).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" o output' -l 'output' -s 'o' -d 'Write the debiased vectors to this embeddings file (replaced atomically).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" measure' -l 'measure' -d 'Only measure the bias of the input vectors; change nothing.'
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" pairs' -l 'pairs' -d 'Definitional pairs that define the bias direction (JSON list of [word, word]; default: built-in).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" direction' -l 'direction' -d 'How g is found from the pairs: pca (their first principal component) or mean (the mean of their normalised differences).' -rfka 'pca mean'
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" direction-words' -l 'direction-words' -d 'g is the difference of these two words\' unit vectors (e.g. woman,man) instead of coming from pairs.' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" components' -l 'components' -d 'How many principal components of the pairs the report gives the explained variance of.' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" gender-specific' -l 'gender-specific' -d 'Words that keep their gender component (JSON list; default: built-in).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" equalize' -l 'equalize' -d 'Pairs to equalise (JSON list of [word, word]; default: built-in).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" neutral-words' -l 'neutral-words' -d 'Neutral words whose direct bias is measured (JSON list; default: built-in professions).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" most-biased' -l 'most-biased' -d 'How many most biased neutral words to list on each side.' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" weat' -l 'weat' -d 'WEAT tests to run (JSON object with the word lists X, Y, A, B, or a list of them).' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" permutations' -l 'permutations' -d 'Partitions for the WEAT p-value (all of them when there are no more than this many, otherwise a random sample).' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" seed' -l 'seed' -d 'The random seed of the WEAT permutation sample.' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" eval-analogies' -l 'eval-analogies' -d 'Evaluate analogies before and after (questions-words.txt layout), as embed-query --eval-analogies does.' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" eval-pairs' -l 'eval-pairs' -d 'Evaluate word similarity before and after (word1 TAB word2 TAB score), as embed-query --eval-pairs does.' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" restrict-vocab' -l 'restrict-vocab' -d 'The evaluations draw answers from the first N words.' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" report' -l 'report' -d 'Write the JSON report to this file instead of standard output.' -rF
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" threads' -l 'threads' -d 'Threads for the matrix products (OpenBLAS).' -rfka ''
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" quiet' -l 'quiet' -d 'Print no summary on standard error.'
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" version' -l 'version' -d 'Show the version.'
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'debias' -n '__debias_should_offer_completions_for_positional "debias" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'debias' -n '__debias_should_offer_completions_for_flags_or_options "debias help" version' -l 'version' -d 'Show the version.'

function __bleu_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __bleu_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __bleu_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __bleu_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __bleu_parse_tokens -S
    set -l unparsed_tokens (__bleu_tokens -pc)
    switch $unparsed_tokens[1]
    case 'bleu'
        __bleu_parse_subcommand -r 1 'r/ref=+' 'jsonl' 'hyp-field=' 'ref-field=' 'skip-invalid' 'metric=+' 'tokenize=' 'lowercase' 'smooth=' 'smooth-value=' 'max-order=' 'effective-order' 'char-order=' 'word-order=' 'beta=' 'chrf-whitespace' 'eps-smoothing' 'sentence' 'ci=' 'paired-bs' 'paired-ar' 'paired-n=' 'seed=' 'stats' 'from-stats=+' 'format=' 'score-only' 'width=' 'short' 'threads=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __bleu_parse_subcommand -r 1 'version'
        end
    end
end

function __bleu_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __bleu_parse_subcommand -S -a positional_count
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

function __bleu_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __bleu_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__bleu_tokens -p)
    if test -z "$(__bleu_tokens -t)"
        set -l index (count (__bleu_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'bleu' -f
complete -c 'bleu' -n '__bleu_should_offer_completions_for_positional "bleu" -ge 1' -F
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu"' -s 'r' -l 'ref' -d 'A reference file (repeat for several references).' -rF
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" jsonl' -l 'jsonl' -d 'Read JSON Lines records holding the hypothesis and its references.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" hyp-field' -l 'hyp-field' -d 'With --jsonl: the hypothesis field.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" ref-field' -l 'ref-field' -d 'With --jsonl: the reference field (a string or an array; \'refs\' is tried when \'ref\' is absent).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" skip-invalid' -l 'skip-invalid' -d 'With --jsonl: count and skip invalid records instead of stopping.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu"' -l 'metric' -d 'The metric (repeat for several).' -rfka 'bleu chrf'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" tokenize' -l 'tokenize' -d 'BLEU tokeniser: 13a, intl, zh, char or none.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" lowercase' -l 'lowercase' -d 'Lowercase before scoring (as Python\'s str.lower).'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" smooth' -l 'smooth' -d 'BLEU smoothing (default: exp).' -rfka 'none floor add-k exp'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" smooth-value' -l 'smooth-value' -d 'The smoothing value for floor (default 0.1) and add-k (default 1).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" max-order' -l 'max-order' -d 'The largest n-gram order of BLEU.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" effective-order' -l 'effective-order' -d 'Use BLEU\'s effective order (the default for --sentence).'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" char-order' -l 'char-order' -d 'chrF: the character n-gram order.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" word-order' -l 'word-order' -d 'chrF: the word n-gram order (2 gives chrF++).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" beta' -l 'beta' -d 'chrF: the weight of recall.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" chrf-whitespace' -l 'chrf-whitespace' -d 'chrF: keep white space in character n-grams.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" eps-smoothing' -l 'eps-smoothing' -d 'chrF: smooth with epsilon instead of effective-order averaging.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" sentence' -l 'sentence' -d 'Score every segment: one JSON Lines record per line, other fields passed through.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" ci' -l 'ci' -d 'Add a bootstrap 95% confidence interval from this many resamples (sacreBLEU --confidence-n).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" paired-bs' -l 'paired-bs' -d 'Paired bootstrap resampling test of each system against the first (the baseline).'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" paired-ar' -l 'paired-ar' -d 'Paired approximate randomisation test of each system against the first (the baseline).'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" paired-n' -l 'paired-n' -d 'Resamples (paired bootstrap, default 1000) or trials (randomisation, default 10000).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" seed' -l 'seed' -d 'The seed of the resampling tests (sacreBLEU\'s SACREBLEU_SEED).' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" stats' -l 'stats' -d 'Print the summable sufficient statistics instead of the score.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu"' -l 'from-stats' -d 'Score the sum of statistics files from --stats (repeat for each shard).' -rF
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" format' -l 'format' -d 'Output format: sacreBLEU\'s JSON, or its text line.' -rfka 'json text'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" score-only' -l 'score-only' -d 'Print only the score.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" width' -l 'width' -d 'Decimals of printed scores.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" short' -l 'short' -d 'Short signature keys (sacreBLEU --short).'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" threads' -l 'threads' -d 'Worker threads for the statistics (default: the number of cores); results do not depend on it.' -rfka ''
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" version' -l 'version' -d 'Show the version.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_positional "bleu" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'bleu' -n '__bleu_should_offer_completions_for_flags_or_options "bleu help" version' -l 'version' -d 'Show the version.'

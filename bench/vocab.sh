#!/usr/bin/env bash
# vocab build on the 16.9M-token wiki8 corpus (one 100 MB line), next to the usual ways of
# counting a corpus: Python's collections.Counter and `tr | sort | uniq -c`. Median of 3 runs.
source "$(dirname "$0")/lib.sh"
corpus=$OUT/wiki8.txt
[ -s "$corpus" ] || xz -dc "$DATA/corpora/wiki8.xz" > "$corpus"
mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: wiki8, $mb MB, $(wc -w < "$corpus") tokens"

t_nlpipe=$(time_median 3 "$BIN/vocab build --text --quiet -o $OUT/wiki8.vocab.nlpipe < $corpus")
m_nlpipe=$(peak_rss_mb "$BIN/vocab build --text --quiet -o $OUT/wiki8.vocab.nlpipe < $corpus")
t_python=$(time_median 3 "python3 -c 'import collections,sys; c=collections.Counter(sys.stdin.buffer.read().split()); print(len(c))' < $corpus")
m_python=$(peak_rss_mb "python3 -c 'import collections,sys; c=collections.Counter(sys.stdin.buffer.read().split()); print(len(c))' < $corpus")
t_sort=$(time_median 1 "tr -s ' ' '\n' < $corpus | LC_ALL=C sort | LC_ALL=C uniq -c | LC_ALL=C sort -rn > /dev/null")

printf '%-34s %9s %9s %10s\n' tool seconds "peak MB" "nlpipe is"
printf '%-34s %9.2f %9s %10s\n' "nlpipe vocab build" "$t_nlpipe" "$m_nlpipe" "1.00x"
printf '%-34s %9.2f %9s %9sx\n' "python collections.Counter" "$t_python" "$m_python" "$(ratio "$t_python" "$t_nlpipe")"
printf '%-34s %9.2f %9s %9sx\n' "tr | sort | uniq -c | sort -rn" "$t_sort" "-" "$(ratio "$t_sort" "$t_nlpipe")"
echo "goal: nlpipe vocab build under 5 s"

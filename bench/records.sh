#!/usr/bin/env bash
# The record path: read JSON Lines, pass fields through, add a field, write JSON Lines. One
# million short records through `vocab encode` (ids added) and `tokenize --jsonl`, next to
# `jq -c .` (parse and re-print only) and Python's json module. Median of 3 runs; records/s.
source "$(dirname "$0")/lib.sh"
n=1000000
records=$OUT/short-records.jsonl
[ -s "$records" ] || awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":%d,\"lang\":\"en\",\"text\":\"the cat %d sat\",\"tokens\":[\"the\",\"cat\",\"sat\"]}\n", i, i % 97 }' > "$records"
printf 'the\ncat\nsat\n' | "$BIN/vocab" build --text --quiet -o "$OUT/tiny.vocab.nlpipe"
mb=$(awk -v b="$(stat -c %s "$records")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $n records, $mb MB"

t_encode=$(time_median 3 "$BIN/vocab encode -m $OUT/tiny.vocab.nlpipe < $records")
t_tokenize=$(time_median 3 "$BIN/tokenize --jsonl < $records")
t_jq=$(time_median 3 "jq -c . < $records")
t_python=$(time_median 3 "python3 -c 'import json,sys
w=sys.stdout.write
for l in sys.stdin:
    r=json.loads(l); r[\"ids\"]=[1,2,3]; w(json.dumps(r, ensure_ascii=False)+\"\\n\")' < $records")

rate() { awk -v n=$n -v t="$1" 'BEGIN { printf "%.0f", n / t }'; }
printf '%-40s %9s %12s %10s\n' tool seconds records/s "nlpipe is"
printf '%-40s %9.2f %12s %10s\n' "nlpipe vocab encode (pass-through + ids)" "$t_encode" "$(rate "$t_encode")" "1.00x"
printf '%-40s %9.2f %12s %10s\n' "nlpipe tokenize --jsonl" "$t_tokenize" "$(rate "$t_tokenize")" "-"
printf '%-40s %9.2f %12s %9sx\n' "jq -c ." "$t_jq" "$(rate "$t_jq")" "$(ratio "$t_jq" "$t_encode")"
printf '%-40s %9.2f %12s %9sx\n' "python json loads/dumps" "$t_python" "$(rate "$t_python")" "$(ratio "$t_python" "$t_encode")"
echo "goal: at least 500k short records per second on the record path"

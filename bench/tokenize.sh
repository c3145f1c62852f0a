#!/usr/bin/env bash
# tokenize end to end (plain text in, JSON Lines out, one thread) next to a plain C program that
# only walks ICU's word-break iterator (bench/icu_wordbreak.c) and sacremoses' Moses tokenizer, in
# one run, on the 21 MB English WMT21 text and on a mostly non-Latin text built from the
# multilingual sample. Median of 5 runs (sacremoses: one run on a slice, it is slow).
# Goals: English >= 2x the ICU C loop and >= 50x sacremoses; non-Latin >= 0.8x the ICU C loop.
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
python3 -c 'import sacremoses' 2>/dev/null || python3 -m pip install --quiet sacremoses
cc=$OUT/icu_wordbreak
[ "$cc" -nt "$BENCH_ROOT/bench/icu_wordbreak.c" ] || gcc -O2 -o "$cc" "$BENCH_ROOT/bench/icu_wordbreak.c" $(pkg-config --cflags --libs icu-uc icu-i18n)

english=$OUT/en-wmt21.txt
[ -s "$english" ] || xz -dc "$DATA/bleu/bench/en-wmt21-21MB.txt.xz" > "$english"
nonlatin=$OUT/non-latin.txt
if [ ! -s "$nonlatin" ]; then
  python3 - "$DATA/tokenize/multilingual-sample.jsonl" > "$OUT/non-latin-lines.txt" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["lang"] in {"ar", "el", "fa", "he", "hi", "ja", "ko", "ru", "th", "zh"} and r["text"].strip():
        print(r["text"])
PY
  for _ in $(seq 4000); do cat "$OUT/non-latin-lines.txt"; done > "$nonlatin"
fi
moses_slice=$OUT/en-slice.txt
head -c 2000000 "$english" | sed '$d' > "$moses_slice"

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f", b / 1e6 }'; }
mbps() { awk -v m="$1" -v t="$2" 'BEGIN { printf "%.1f", m / t }'; }

report() {
  local name=$1 file=$2 mb t_nl t_c t_c16 tokens
  mb=$(size_mb "$file")
  tokens=$("$BIN/tokenize" --format text < "$file" | wc -w)
  t_nl=$(time_median "$RUNS" "$BIN/tokenize < $file")
  t_c=$(time_median "$RUNS" "$cc < $file 2>/dev/null")
  t_c16=$(time_median "$RUNS" "$cc --utf16 < $file 2>/dev/null")
  printf '\n%s: %s MB, %s tokens\n' "$name" "$mb" "$tokens"
  printf '%-44s %8s %8s %12s\n' tool seconds MB/s tokens/s
  printf '%-44s %8.3f %8s %12.0f\n' "nlpipe tokenize (JSONL out)" "$t_nl" "$(mbps "$mb" "$t_nl")" "$(awk -v n="$tokens" -v t="$t_nl" 'BEGIN { print n / t }')"
  printf '%-44s %8.3f %8s %12s\n' "plain C loop over ICU word breaks (no output)" "$t_c" "$(mbps "$mb" "$t_c")" "-"
  printf '%-44s %8.3f %8s %12s\n' "the same loop over UTF-16 copies (--utf16)" "$t_c16" "$(mbps "$mb" "$t_c16")" "-"
  printf 'ratio nlpipe / ICU C loop: %sx (against the UTF-16 loop: %sx)\n' "$(ratio "$t_c" "$t_nl")" "$(ratio "$t_c16" "$t_nl")"
}

report "English (WMT21 21 MB)" "$english"
mb_slice=$(size_mb "$moses_slice")
t_moses=$(time_median 1 "python3 -c 'import sys
from sacremoses import MosesTokenizer
m = MosesTokenizer(lang=\"en\"); w = sys.stdout.write
for line in sys.stdin: w(\" \".join(m.tokenize(line, escape=False)) + \"\\n\")' < $moses_slice")
t_nl_slice=$(time_median "$RUNS" "$BIN/tokenize < $moses_slice")
printf '%-44s %8.3f %8s   (on a %s MB slice)\n' "sacremoses MosesTokenizer" "$t_moses" "$(mbps "$mb_slice" "$t_moses")" "$mb_slice"
printf 'ratio nlpipe / sacremoses (same slice): %sx\n' "$(ratio "$t_moses" "$t_nl_slice")"
report "non-Latin (Thai, Japanese, Chinese, Korean, Arabic, Persian, Hebrew, Hindi, Russian, Greek)" "$nonlatin"

#!/usr/bin/env bash
# bleu next to the sacrebleu command and its Python API, in one run, on the largest WMT set here
# (WMT17 en-de, 3,004 segments, uedin-nmt against ref.de) and on a tenfold concatenation of it:
# corpus BLEU, sentence BLEU, chrF, and bootstrap confidence (1000 resamples). Median of 3 runs
# (sacreBLEU's sentence level and bootstrap: 1 run). Goals: >= 30x the sacrebleu command for
# corpus BLEU on the tenfold set, >= 50x for sentence-level scoring.
source "$(dirname "$0")/lib.sh"
python3 -c 'import sacrebleu' 2>/dev/null || python3 -m pip install --quiet "sacrebleu==2.6.0"
wmt=$DATA/bleu/wmt/wmt17.en-de
hyp1=$wmt/hyp.uedin-nmt.4722.de; ref1=$wmt/ref.de
hyp10=$OUT/hyp10.de; ref10=$OUT/ref10.de
for _ in $(seq 10); do cat "$hyp1"; done > "$hyp10"
for _ in $(seq 10); do cat "$ref1"; done > "$ref10"

api() {  # the Python API, timed inside Python after the imports and file reading
  python3 - "$@" <<'PY'
import sys, time
from sacrebleu.metrics import BLEU, CHRF
mode, hyp, ref = sys.argv[1:4]
hyps = [l.rstrip() for l in open(hyp, encoding="utf-8", newline="\n")]
refs = [[l.rstrip() for l in open(ref, encoding="utf-8", newline="\n")]]
t = time.perf_counter()
if mode == "corpus": BLEU().corpus_score(hyps, refs)
elif mode == "chrf": CHRF().corpus_score(hyps, refs)
elif mode == "sentence":
    bleu = BLEU(effective_order=True)
    for h, r in zip(hyps, refs[0]): bleu.sentence_score(h, [r])
print(f"{time.perf_counter() - t:.4f}")
PY
}

row() { printf '%-28s %-10s %10.3f %10.3f %10s %10.3f %10s\n' "$1" "$2" "$3" "$4" "$(ratio "$4" "$3")" "$5" "$(ratio "$5" "$3")"; }
printf '%-28s %-10s %10s %10s %10s %10s %10s\n' task data "nlpipe s" "sacrebleu" ratio "python API" ratio
for set in 1 10; do
  h=$hyp1; r=$ref1; [ "$set" = 10 ] && { h=$hyp10; r=$ref10; }
  label="x$set ($(wc -l < "$h") lines)"
  n=$(time_median 3 "$BIN/bleu -r $r $h")
  s=$(time_median 3 "sacrebleu $r -i $h")
  a=$(api corpus "$h" "$r")
  row "corpus BLEU" "$label" "$n" "$s" "$a"
  n=$(time_median 3 "$BIN/bleu --metric chrf -r $r $h")
  s=$(time_median 3 "sacrebleu $r -i $h -m chrf")
  a=$(api chrf "$h" "$r")
  row "corpus chrF" "$label" "$n" "$s" "$a"
  n=$(time_median 3 "$BIN/bleu --sentence -r $r $h")
  s=$(time_median 1 "sacrebleu $r -i $h -sl")
  a=$(api sentence "$h" "$r")
  row "sentence BLEU" "$label" "$n" "$s" "$a"
done
n=$(time_median 3 "$BIN/bleu --ci 1000 -r $ref1 $hyp1")
s=$(time_median 1 "sacrebleu $ref1 -i $hyp1 --confidence")
printf '%-28s %-10s %10.3f %10.3f %10s %10s %10s\n' "bootstrap CI (1000)" "x1" "$n" "$s" "$(ratio "$s" "$n")" - -
n=$(time_median 3 "$BIN/bleu --paired-bs -r $ref1 $hyp1 $wmt/hyp.online-B.0.de $wmt/hyp.C-3MA.4959.de")
s=$(time_median 1 "sacrebleu $ref1 -i $hyp1 $wmt/hyp.online-B.0.de $wmt/hyp.C-3MA.4959.de --paired-bs")
printf '%-28s %-10s %10.3f %10.3f %10s %10s %10s\n' "paired bootstrap (3 systems)" "x1" "$n" "$s" "$(ratio "$s" "$n")" - -
echo "ratio = peer seconds / nlpipe seconds (higher is better for nlpipe)"

#!/usr/bin/env bash
# Recurrent language models next to PyTorch on the CPU (bench/lm_peer.py: the same model, data
# layout, loss scaling, optimiser, clipping and evaluation), one configuration at a time, nlpipe and
# PyTorch side by side in one run:
#   - word level, Penn Treebank, Zaremba et al.'s small model (2 x 200 LSTM, BPTT 20, batch 20,
#     SGD lr 1, loss summed over the steps, clip 5, weights in +-0.1): training tokens/s with each
#     thread count in THREADS and validation perplexity after EPOCHS epochs;
#   - character level, Tiny Shakespeare (first 90% train, last 10% validation, nanoGPT's split),
#     2 x 128 LSTM, sequence 100, batch 50, Adam 2e-3 halved whenever an epoch's validation loss is
#     not below the best so far (lm-train's default schedule, CHAR_LR_DECAY=2; the peer does the
#     same, evaluating after every epoch outside its timed training; CHAR_LR_DECAY=1 holds the rate
#     constant on both sides): characters/s and validation loss after
#     CHAR_SECONDS (default 300) seconds of training time each (lm-train --time-limit; the peer stops
#     the same way, at the first batch boundary past the budget), at most CHAR_EPOCHS epochs;
#   - sampling: characters/s generating SAMPLE_LENGTH characters at batch 1 with a 2 x 128 char LSTM.
# Speed is training time only (the epoch's `seconds`; validation excluded) for both.
# nlpipe runs with --bias-lr-scale 2 (BIAS_LR_SCALE): nn.LSTM's two bias vectors per gate (b_ih + b_hh,
# the same gradient) move their sum twice as far per step, and lm-train's single bias then follows
# the same trajectory (Tests/NeuralTests/BiasRateTests: equal to 1e-12 in float64). BIAS_LR_SCALE=1 is
# lm-train's default, the course's cell trained at one rate.
#   PTB_LINES=2000 CHAR_CHARS=200000 CHAR_SECONDS=20 THREADS=1 bash bench/lm.sh     # a quick slice
#   SECTIONS=char CHAR_CHARS=300000 CHAR_SECONDS=30 THREADS=1 bash bench/lm.sh  # one section
#   bash bench/lm.sh                                                # the full data, 1 and 2 threads
# Needs: pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl; a release build.
source "$(dirname "$0")/lib.sh"
THREADS=${THREADS:-"1 2"}
EPOCHS=${EPOCHS:-1}
CHAR_SECONDS=${CHAR_SECONDS:-300}
CHAR_EPOCHS=${CHAR_EPOCHS:-1000}
SAMPLE_LENGTH=${SAMPLE_LENGTH:-5000}
BIAS_LR_SCALE=${BIAS_LR_SCALE:-2}
CHAR_LR_DECAY=${CHAR_LR_DECAY:-2}
SECTIONS=${SECTIONS:-"word char sample"}   # which parts to run (sample needs char's model)
section() { [[ " $SECTIONS " == *" $1 "* ]]; }
PTB=$DATA/lm/ptb
train=$OUT/ptb.train.txt
if [ -n "${PTB_LINES:-}" ]; then head -n "$PTB_LINES" "$PTB/ptb.train.txt" > "$train"; else cp "$PTB/ptb.train.txt" "$train"; fi
valid=$PTB/ptb.valid.txt
shakespeare=$DATA/lm/tinyshakespeare/input.txt
chars=${CHAR_CHARS:-$(wc -c < "$shakespeare")}
head -c "$chars" "$shakespeare" > "$OUT/shakespeare.txt"
cut=$((chars * 9 / 10))
head -c "$cut" "$OUT/shakespeare.txt" > "$OUT/shakespeare.train.txt"
tail -c +$((cut + 1)) "$OUT/shakespeare.txt" > "$OUT/shakespeare.valid.txt"
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
epoch_line() { grep '"event":"epoch"' "$1" | tail -1; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); lm-train --bias-lr-scale $BIAS_LR_SCALE"

if section word; then
echo "== word level: PTB $(wc -l < "$train") training lines, 2 x 200 LSTM, bptt 20, batch 20, sgd lr 1, clip 5, $EPOCHS epoch(s)"
for t in $THREADS; do
  "$BIN/lm-train" --text --quiet --dev "$valid" --epochs "$EPOCHS" --threads "$t" --seed 1 --bias-lr-scale "$BIAS_LR_SCALE" \
    --log "$OUT/lm-word-$t.jsonl" -o "$OUT/lm-word-$t.nlpipe" "$train"
  ours=$(epoch_line "$OUT/lm-word-$t.jsonl")
  peer=$(python3 "$BENCH_ROOT/bench/lm_peer.py" word "$train" "$valid" "$t" "$EPOCHS")
  a=$(field "$ours" tokens_per_s); b=$(field "$peer" tokens_per_s)
  ca=$(awk -v n="$(field "$ours" total_tokens)" -v s="$(field "$ours" total_cpu_seconds)" 'BEGIN { printf "%.1f", n / s }')
  cb=$(field "$peer" tokens_per_cpu_s)
  printf 'threads %s: nlpipe %.0f tokens/s (%.0f per CPU-s), valid ppl %.2f | pytorch %.0f tokens/s (%.0f per CPU-s), valid ppl %.2f | speed ratio %s (per CPU-s %s)\n' \
    "$t" "$a" "$ca" "$(field "$ours" valid_ppl)" "$b" "$cb" "$(field "$peer" valid_ppl)" "$(ratio "$a" "$b")" "$(ratio "$ca" "$cb")"
done
fi

if section char; then
echo "== character level: Tiny Shakespeare $chars chars, 2 x 128 LSTM, seq 100, batch 50, adam 2e-3 (divided by $CHAR_LR_DECAY on a validation plateau), $CHAR_SECONDS s of training (at most $CHAR_EPOCHS epochs)"
for t in $THREADS; do
  "$BIN/lm-train" --text --quiet --level char --hidden 128 --embed 128 --bptt 100 --batch 50 --optimizer adam \
    --lr 0.002 --lr-decay "$CHAR_LR_DECAY" --bias-lr-scale "$BIAS_LR_SCALE" --dev "$OUT/shakespeare.valid.txt" --epochs "$CHAR_EPOCHS" --time-limit "$CHAR_SECONDS" --threads "$t" --seed 1 \
    --log "$OUT/lm-char-$t.jsonl" -o "$OUT/lm-char-$t.nlpipe" "$OUT/shakespeare.train.txt"
  ours=$(epoch_line "$OUT/lm-char-$t.jsonl")
  peer=$(python3 "$BENCH_ROOT/bench/lm_peer.py" char "$OUT/shakespeare.train.txt" "$OUT/shakespeare.valid.txt" "$t" "$CHAR_EPOCHS" "$CHAR_SECONDS" "$CHAR_LR_DECAY")
  # Over the whole budget: the run's training tokens / training seconds (validation excluded).
  a=$(awk -v n="$(field "$ours" total_tokens)" -v s="$(field "$ours" total_seconds)" 'BEGIN { printf "%.1f", n / s }')
  b=$(field "$peer" tokens_per_s)
  la=$(field "$ours" valid_loss); lb=$(field "$peer" valid_loss)
  # Per processor second too (all threads): steadier than wall time on a loaded machine.
  ca=$(awk -v n="$(field "$ours" total_tokens)" -v s="$(field "$ours" total_cpu_seconds)" 'BEGIN { printf "%.1f", n / s }')
  cb=$(field "$peer" tokens_per_cpu_s)
  printf 'threads %s: nlpipe %.0f chars/s (%.0f per CPU-s), %s chars in %.0f s, valid loss %.3f (rate at the end %s) | pytorch %.0f chars/s (%.0f per CPU-s), %s chars in %.0f s, valid loss %.3f (rate %s) | speed ratio %s (per CPU-s %s), loss ratio %s (goals: >= 1, <= 1)\n' \
    "$t" "$a" "$ca" "$(field "$ours" total_tokens)" "$(field "$ours" total_seconds)" "$la" "$(field "$ours" lr)" \
    "$b" "$cb" "$(field "$peer" tokens)" "$(field "$peer" seconds)" "$lb" "$(field "$peer" lr)" "$(ratio "$a" "$b")" "$(ratio "$ca" "$cb")" "$(ratio "$la" "$lb")"
done
fi

if section sample; then
echo "== sampling at batch 1: $SAMPLE_LENGTH characters, 2 x 128 char LSTM, 1 thread"
first=$(echo $THREADS | cut -d' ' -f1)
seconds=$(time_median 3 "'$BIN/sample' -m '$OUT/lm-char-$first.nlpipe' --length $SAMPLE_LENGTH --threads 1 --seed 1")
a=$(awk -v n="$SAMPLE_LENGTH" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
peer=$(python3 "$BENCH_ROOT/bench/lm_peer.py" sample "$OUT/shakespeare.train.txt" 1 "$SAMPLE_LENGTH")
b=$(field "$peer" tokens_per_s)
printf 'nlpipe %s chars/s (whole command, model loading included) | pytorch %.0f chars/s | ratio %s\n' "$a" "$b" "$(ratio "$a" "$b")"
fi

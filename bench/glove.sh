#!/usr/bin/env bash
# GloVe on wiki8 next to Stanford GloVe's four programs (vocab_count, cooccur, shuffle, glove),
# with the same settings: vector size 100, min-count 5, symmetric window (10 and 5), x_max 100,
# alpha 0.75, eta 0.05, 15 iterations, --memory 4G, 1 and 2 threads.
#
# For each tool, window and thread count it prints per stage (Stanford: its four programs;
# nlpipe: counting = everything before the first epoch, training = the epochs, from the "counted"
# and "epoch" lines of --log) the wall and CPU seconds and the peak resident memory, then the whole run with analogy accuracy
# (questions-words.txt, 30,000 most frequent words) and WordSim-353 / SimLex-999 Spearman rho, all
# vectors scored by gensim (bench/embeddings_eval.py), and the ratios nlpipe / Stanford.
#
#   bash bench/glove.sh                                   # the full bench (long: about an hour)
#   BENCH_TOKENS=1000000 EPOCHS=3 WINDOWS=10 THREADS=2 bash bench/glove.sh   # a quick check
#   TOOLS=nlpipe bash bench/glove.sh                      # nlpipe only
#
# Stanford GloVe is built from its public source outside the repository (make, with its Makefile's
# flags: gcc -O3 -march=native -funroll-loops -lm -pthread): GLOVE_DIR names a folder holding its
# built programs (build/vocab_count …), or GLOVE_SRC a checkout of
# github.com/stanfordnlp/GloVe to build with make; otherwise the script tries to clone it into
# bench/out, and when that fails (no network) it skips Stanford with a message.
# Needs: pip install gensim==4.4.0; a release build (swift build -c release).
source "$(dirname "$0")/lib.sh"
TOOLS=${TOOLS:-"stanford nlpipe"}
WINDOWS=${WINDOWS:-"10 5"}
THREADS=${THREADS:-"1 2"}
EPOCHS=${EPOCHS:-15}
MEMORY_GB=${MEMORY_GB:-4}
EVAL=$DATA/eval
full=$OUT/wiki8.txt
[ -s "$full" ] || xz -dc "$DATA/corpora/wiki8.xz" > "$full"
corpus=$full
if [ -n "${BENCH_TOKENS:-}" ]; then
  corpus=$OUT/wiki8.$BENCH_TOKENS.txt
  # (head closes the pipe early: the pipeline's SIGPIPE is expected, the slice is complete)
  [ -s "$corpus" ] || { tr ' ' '\n' < "$full" | sed '/^$/d' | head -n "$BENCH_TOKENS" | tr '\n' ' ' > "$corpus" || true; }
fi
tokens=$(wc -w < "$corpus")
echo "corpus: $(basename "$corpus"), $tokens tokens; GloVe dim 100, min-count 5, x_max 100, alpha 0.75, eta 0.05, $EPOCHS epochs, memory ${MEMORY_GB}G"
echo "machine: $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"

# Stanford GloVe: find or build its programs.
glove_bin=""
find_stanford() {
  local dir
  for dir in "${GLOVE_DIR:-}" "${GLOVE_DIR:-}/build" "$OUT/GloVe/build"; do
    if [ -n "$dir" ] && [ -x "$dir/glove" ] && [ -x "$dir/cooccur" ]; then glove_bin=$dir; return 0; fi
  done
  local src=${GLOVE_SRC:-$OUT/GloVe}
  if [ ! -d "$src" ]; then
    git clone --quiet --depth 1 https://github.com/stanfordnlp/GloVe "$src" >/dev/null 2>&1 || return 1
  fi
  make -C "$src" >/dev/null 2>&1 || return 1
  [ -x "$src/build/glove" ] && glove_bin=$src/build
}
if [[ " $TOOLS " == *" stanford "* ]] && ! find_stanford; then
  echo "stanford: skipped: its source could not be fetched or built (set GLOVE_DIR to built programs or GLOVE_SRC to a checkout)"
  TOOLS=${TOOLS//stanford/}
fi
if [[ " $TOOLS " == *" nlpipe "* ]] && [ ! -x "$BIN/embed-train" ]; then
  echo "nlpipe: no release build of embed-train in $BIN (swift build -c release)"; TOOLS=${TOOLS//nlpipe/}
fi

# timed NAME CMD: runs CMD (a shell string) under /usr/bin/time; appends "NAME wall cpu peakMB".
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f '%e %U %S %M' -o "$OUT/glove.time" bash -c "$*" 2> "$OUT/glove-$name.err"; then
    echo "$name failed:"; tail -3 "$OUT/glove-$name.err"; return 1
  fi
  read -r wall user sys rss < <(tail -1 "$OUT/glove.time")
  stages+=("$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')")
}

printf '%-8s %6s %7s %-12s %9s %9s %8s\n' tool window threads stage "wall s" "cpu s" "peak MB"
declare -A total_wall total_cpu total_peak quality
summary=()
for window in $WINDOWS; do
  for threads in $THREADS; do
    for tool in $TOOLS; do
      stages=()
      dir=$OUT/glove-$tool-w$window-t$threads
      mkdir -p "$dir"
      vec=$dir/vectors.vec
      case $tool in
        stanford)
          timed vocab_count "'$glove_bin/vocab_count' -min-count 5 -verbose 0 < '$corpus' > '$dir/vocab.txt'" || continue
          timed cooccur "'$glove_bin/cooccur' -memory $MEMORY_GB -vocab-file '$dir/vocab.txt' -verbose 0 -window-size $window < '$corpus' > '$dir/cooc.bin'" || continue
          timed shuffle "'$glove_bin/shuffle' -memory $MEMORY_GB -verbose 0 -temp-file '$dir/shuf-temp' < '$dir/cooc.bin' > '$dir/cooc.shuf.bin'" || continue
          timed glove "'$glove_bin/glove' -save-file '$dir/vectors' -threads $threads -input-file '$dir/cooc.shuf.bin' -x-max 100 -iter $EPOCHS -vector-size 100 -binary 0 -vocab-file '$dir/vocab.txt' -verbose 0 -alpha 0.75 -eta 0.05" || continue
          rm -f "$dir/cooc.bin" "$dir/cooc.shuf.bin"
          { echo "$(wc -l < "$dir/vectors.txt") 100"; cat "$dir/vectors.txt"; } > "$vec" ;;
        nlpipe)
          timed embed-train "'$BIN/embed-train' --method glove --text --quiet --dim 100 --min-count 5 --window $window --x-max 100 --alpha 0.75 --lr 0.05 --epochs $EPOCHS --threads $threads --memory ${MEMORY_GB}G --log '$dir/log.jsonl' -o '$dir/vectors.nlpipe' '$corpus'" || continue
          "$BIN/embed-query" -m "$dir/vectors.nlpipe" --export word2vec > "$vec"
          # Split the one command into counting and training with its log: the epochs' seconds,
          # and the CPU seconds and peak memory of the process when counting ended ("counted").
          read -r name wall cpu peak <<< "${stages[0]}"
          train=$(grep '"event":"epoch"' "$dir/log.jsonl" | sed 's/.*"seconds":\([0-9.e+-]*\).*/\1/' | awk '{ s += $1 } END { printf "%.1f", s }')
          counted=$(grep '"event":"counted"' "$dir/log.jsonl")
          ccpu=$(sed 's/.*"cpu_seconds":\([0-9.e+-]*\).*/\1/' <<< "$counted" | awk '{ printf "%.1f", $1 }')
          cpeak=$(sed 's/.*"peak_bytes":\([0-9.e+-]*\).*/\1/' <<< "$counted" | awk '{ printf "%.0f", $1 / 1048576 }')
          # Training's peak is the whole run's when training raised it; otherwise at most counting's.
          tpeak=$(awk -v p="$peak" -v c="$cpeak" 'BEGIN { if (p > c) print p; else print "<=" c }')
          stages=("count $(awk -v w="$wall" -v t="$train" 'BEGIN { printf "%.1f", w - t }') $ccpu $cpeak"
                  "train $train $(awk -v c="$cpu" -v k="$ccpu" 'BEGIN { printf "%.1f", c - k }') $tpeak" "${stages[0]}") ;;
      esac
      tw=0; tc=0; peak=0
      for s in "${stages[@]}"; do
        read -r name wall cpu mb <<< "$s"
        printf '%-8s %6s %7s %-12s %9s %9s %8s\n' "$tool" "$window" "$threads" "$name" "$wall" "$cpu" "$mb"
        [ "$name" = count ] || [ "$name" = train ] && continue
        tw=$(awk -v a="$tw" -v b="$wall" 'BEGIN { print a + b }'); tc=$(awk -v a="$tc" -v b="$cpu" 'BEGIN { print a + b }')
        [ "$mb" != - ] && [ "$mb" -gt "$peak" ] && peak=$mb
      done
      read -r acc seen ws sl < <(python3 "$BENCH_ROOT/bench/embeddings_eval.py" "$vec" "$EVAL")
      total_wall[$tool-$window-$threads]=$tw; total_cpu[$tool-$window-$threads]=$tc; total_peak[$tool-$window-$threads]=$peak
      quality[$tool-$window-$threads]="$acc $ws $sl"
      summary+=("$(printf '%-8s %6s %7s %9s %9s %8s %9s %7s %7s %7s' "$tool" "$window" "$threads" "$tw" "$tc" "$peak" "$acc" "$seen" "$ws" "$sl")")
    done
  done
done
echo
printf '%-8s %6s %7s %9s %9s %8s %9s %7s %7s %7s\n' tool window threads "wall s" "cpu s" "peak MB" "analogy%" seen ws353 simlex
printf '%s\n' "${summary[@]}"
for window in $WINDOWS; do
  for threads in $THREADS; do
    s=stanford-$window-$threads; n=nlpipe-$window-$threads
    if [ -n "${total_wall[$s]:-}" ] && [ -n "${total_wall[$n]:-}" ]; then
      read -r sacc sws ssl <<< "${quality[$s]}"; read -r nacc nws nsl <<< "${quality[$n]}"
      echo "window $window, $threads threads: Stanford / nlpipe wall $(ratio "${total_wall[$s]}" "${total_wall[$n]}")x, cpu $(ratio "${total_cpu[$s]}" "${total_cpu[$n]}")x, peak memory $(ratio "${total_peak[$s]}" "${total_peak[$n]}")x; nlpipe - Stanford: analogy $(awk -v a="$nacc" -v b="$sacc" 'BEGIN { printf "%+.1f", a - b }') points, WS-353 $(awk -v a="$nws" -v b="$sws" 'BEGIN { printf "%+.3f", a - b }'), SimLex $(awk -v a="$nsl" -v b="$ssl" 'BEGIN { printf "%+.3f", a - b }')"
    fi
  done
done
echo "goals (issue 5): end to end >= 2x faster than Stanford's four programs, analogy and WS-353 no lower; peak memory within --memory (+-10%)"

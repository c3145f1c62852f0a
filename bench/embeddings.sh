#!/usr/bin/env bash
# Skip-gram on wiki8 (16.9M tokens, one 100 MB line), next to the tools people use for it, in one
# run: word2vec.c (pip package `word2vec`, which builds Mikolov's C code), gensim 4.4 and fastText
# (`-minn 0 -maxn 0`, i.e. plain word vectors). The same settings for all: dim 100, window 5,
# negative 5, min-count 5, sample 1e-4, 1 epoch, lr 0.025.
#
# For each tool, thread count and seed it prints: words/s per thread (corpus tokens / wall /
# threads), wall seconds of the whole command (reading, vocabulary, training, writing), peak
# resident memory (/usr/bin/time), analogy accuracy on questions-words.txt over the 30,000 most
# frequent words, and WordSim-353 / SimLex-999 Spearman rho, every tool's vectors scored by
# gensim's evaluators (bench/embeddings_eval.py). Then a summary per tool and thread count (the
# median, and min/median/max over the seeds when there are several) with nlpipe's ratios to the
# fastest peer, the 1 -> 2 thread scaling of every tool, and the hierarchical-softmax pair.
#
# Tools:
#   word2vec gensim fasttext   the peers (negative sampling)
#   nlpipe                     embed-train, negative sampling
#   nlpipe-shared              embed-train --share-negatives (noise words drawn once per centre word)
#   nlpipe-det                 embed-train --deterministic (the same vectors for any thread count)
#   word2vec-hs nlpipe-hs      hierarchical softmax: word2vec.c -hs 1 -negative 0 and embed-train --loss hs
#
#   bash bench/embeddings.sh                                  # everything, 1 and 2 threads, seed 1
#   SEEDS="1 2 3" bash bench/embeddings.sh                    # the spread over 3 seeds
#   BENCH_TOKENS=300000 bash bench/embeddings.sh              # a quick check on the first 300k tokens
#   TOOLS="word2vec-hs nlpipe-hs" THREADS=2 bash bench/embeddings.sh
# word2vec.c has no seed option (its streams start from the thread number): with one thread its
# seeds repeat the same run. fastText's Python API takes no seed either.
# Needs: pip install word2vec gensim==4.4.0 fasttext-wheel; a release build for nlpipe.
source "$(dirname "$0")/lib.sh"
TOOLS=${TOOLS:-"word2vec gensim fasttext nlpipe nlpipe-shared nlpipe-det word2vec-hs nlpipe-hs"}
THREADS=${THREADS:-"1 2"}
SEEDS=${SEEDS:-"1"}
BENCH_TOKENS=${BENCH_TOKENS:-}
EVAL=$DATA/eval
full=$OUT/wiki8.txt
[ -s "$full" ] || xz -dc "$DATA/corpora/wiki8.xz" > "$full"
if [ -n "$BENCH_TOKENS" ]; then
  corpus=$OUT/wiki8.first$BENCH_TOKENS.txt
  # awk stops at the limit itself: `head` would end the pipe early, which pipefail counts as a failure.
  [ -s "$corpus" ] || awk -v n="$BENCH_TOKENS" '{ for (i = 1; i <= NF; i++) { printf "%s%s", (c ? " " : ""), $i
    if (++c >= n) { print ""; exit } } } END { if (c < n) print "" }' "$full" > "$corpus"
else
  corpus=$full
fi
lines=${corpus%.txt}.lines1000.txt
# gensim's corpus_file mode stops a line at 10,000 words: give it 1,000-word lines (same tokens).
[ -s "$lines" ] || tr -s ' ' '\n' < "$corpus" | sed '/^$/d' | paste -d ' ' $(printf -- '- %.0s' $(seq 1000)) > "$lines"
tokens=$(wc -w < "$corpus")
echo "corpus: wiki8${BENCH_TOKENS:+ (first $BENCH_TOKENS tokens)}, $tokens tokens; skip-gram, window 5, dim 100, min-count 5, sample 1e-4, 1 epoch"
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"

# train TOOL THREADS SEED VEC: trains, leaves word2vec text vectors in VEC (nlpipe: VEC.nlpipe).
train() {
  local tool=$1 threads=$2 seed=$3 vec=$4
  local w2v=(-train "$corpus" -output "$vec" -cbow 0 -size 100 -window 5 -sample 1e-4 -min-count 5 -iter 1
             -alpha 0.025 -threads "$threads" -binary 0)
  local nl=(--text --quiet --method skipgram --dim 100 --window 5 --min-count 5 --sample 1e-4 --epochs 1
            --lr 0.025 --threads "$threads" --seed "$seed" -o "$vec.nlpipe")
  case $tool in
    word2vec) word2vec "${w2v[@]}" -negative 5 -hs 0 ;;
    word2vec-hs) word2vec "${w2v[@]}" -negative 0 -hs 1 ;;
    gensim) python3 "$BENCH_ROOT/bench/embeddings_peer.py" gensim "$lines" "$vec" "$threads" "$seed" ;;
    fasttext) python3 "$BENCH_ROOT/bench/embeddings_peer.py" fasttext "$corpus" "$vec" "$threads" "$seed" ;;
    nlpipe) "$BIN/embed-train" "${nl[@]}" --loss ns --negative 5 "$corpus" ;;
    nlpipe-shared) "$BIN/embed-train" "${nl[@]}" --loss ns --negative 5 --share-negatives "$corpus" ;;
    nlpipe-det) "$BIN/embed-train" "${nl[@]}" --loss ns --negative 5 --deterministic "$corpus" ;;
    nlpipe-hs) "$BIN/embed-train" "${nl[@]}" --loss hs "$corpus" ;;
  esac
}

# nlpipe's vectors leave its model file in word2vec text for the same evaluator.
export_vectors() {
  local tool=$1 vec=$2
  case $tool in nlpipe*) "$BIN/embed-query" -m "$vec.nlpipe" --export word2vec > "$vec" ;; esac
}

results=$OUT/embeddings-results.tsv
: > "$results"
printf '%-13s %7s %4s %12s %8s %8s %9s %7s %7s %7s\n' tool threads seed "words/s/thr" "wall s" "peak MB" "analogy%" seen ws353 simlex
for tool in $TOOLS; do
  if [[ $tool == nlpipe* ]] && [ ! -x "$BIN/embed-train" ]; then
    echo "nlpipe: no release build of embed-train in $BIN (swift build -c release)"; continue
  fi
  for threads in $THREADS; do
    for seed in $SEEDS; do
      vec=$OUT/emb-$tool-t$threads-s$seed.vec
      if ! /usr/bin/time -f '%e %M' -o "$OUT/emb.time" bash -c "$(declare -f train); BIN=$BIN BENCH_ROOT=$BENCH_ROOT \
        corpus=$corpus lines=$lines train $tool $threads $seed $vec" > "$OUT/emb-$tool.log" 2>&1; then
        echo "$tool failed:"; tail -3 "$OUT/emb-$tool.log"; continue
      fi
      read -r wall rss < <(tail -1 "$OUT/emb.time")
      export_vectors "$tool" "$vec"
      read -r acc seen ws sl < <(python3 "$BENCH_ROOT/bench/embeddings_eval.py" "$vec" "$EVAL")
      wps=$(awk -v n="$tokens" -v w="$wall" -v t="$threads" 'BEGIN { printf "%.0f", n / w / t }')
      mb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
      printf '%-13s %7s %4s %12s %8s %8s %9s %7s %7s %7s\n' "$tool" "$threads" "$seed" "$wps" "$wall" "$mb" "$acc" "$seen" "$ws" "$sl"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$threads" "$seed" "$wps" "$wall" "$mb" "$acc" "$ws" "$sl" >> "$results"
      rm -f "$vec" "$vec.nlpipe"
    done
  done
done

echo
echo "summary: median over seeds (min/median/max when there are several); ratios are nlpipe / the fastest peer"
python3 - "$results" <<'PY'
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    tool, threads, seed, wps, wall, mb, acc, ws, sl = line.rstrip("\n").split("\t")
    rows[(tool, int(threads))].append(dict(wps=float(wps), wall=float(wall), mb=float(mb), acc=float(acc),
                                           ws=float(ws), sl=float(sl)))

def med(key, tool, threads):
    return statistics.median(r[key] for r in rows[(tool, threads)])

def spread(key, tool, threads, fmt):
    values = sorted(r[key] for r in rows[(tool, threads)])
    m = fmt.format(statistics.median(values))
    return m if len(values) == 1 else f"{fmt.format(values[0])}/{m}/{fmt.format(values[-1])}"

print(f"{'tool':13} {'thr':>3} {'words/s/thr':>12} {'wall s':>8} {'peak MB':>8} {'analogy%':>20} {'ws353':>20} {'simlex':>20}")
for (tool, threads) in sorted(rows, key=lambda k: (k[1], k[0])):
    print(f"{tool:13} {threads:>3} {med('wps', tool, threads):>12.0f} {med('wall', tool, threads):>8.1f} "
          f"{med('mb', tool, threads):>8.0f} {spread('acc', tool, threads, '{:.2f}'):>20} "
          f"{spread('ws', tool, threads, '{:.3f}'):>20} {spread('sl', tool, threads, '{:.3f}'):>20}")

peers = ["word2vec", "gensim", "fasttext"]
for threads in sorted({t for _, t in rows}):
    present = [p for p in peers if (p, threads) in rows]
    if not present:
        continue
    fastest = max(present, key=lambda p: med("wps", p, threads))
    best_acc = max(med("acc", p, threads) for p in present if p != "fasttext") if any(p != "fasttext" for p in present) else None
    for tool in ["nlpipe", "nlpipe-shared", "nlpipe-det"]:
        if (tool, threads) not in rows:
            continue
        line = (f"{threads} thread(s): {tool} / {fastest}: speed {med('wps', tool, threads) / med('wps', fastest, threads):.2f}x, "
                f"memory {med('mb', tool, threads) / med('mb', fastest, threads):.2f}x")
        if ("word2vec", threads) in rows and fastest != "word2vec":
            line += f", memory / word2vec.c {med('mb', tool, threads) / med('mb', 'word2vec', threads):.2f}x"
        if best_acc is not None:
            line += f", analogy {med('acc', tool, threads) - best_acc:+.2f} points vs the better of word2vec.c and gensim"
        print(line)
    if ("nlpipe-hs", threads) in rows and ("word2vec-hs", threads) in rows:
        print(f"{threads} thread(s): hierarchical softmax nlpipe / word2vec.c: speed "
              f"{med('wps', 'nlpipe-hs', threads) / med('wps', 'word2vec-hs', threads):.2f}x, analogy "
              f"{med('acc', 'nlpipe-hs', threads):.2f}% vs {med('acc', 'word2vec-hs', threads):.2f}%, WS-353 "
              f"{med('ws', 'nlpipe-hs', threads):.3f} vs {med('ws', 'word2vec-hs', threads):.3f}")
for tool in sorted({t for t, _ in rows}):
    if (tool, 1) in rows and (tool, 2) in rows:
        print(f"scaling 1 -> 2 threads, {tool}: {2 * med('wps', tool, 2) / med('wps', tool, 1):.2f}x")
PY
echo "goals (issue 4): nlpipe words/s per thread >= 1.5x the fastest peer at no lower analogy accuracy and WS-353 rho;"
echo "peak memory <= word2vec.c's; hierarchical softmax faster than word2vec.c -hs 1 at equal accuracy; 1 -> 2 threads >= 1.8x"

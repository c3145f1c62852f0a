#!/usr/bin/env bash
# Skip-gram with negative sampling on wiki8 (16.9M tokens, one 100 MB line), next to the tools
# people use for it: word2vec.c (pip package `word2vec`, which builds Mikolov's C code), gensim
# 4.4 and fastText (`-minn 0 -maxn 0`, i.e. plain word vectors). The same settings for all:
# dim 100, window 5, negative 5, min-count 5, sample 1e-4, 1 epoch, lr 0.025.
#
# For each tool, thread count and seed it prints: words/s per thread (corpus tokens / wall / threads),
# wall seconds of the whole command (reading, vocabulary, training, writing), peak resident memory
# (/usr/bin/time), analogy accuracy on questions-words.txt over the 30,000 most frequent words, and
# WordSim-353 / SimLex-999 Spearman rho, every tool's vectors scored by gensim's evaluators
# (bench/embeddings_eval.py).
#
# nlpipe-shared is embed-train --share-negatives (noise words drawn once per centre word).
#   TOOLS="word2vec gensim fasttext nlpipe nlpipe-shared" THREADS="1 2" SEEDS="1 2 3" bash bench/embeddings.sh
# Needs: pip install word2vec gensim==4.4.0 fasttext-wheel; a release build for nlpipe.
source "$(dirname "$0")/lib.sh"
TOOLS=${TOOLS:-"word2vec gensim fasttext nlpipe nlpipe-shared"}
THREADS=${THREADS:-"1 2"}
SEEDS=${SEEDS:-"1"}
EVAL=$DATA/eval
corpus=$OUT/wiki8.txt
lines=$OUT/wiki8.lines1000.txt
[ -s "$corpus" ] || xz -dc "$DATA/corpora/wiki8.xz" > "$corpus"
# gensim's corpus_file mode stops a line at 10,000 words: give it 1,000-word lines (same tokens).
[ -s "$lines" ] || tr -s ' ' '\n' < "$corpus" | sed '/^$/d' | paste -d ' ' $(printf -- '- %.0s' $(seq 1000)) > "$lines"
tokens=$(wc -w < "$corpus")
echo "corpus: wiki8, $tokens tokens; skip-gram, negative 5, window 5, dim 100, min-count 5, sample 1e-4, 1 epoch"

# run TOOL THREADS SEED VEC: trains, leaves word2vec text vectors in VEC.
train() {
  local tool=$1 threads=$2 seed=$3 vec=$4
  case $tool in
    word2vec) word2vec -train "$corpus" -output "$vec" -cbow 0 -size 100 -window 5 -negative 5 -hs 0 \
                -sample 1e-4 -min-count 5 -iter 1 -alpha 0.025 -threads "$threads" -binary 0 ;;
    gensim) python3 "$BENCH_ROOT/bench/embeddings_peer.py" gensim "$lines" "$vec" "$threads" "$seed" ;;
    fasttext) python3 "$BENCH_ROOT/bench/embeddings_peer.py" fasttext "$corpus" "$vec" "$threads" "$seed" ;;
    nlpipe) "$BIN/embed-train" --text --quiet --method skipgram --loss ns --dim 100 --window 5 --negative 5 \
                --min-count 5 --sample 1e-4 --epochs 1 --lr 0.025 --threads "$threads" --seed "$seed" \
                -o "$vec.nlpipe" "$corpus" ;;
    nlpipe-shared) "$BIN/embed-train" --text --quiet --method skipgram --loss ns --dim 100 --window 5 --negative 5 \
                --min-count 5 --sample 1e-4 --epochs 1 --lr 0.025 --threads "$threads" --seed "$seed" --share-negatives \
                -o "$vec.nlpipe" "$corpus" ;;
  esac
}

# nlpipe's vectors leave its model file in word2vec text for the same evaluator.
export_vectors() {
  local tool=$1 vec=$2
  case $tool in nlpipe*) ;; *) return 0 ;; esac
  if [ -x "$BIN/embed-query" ]; then
    "$BIN/embed-query" -m "$vec.nlpipe" --export word2vec > "$vec"
  else
    echo "no embed-query build in $BIN" >&2; return 1
  fi
}

printf '%-10s %7s %4s %12s %8s %8s %9s %7s %7s %7s\n' tool threads seed "words/s/thr" "wall s" "peak MB" "analogy%" seen ws353 simlex
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
      printf '%-10s %7s %4s %12s %8s %8s %9s %7s %7s %7s\n' "$tool" "$threads" "$seed" "$wps" "$wall" "$mb" "$acc" "$seen" "$ws" "$sl"
    done
  done
done
echo "goals (issue 4): nlpipe words/s per thread >= 1.5x the fastest peer at no lower analogy accuracy and WS-353 rho;"
echo "peak memory <= word2vec.c's; 1 -> 2 threads >= 1.8x"

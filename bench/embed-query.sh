#!/usr/bin/env bash
# embed-query --eval-analogies on the full questions-words.txt (19,544 questions, restricted to the
# 30,000 most frequent words) next to gensim 4.4's KeyedVectors.evaluate_word_analogies on the
# same vectors, both from loading the word2vec binary file to the summary. Median of 3 runs.
# The vectors are trained once with gensim (skip-gram, dim 100, window 5, min-count 5, 1 epoch)
# on wiki8 (EMBED_CORPUS=wiki8-1M for a quick run) and kept in bench/out.
source "$(dirname "$0")/lib.sh"
corpus_name=${EMBED_CORPUS:-wiki8}
questions=$DATA/eval/questions-words.txt
pairs=$DATA/eval/wordsim353.tsv
vectors=$OUT/$corpus_name.gensim-sg100.bin
if [ ! -s "$vectors" ]; then
  echo "training reference vectors with gensim on $corpus_name (once)..."
  xz -dc "$DATA/corpora/$corpus_name.xz" | python3 -c '
import sys
from gensim.models import Word2Vec
words = sys.stdin.read().split()
sentences = [words[i:i + 1000] for i in range(0, len(words), 1000)]
model = Word2Vec(sentences, vector_size=100, window=5, min_count=5, sg=1, negative=5, sample=1e-4,
                 epochs=1, workers=2, seed=1)
model.wv.save_word2vec_format(sys.argv[1], binary=True)
' "$vectors"
fi
echo "vectors: $(head -c 40 "$vectors" | head -1) ($corpus_name, gensim skip-gram)"

gensim_eval="python3 -c '
import sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)
score, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=30000, case_insensitive=True)
print(len(sections[-1][\"correct\"]), len(sections[-1][\"correct\"]) + len(sections[-1][\"incorrect\"]))
' $vectors $questions"
nlpipe_eval="$BIN/embed-query -m $vectors --eval-analogies $questions --restrict-vocab 30000"

# The two must agree before their times mean anything.
ours=$(eval "$nlpipe_eval" | python3 -c 'import json,sys; a=json.load(sys.stdin)["analogies"]; print(a["correct"], a["evaluated"])')
theirs=$(eval "$gensim_eval")
echo "correct/evaluated: nlpipe $ours, gensim $theirs"

t_nlpipe1=$(time_median 3 "$nlpipe_eval --threads 1")
t_nlpipe2=$(time_median 3 "$nlpipe_eval --threads 2")
t_gensim=$(time_median 3 "$gensim_eval")
m_nlpipe=$(peak_rss_mb "$nlpipe_eval --threads 2")
m_gensim=$(peak_rss_mb "$gensim_eval")
t_pairs=$(time_median 3 "$BIN/embed-query -m $vectors --eval-pairs $pairs")

printf '%-44s %9s %9s %10s\n' "analogy evaluation (load + 19,544 questions)" seconds "peak MB" "nlpipe is"
printf '%-44s %9.2f %9s %10s\n' "nlpipe embed-query --threads 1" "$t_nlpipe1" "-" "$(ratio "$t_gensim" "$t_nlpipe1")x"
printf '%-44s %9.2f %9s %10s\n' "nlpipe embed-query --threads 2" "$t_nlpipe2" "$m_nlpipe" "$(ratio "$t_gensim" "$t_nlpipe2")x"
printf '%-44s %9.2f %9s %10s\n' "gensim 4.4 evaluate_word_analogies" "$t_gensim" "$m_gensim" "1.00x"
# OpenBLAS chooses its kernels from the CPU it recognises (on this project's machines it has picked
# Prescott or Haswell); AVX-512 kernels can only be asked for through the environment, before the
# library loads, and crash on CPUs without AVX-512, so they are an opt-in row here.
core=$(OPENBLAS_VERBOSE=2 $BIN/embed-query -m "$vectors" --export glove 2>&1 >/dev/null | sed -n 's/^Core: //p' | head -1)
if grep -qw avx512f /proc/cpuinfo; then
  t_skx=$(time_median 3 "OPENBLAS_CORETYPE=SkylakeX $nlpipe_eval --threads 1")
  printf '%-44s %9.2f %9s %10s\n' "nlpipe, OPENBLAS_CORETYPE=SkylakeX, 1 thread" "$t_skx" "-" "$(ratio "$t_gensim" "$t_skx")x"
fi
echo "OpenBLAS kernels by default: ${core:-unknown}"
printf 'embed-query --eval-pairs wordsim353: %.2f s\n' "$t_pairs"

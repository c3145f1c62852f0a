#!/usr/bin/env bash
# debias on synthetic random vectors (DEBIAS_WORDS x DEBIAS_DIM, default 100,000 x 300, a word2vec
# binary file) next to a vectorised numpy version of debiaswe's `debias` (bench/debias_peer.py,
# gensim 4.4 loading the same file): direction, neutralise, equalise, direct bias before and after,
# output written. Median of 3 runs each; the two must find the same direction and direct bias first.
source "$(dirname "$0")/lib.sh"
words=${DEBIAS_WORDS:-100000}
dim=${DEBIAS_DIM:-300}
dir=$OUT/debias-$words-$dim
mkdir -p "$dir"
if [ ! -s "$dir/vectors.bin" ]; then
  python3 - "$dir" "$words" "$dim" <<'PY'
import json, sys
import numpy as np
folder, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
E = rng.standard_normal((n, d)).astype(np.float32)
E[:20, 0] += np.where(np.arange(20) % 2 == 0, 2.0, -2.0)      # 10 planted pairs w0/w1 ... w18/w19
E[1000:1300, 0] += rng.uniform(-0.5, 0.5, 300).astype(np.float32)   # biased "neutral" words
with open(f"{folder}/vectors.bin", "wb") as f:
    f.write(f"{n} {d}\n".encode())
    for i in range(n):
        f.write(f"w{i} ".encode() + E[i].tobytes() + b"\n")
json.dump([[f"w{2 * k}", f"w{2 * k + 1}"] for k in range(10)], open(f"{folder}/pairs.json", "w"))
json.dump([f"w{i}" for i in range(20, 220)], open(f"{folder}/gender.json", "w"))
json.dump([[f"w{i}", f"w{i + 1}"] for i in range(220, 320, 2)], open(f"{folder}/equalize.json", "w"))
json.dump([f"w{i}" for i in range(1000, 1300)], open(f"{folder}/neutral.json", "w"))
PY
fi
lists="--pairs $dir/pairs.json --gender-specific $dir/gender.json --equalize $dir/equalize.json --neutral-words $dir/neutral.json"
ours="$BIN/debias -m $dir/vectors.bin $lists -o $dir/debiased.nlpipe --quiet"
peer="python3 $BENCH_ROOT/bench/debias_peer.py $dir/vectors.bin $dir/pairs.json $dir/gender.json $dir/equalize.json $dir/neutral.json $dir/peer.npy"

# Both must find the same thing before their times mean anything.
eval "$ours" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("nlpipe: explained", [round(x, 4) for x in r["direction"]["explained_variance"][:3]], "direct bias %.4f -> %.6f" % (r["before"]["direct_bias"]["value"], r["after"]["direct_bias"]["value"]))'
eval "$peer" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("numpy:  explained", [round(x, 4) for x in r["explained_variance"]], "direct bias %.4f -> %.6f" % (r["before"], r["after"]))'

t_ours1=$(time_median 3 "$ours --threads 1")
t_ours2=$(time_median 3 "$ours --threads 2")
t_peer=$(time_median 3 "$peer")
m_ours=$(peak_rss_mb "$ours --threads 2")
m_peer=$(peak_rss_mb "$peer")
printf '%-46s %9s %9s %10s\n' "hard debiasing, $words x $dim (load to written)" seconds "peak MB" "nlpipe is"
printf '%-46s %9.2f %9s %10s\n' "nlpipe debias --threads 1" "$t_ours1" "-" "$(ratio "$t_peer" "$t_ours1")x"
printf '%-46s %9.2f %9s %10s\n' "nlpipe debias --threads 2" "$t_ours2" "$m_ours" "$(ratio "$t_peer" "$t_ours2")x"
printf '%-46s %9.2f %9s %10s\n' "numpy (debiaswe's algorithm) + gensim load" "$t_peer" "$m_peer" "1.00x"

#!/usr/bin/env bash
# The main job on the built-in default: a synthetic corpus (scripts/demo-corpus.sh, no download,
# no third-party text) goes through every program, and each step prints what it made.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build -c release --show-bin-path)
out=${DEMO_OUT:-demo-out}
mkdir -p "$out"
step() { printf '\n== %s\n' "$*"; }

step "generate a synthetic corpus of 20,000 sentences -> $out/corpus.txt"
scripts/demo-corpus.sh 20000 > "$out/corpus.txt"
head -3 "$out/corpus.txt"

step "tokenize --lower: JSON Lines with tokens (URLs, e-mails and numbers stay whole)"
"$bin/tokenize" --lower < "$out/corpus.txt" > "$out/tokens.jsonl"
head -2 "$out/tokens.jsonl"

step "vocab build --min-count 2 -> $out/vocab.nlpipe"
"$bin/vocab" build --min-count 2 -o "$out/vocab.nlpipe" < "$out/tokens.jsonl"
"$bin/vocab" show -m "$out/vocab.nlpipe" --format tsv | head -8

step "vocab encode --eos, then decode: ids and back"
head -2 "$out/tokens.jsonl" | "$bin/vocab" encode -m "$out/vocab.nlpipe" --eos | "$bin/vocab" decode -m "$out/vocab.nlpipe" --field ids --output-field decoded

step "shards: vocab count on two halves, vocab merge, same vocabulary as one pass"
head -n 10000 "$out/tokens.jsonl" | "$bin/vocab" count -o "$out/part1.nlpipe"
tail -n +10001 "$out/tokens.jsonl" | "$bin/vocab" count -o "$out/part2.nlpipe"
"$bin/vocab" merge -o "$out/merged.nlpipe" "$out/part1.nlpipe" "$out/part2.nlpipe"
"$bin/vocab" build --from-counts "$out/merged.nlpipe" --min-count 2 -o "$out/vocab2.nlpipe"
if cmp -s <("$bin/vocab" show -m "$out/vocab.nlpipe") <("$bin/vocab" show -m "$out/vocab2.nlpipe"); then
  echo "merged shards give the same vocabulary as one pass"
else
  echo "demo: merged vocabulary differs" >&2; exit 1
fi

step "bleu: score a degraded copy of the corpus against the corpus (sacreBLEU-compatible JSON)"
"$bin/tokenize" --format text --level word < "$out/corpus.txt" | awk '{ if (NR % 3 == 0) $2 = "someone"; print }' > "$out/hyp.txt"
"$bin/tokenize" --format text --level word < "$out/corpus.txt" > "$out/ref.txt"
"$bin/bleu" -r "$out/ref.txt" < "$out/hyp.txt"
"$bin/bleu" --sentence -r "$out/ref.txt" < "$out/hyp.txt" | head -2
step "embed-train: skip-gram word vectors from the tokens -> $out/vectors.nlpipe"
"$bin/embed-train" --dim 32 --epochs 3 --min-count 2 --threads 1 --seed 1 --quiet -o "$out/vectors.nlpipe" < "$out/tokens.jsonl"

step "embed-query: nearest neighbours, an analogy and a similarity, as JSON Lines"
printf '%s\n' '{"word":"king"}' '{"word":"paris"}' '{"a":"man","b":"king","c":"woman"}' '{"w1":"queen","w2":"princess"}' \
  | "$bin/embed-query" -m "$out/vectors.nlpipe" -k 3
step "debias: the gender direction from the built-in pairs; neutralise, equalise, measure before/after -> $out/debiased.nlpipe"
printf '%s\n' '["book","letter","garden","castle","river","bridge","song","map","old","young","wise","brave","quiet","happy","tired","clever"]' > "$out/neutral.json"
"$bin/debias" -m "$out/vectors.nlpipe" -o "$out/debiased.nlpipe" --neutral-words "$out/neutral.json" --report "$out/debias-report.json"
head -c 300 "$out/debias-report.json"; echo " ..."
step "embed-train --method glove: GloVe vectors from the same tokens -> $out/glove.nlpipe"
"$bin/embed-train" --method glove --dim 32 --epochs 10 --min-count 2 --threads 1 --seed 1 --quiet -o "$out/glove.nlpipe" < "$out/tokens.jsonl"
printf '%s\n' '{"word":"king"}' | "$bin/embed-query" -m "$out/glove.nlpipe" -k 3

step "lm-train: a word-level LSTM language model (1 epoch, validation on held-out lines) -> $out/lm.nlpipe"
head -n 8000 "$out/tokens.jsonl" > "$out/lm-train.jsonl"
tail -n 1000 "$out/tokens.jsonl" > "$out/lm-dev.jsonl"
"$bin/lm-train" --hidden 48 --embed 48 --epochs 1 --threads 1 --seed 1 --dev "$out/lm-dev.jsonl" -o "$out/lm.nlpipe" "$out/lm-train.jsonl"

step "sample: three novel sentences, then --score: log-probability and perplexity of two sentences"
"$bin/sample" -m "$out/lm.nlpipe" -n 3 --temperature 0.8 --seed 1
printf '%s\n' '{"text":"The king read the letter about Paris."}' '{"text":"The letter read the king about Paris."}' \
  | "$bin/tokenize" --jsonl --lower | "$bin/sample" -m "$out/lm.nlpipe" --score | sed 's/,"token_logprobs":\[[^]]*\]//'
printf '\ndemo: done; files are in %s/\n' "$out"

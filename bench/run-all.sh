#!/usr/bin/env bash
# Every benchmark in turn (each runs nlpipe and its peer side by side and prints ratios).
# Expects a release build (`make bench` builds it) and ../shared/data next to the repository.
set -euo pipefail
cd "$(dirname "$0")"
for script in tokenize.sh vocab.sh records.sh bleu.sh embed-query.sh embeddings.sh debias.sh; do
  echo "== bench/$script"
  bash "$script"
  echo
done

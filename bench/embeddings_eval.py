"""Scores word vectors the way the anchors of issue 4 did, with gensim 4.4's own evaluators.

usage: python3 embeddings_eval.py VECTORS.vec EVAL_DIR
VECTORS.vec is a word2vec text file, rows in frequency order (every tool writes them so).
Prints one line: analogy accuracy (3CosAdd, 30,000 most frequent words, case-insensitive,
questions with an unknown word skipped), questions seen, WS-353 and SimLex-999 Spearman rho.
"""
import logging
import sys

from gensim.models import KeyedVectors

logging.disable(logging.CRITICAL)
vectors_path, eval_dir = sys.argv[1], sys.argv[2]
kv = KeyedVectors.load_word2vec_format(vectors_path, binary=False, unicode_errors="replace")
accuracy, sections = kv.evaluate_word_analogies(
    f"{eval_dir}/questions-words.txt", restrict_vocab=30000, case_insensitive=True)
seen = sum(len(s["correct"]) + len(s["incorrect"]) for s in sections if s["section"] == "Total accuracy")
ws = kv.evaluate_word_pairs(f"{eval_dir}/wordsim353.tsv", restrict_vocab=300000, case_insensitive=True)
sl = kv.evaluate_word_pairs(f"{eval_dir}/simlex999.txt", restrict_vocab=300000, case_insensitive=True)
print(f"{100 * accuracy:.2f} {seen} {ws[1].statistic:.3f} {sl[1].statistic:.3f}")

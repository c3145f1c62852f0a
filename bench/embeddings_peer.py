"""Trains skip-gram with negative sampling with gensim or fastText and writes word2vec text.

usage: python3 embeddings_peer.py gensim|fasttext CORPUS OUT.vec THREADS SEED
Settings as bench/embeddings.sh: dim 100, window 5, negative 5, min-count 5, sample 1e-4,
1 epoch, lr 0.025 (word2vec's skip-gram default). Prints the seconds spent training.
"""
import sys
import time

tool, corpus, out, threads, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
if tool == "gensim":
    from gensim.models import Word2Vec

    # corpus_file mode reads at most 10,000 words of a line: CORPUS must be cut into short lines.
    model = Word2Vec(corpus_file=corpus, vector_size=100, window=5, min_count=5, sample=1e-4, sg=1,
                     hs=0, negative=5, alpha=0.025, min_alpha=0.0001, workers=threads, epochs=1, seed=seed)
    elapsed = time.perf_counter() - start
    model.wv.save_word2vec_format(out, binary=False)
elif tool == "fasttext":
    import fasttext

    model = fasttext.train_unsupervised(corpus, model="skipgram", dim=100, ws=5, neg=5, minCount=5, t=1e-4,
                                        epoch=1, lr=0.025, thread=threads, minn=0, maxn=0, loss="ns",
                                        verbose=0)  # fastText's Python API takes no seed
    elapsed = time.perf_counter() - start
    words = model.get_words()
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"{len(words)} {model.get_dimension()}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{x:.6f}" for x in model.get_word_vector(w)) + "\n")
else:
    sys.exit(f"unknown tool {tool}")
print(f"{elapsed:.2f}")

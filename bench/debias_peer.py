"""The peer of bench/debias.sh: hard debiasing as debiaswe's `debias` defines it (doPCA
direction, drop the projection of every non-specific word, normalise, equalise the lower/title/
upper variants of each pair with y +- z*g), written with vectorised numpy, plus the direct bias
before and after. Reads a word2vec binary file with gensim 4.4, writes the vectors as .npy.

usage: debias_peer.py VECTORS.bin PAIRS.json GENDER.json EQUALIZE.json NEUTRAL.json OUT.npy
"""
import json
import sys

import numpy as np
from gensim.models import KeyedVectors

vectors, pairs_file, gender_file, equalize_file, neutral_file, out = sys.argv[1:7]
kv = KeyedVectors.load_word2vec_format(vectors, binary=True)
E = kv.vectors.astype(np.float32)
E /= np.linalg.norm(E, axis=1, keepdims=True)
index = kv.key_to_index

pairs = [(a, b) for a, b in json.load(open(pairs_file)) if a in index and b in index]
rows = []
for a, b in pairs:
    centre = (E[index[a]] + E[index[b]]) / 2
    rows += [E[index[a]] - centre, E[index[b]] - centre]
rows = np.array(rows, dtype=np.float64)
rows -= rows.mean(axis=0)
_, s, vt = np.linalg.svd(rows, full_matrices=False)
g = vt[0].astype(np.float32)
if sum(float((E[index[a]] - E[index[b]]) @ g) for a, b in pairs) < 0:
    g = -g
candidates = []
for a, b in json.load(open(equalize_file)):
    for x, y in [(a.lower(), b.lower()), (a.title(), b.title()), (a.upper(), b.upper())]:
        if x in index and y in index and (x, y) not in candidates:
            candidates.append((x, y))
exempt = np.zeros(len(E), dtype=bool)
for w in json.load(open(gender_file)):
    if w in index:
        exempt[index[w]] = True
for a, b in pairs + candidates:
    exempt[index[a]] = exempt[index[b]] = True
neutral = [index[w] for w in json.load(open(neutral_file)) if w in index and not exempt[index[w]]]
before = float(np.mean(np.abs(E[neutral] @ g)))

projection = E @ g
projection[exempt] = 0
E -= np.outer(projection, g)
E /= np.linalg.norm(E, axis=1, keepdims=True)
for a, b in candidates:
    i, j = index[a], index[b]
    y = (E[i] + E[j]) / 2
    y -= (y @ g) * g
    z = np.sqrt(1 - y @ y)
    if (E[i] - E[j]) @ g < 0:
        z = -z
    E[i], E[j] = z * g + y, -z * g + y
after = float(np.mean(np.abs(E[neutral] @ g)))
np.save(out, E)
print(json.dumps({"explained_variance": (s[:3] ** 2 / (s ** 2).sum()).tolist(), "before": before, "after": after}))

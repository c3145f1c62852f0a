/// How an analogy a : b :: c : ? is answered (Levy & Goldberg 2014, "Linguistic Regularities in
/// Sparse and Explicit Word Representations").
public enum AnalogyMethod: String, Sendable, CaseIterable {
    /// 3CosAdd (Mikolov et al. 2013): argmax over w of cos(w, b̂ + ĉ − â), the query normalised
    /// first; gensim's `most_similar(positive=[b, c], negative=[a])`.
    case threeCosAdd = "3cosadd"
    /// 3CosMul: argmax over w of cos'(w,b)·cos'(w,c) / (cos'(w,a) + ε) with cos' = (1 + cos)/2
    /// and ε = 1e-6; gensim's `most_similar_cosmul(positive=[b, c], negative=[a])`.
    case threeCosMul = "3cosmul"
}

/// Whose rules an analogy benchmark is counted by. They agree on well-formed files except in
/// corner cases, which this type names.
public enum AnalogyCounting: String, Sendable, CaseIterable {
    /// gensim 4.4's `evaluate_word_analogies(case_insensitive=True)`: Unicode upper-casing; the
    /// prediction is the first of the five best answers whose upper-cased form is not a question
    /// word (so a differently-cased copy of a question word is passed over); sections named
    /// `gram…` are syntactic.
    case gensim
    /// word2vec's `compute-accuracy`: ASCII-only upper-casing; the prediction is the single best
    /// word other than the three question rows, and only if its score is positive (else the
    /// question is wrong); the first five sections are semantic, the rest syntactic.
    case word2vec
}

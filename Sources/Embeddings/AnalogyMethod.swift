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

/// The binary tree of hierarchical softmax (Morin & Bengio 2005; Mikolov et al. 2013b §2.1):
/// a Huffman tree over the vocabulary built from corpus counts, so frequent words have short
/// paths. Word w's probability is Π over the inner nodes n on its path of σ(±v_n·h), the sign
/// given by the branch taken.
///
/// Built exactly as word2vec.c's `CreateBinaryTree` builds it, so codes and paths match it bit for
/// bit: words must be sorted by count descending; two cursors walk the leaves from the rarest
/// upwards and the inner nodes in creation order, each step joining the two smallest (an inner node
/// wins a tie against a leaf: a leaf is taken only when strictly smaller), the second-smallest child taking branch bit 1. Inner node j
/// (0…V−2) is the (j+1)-th created; the root is V−2. O(V) after sorting.
public struct HuffmanTree: Sendable {
    /// Branch bits from the root down to each word, concatenated; word w's are
    /// `codes[offsets[w]..<offsets[w+1]]`.
    public let codes: [UInt8]
    /// Inner-node indices (rows of the output matrix) from the root down, parallel to `codes`.
    public let points: [Int32]
    /// Start of each word's code in `codes` and `points`; V + 1 entries.
    public let offsets: [Int32]

    /// - Parameter counts: counts in vocabulary order. word2vec.c's order (highest first) gives
    ///   its tree exactly; otherwise words are ranked by count (stable) first, so a vocabulary with
    ///   zero-count special tokens in front still gets a Huffman tree. A single word gets an empty
    ///   code (its probability is 1).
    public init(counts: [Int]) {
        let ranked = counts.indices.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
        if ranked != Array(counts.indices) {
            let tree = HuffmanTree(counts: ranked.map { counts[$0] })
            var rankOf = [Int](repeating: 0, count: counts.count)
            for (rank, word) in ranked.enumerated() { rankOf[word] = rank }
            var codes: [UInt8] = []
            var points: [Int32] = []
            var offsets: [Int32] = [0]
            for word in counts.indices {
                let slice = Int(tree.offsets[rankOf[word]])..<Int(tree.offsets[rankOf[word] + 1])
                codes.append(contentsOf: tree.codes[slice])
                points.append(contentsOf: tree.points[slice])
                offsets.append(Int32(codes.count))
            }
            self.codes = codes
            self.points = points
            self.offsets = offsets
            return
        }
        let v = counts.count
        guard v > 1 else {
            codes = []
            points = []
            offsets = Array(repeating: 0, count: v + 1)
            return
        }
        var count = counts.map(Int64.init) + Array(repeating: Int64(1e15), count: v - 1)
        var parent = [Int](repeating: 0, count: 2 * v - 1)
        var binary = [UInt8](repeating: 0, count: 2 * v - 1)
        var leaf = v - 1  // the next leaf to take, rarest first
        var inner = v     // the next inner node to take, oldest first
        func takeSmallest() -> Int {
            if leaf >= 0 && count[leaf] < count[inner] {
                leaf -= 1
                return leaf + 1
            }
            inner += 1
            return inner - 1
        }
        for a in 0..<(v - 1) {
            let first = takeSmallest()
            let second = takeSmallest()
            count[v + a] = count[first] + count[second]
            parent[first] = v + a
            parent[second] = v + a
            binary[second] = 1
        }
        let root = 2 * v - 2
        var codes: [UInt8] = []
        var points: [Int32] = []
        var offsets: [Int32] = [0]
        var pathCodes: [UInt8] = []
        var pathNodes: [Int] = []
        for word in 0..<v {
            pathCodes.removeAll(keepingCapacity: true)
            pathNodes.removeAll(keepingCapacity: true)
            var node = word
            while node != root {
                pathCodes.append(binary[node])
                pathNodes.append(parent[node])
                node = parent[node]
            }
            // Collected leaf-upwards: the parents of the nodes, i.e. the inner nodes of the path.
            for depth in stride(from: pathCodes.count - 1, through: 0, by: -1) {
                codes.append(pathCodes[depth])
                points.append(Int32(pathNodes[depth] - v))
            }
            offsets.append(Int32(codes.count))
        }
        self.codes = codes
        self.points = points
        self.offsets = offsets
    }

    /// The number of inner nodes (rows of the output matrix): V − 1, or 0 for V ≤ 1.
    public var innerNodeCount: Int { max(0, offsets.count - 2) }

    /// Word w's code as a string of 0s and 1s from the root (for tests and inspection).
    public func code(of word: Int) -> String {
        codes[Int(offsets[word])..<Int(offsets[word + 1])].map { $0 == 0 ? "0" : "1" }.joined()
    }

    /// Word w's inner nodes from the root.
    public func path(of word: Int) -> [Int] {
        points[Int(offsets[word])..<Int(offsets[word + 1])].map(Int.init)
    }
}

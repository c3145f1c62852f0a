import Testing
@testable import Embeddings

/// Codes and paths of the hierarchical-softmax tree. The expected values were worked out by hand
/// following word2vec.c's `CreateBinaryTree` step by step (two cursors, the second-smallest child
/// gets bit 1, an inner node wins a tie against a leaf, the root is inner node V−2).
struct HuffmanTreeTests {
    @Test func fourWordsByHand() {
        let tree = HuffmanTree(counts: [4, 3, 2, 1])
        #expect((0..<4).map(tree.code(of:)) == ["0", "11", "101", "100"])
        #expect((0..<4).map(tree.path(of:)) == [[2], [2, 1], [2, 1, 0], [2, 1, 0]])
        #expect(tree.innerNodeCount == 3)
    }

    @Test func tieGoesToTheInnerNode() {
        // counts 2, 1, 1: the leaves 1+1 make inner node 0 (count 2); then inner node 0 and the
        // leaf of count 2 tie, and the inner node is taken first, so the leaf gets bit 1.
        let tree = HuffmanTree(counts: [2, 1, 1])
        #expect((0..<3).map(tree.code(of:)) == ["1", "01", "00"])
        #expect((0..<3).map(tree.path(of:)) == [[1], [1, 0], [1, 0]])
    }

    @Test func unsortedCountsAreRankedFirst() {
        // A vocabulary file puts zero-count special tokens first: they become the rarest leaves.
        let tree = HuffmanTree(counts: [0, 4, 3, 2, 1])
        let sorted = HuffmanTree(counts: [4, 3, 2, 1, 0])
        #expect(tree.code(of: 0) == sorted.code(of: 4))
        for w in 1...4 {
            #expect(tree.code(of: w) == sorted.code(of: w - 1))
            #expect(tree.path(of: w) == sorted.path(of: w - 1))
        }
    }

    @Test func singleWordHasEmptyCode() {
        let tree = HuffmanTree(counts: [7])
        #expect(tree.code(of: 0) == "")
        #expect(tree.innerNodeCount == 0)
    }

    /// On a Zipf vocabulary: the codes are prefix-free, satisfy Kraft's equality Σ 2^−len = 1, every
    /// path starts at the root and visits distinct inner nodes, and the weighted length equals the
    /// sum of the inner nodes' counts (which is what makes it a Huffman code).
    @Test func zipfTreeIsAFullPrefixCode() {
        let counts = (1...500).map { 100_000 / $0 }
        let tree = HuffmanTree(counts: counts)
        let codes = counts.indices.map(tree.code(of:))
        var kraft = 0.0
        for code in codes { kraft += pow(2, -Double(code.count)) }
        #expect(abs(kraft - 1) < 1e-12)
        let set = Set(codes)
        #expect(set.count == codes.count)
        for code in codes {
            for k in 1..<code.count { #expect(!set.contains(String(code.prefix(k)))) }
        }
        for w in counts.indices {
            let path = tree.path(of: w)
            #expect(path.first == counts.count - 2)
            #expect(Set(path).count == path.count)
            #expect(path.allSatisfy { (0..<(counts.count - 1)).contains($0) })
        }
        // Huffman: Σ count·len = Σ over merges of the merged counts.
        var heap = counts.sorted()
        var mergedTotal = 0
        while heap.count > 1 {
            let a = heap.removeFirst(), b = heap.removeFirst()
            mergedTotal += a + b
            let i = heap.firstIndex { $0 >= a + b } ?? heap.count
            heap.insert(a + b, at: i)
        }
        let weighted = zip(counts, codes).reduce(0) { $0 + $1.0 * $1.1.count }
        #expect(weighted == mergedTotal)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The `capacity` highest scores of a stream of (index, score) pairs, kept sorted (highest
/// first; equal scores keep the lower index first). Insertion is O(capacity) but a candidate
/// below the current minimum is rejected in O(1), so a scan over V scores costs O(V) in
/// practice. No allocation after `init`.
struct TopScores {
    private(set) var indices: [Int]
    private(set) var scores: [Float]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        indices = []
        scores = []
        indices.reserveCapacity(self.capacity)
        scores.reserveCapacity(self.capacity)
    }

    mutating func removeAll() {
        indices.removeAll(keepingCapacity: true)
        scores.removeAll(keepingCapacity: true)
    }

    /// Offers a candidate. NaN scores are never kept. Indices must be offered in increasing order
    /// for the tie rule to hold.
    @inline(__always)
    mutating func offer(_ index: Int, _ score: Float) {
        guard capacity > 0, !score.isNaN else { return }
        if scores.count == capacity {
            guard score > scores[capacity - 1] else { return }
            scores.removeLast()
            indices.removeLast()
        }
        var position = scores.count
        while position > 0 && scores[position - 1] < score { position -= 1 }
        scores.insert(score, at: position)
        indices.insert(index, at: position)
    }

    /// Offers `count` consecutive scores for indices `0..<count`, skipping `excluded` indices.
    mutating func offer(_ values: UnsafePointer<Float>, count: Int, excluding excluded: [Int] = []) {
        for i in 0..<count {
            let score = values[i]
            if scores.count == capacity, !(score > scores[capacity - 1]) { continue }
            if !excluded.isEmpty && excluded.contains(i) { continue }
            offer(i, score)
        }
    }
}

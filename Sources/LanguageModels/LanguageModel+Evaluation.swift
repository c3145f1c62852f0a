import Neural

extension LanguageModel {
    /// The summed cross-entropy (nats) of every prediction of `stream` and how many there are.
    ///
    /// The n predictions are cut into S = max(1, min(batch, ⌊n/bptt⌋)) contiguous segments of
    /// ⌊n/S⌋ predictions (so no segment is shorter than a window unless the stream is), run side
    /// by side in windows of `bptt` steps with the state carried (each segment starts from a zero
    /// state); the predictions left over are run as one more segment at batch 1, so every id after
    /// the first is predicted exactly once. A stream of at most `bptt` predictions (or `batch` 1)
    /// is read as one sequence: the sum of `tokenLogProbabilities` of its text.
    public func evaluate(_ stream: TokenStream, batch: Int, bptt: Int) -> (loss: Double, count: Int) {
        let n = stream.predictionCount
        guard n > 0 else { return (0, 0) }
        let segments = max(1, min(batch, n / bptt))
        let length = n / segments
        var total = 0.0
        if length > 0 {
            total += run(stream.ids, offset: 0, length: length, batch: segments, bptt: bptt)
        }
        let rest = n - length * segments
        if rest > 0 {
            total += run(stream.ids, offset: length * segments, length: rest, batch: 1, bptt: bptt)
        }
        return (total, n)
    }

    /// Σ −log P over `batch` segments of `length` predictions starting at `offset`.
    private func run(_ ids: [Int32], offset: Int, length: Int, batch: Int, bptt: Int) -> Double {
        network.resetState(batch: batch)
        var total = 0.0
        var start = 0
        var inputs: [Int32] = [], targets: [Int32] = []
        while start < length {
            let steps = min(bptt, length - start)
            BatchLayout.fill(ids, offset: offset, segmentLength: length, start: start, steps: steps, batch: batch,
                             inputs: &inputs, targets: &targets)
            total += Double(network.loss(inputs: inputs, targets: targets, steps: steps, batch: batch, dropout: nil))
            start += steps
        }
        return total
    }
}

/// How a stream becomes batches: segment s holds predictions offset + s·L ..< offset + (s+1)·L,
/// and the window [start, start+steps) of all segments is laid out time-major (row t·batch + s).
enum BatchLayout {
    static func fill(_ ids: [Int32], offset: Int, segmentLength: Int, start: Int, steps: Int, batch: Int,
                     inputs: inout [Int32], targets: inout [Int32]) {
        inputs.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
        for t in 0..<steps {
            for s in 0..<batch {
                let i = offset + s * segmentLength + start + t
                inputs.append(ids[i])
                targets.append(ids[i + 1])
            }
        }
    }
}

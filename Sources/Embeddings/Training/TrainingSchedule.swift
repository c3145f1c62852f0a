/// The points where every worker of a run stops together (sync points), in global corpus
/// positions: position G ∈ 1…epochs × N counts spooled ids over all epochs (N ids per epoch).
///
/// - Hogwild (the default): the end of every epoch, where the observer evaluates the vectors, and
///   the checkpoints (every `checkpointEvery` positions, or at epoch ends).
/// - `--deterministic`: the end of every round (`rounds` per epoch), where the shards' changes are
///   merged; a checkpoint is written at the first round end at or after each multiple of
///   `checkpointEvery`, so it always holds merged vectors.
///
/// A worker (or shard) owning a share of n of the N ids stops at its own cumulative position
/// `local(G, count: n)`, the same fraction of its share, so the points depend on the corpus and
/// the options only, never on timing.
struct TrainingSchedule {
    struct Point: Equatable {
        /// Global position, 1…epochs × N.
        let position: Int
        let epochEnd: Bool
        let checkpoint: Bool
    }

    let total: Int
    let points: [Point]

    /// `checkpointEvery` nil with `checkpoints` true: a checkpoint at every epoch end. Only the
    /// points after `start` (a resumed run's position) are kept.
    init(total: Int, epochs: Int, rounds: Int, checkpoints: Bool, checkpointEvery: Int?, start: Int = 0) {
        self.total = total
        var positions: [Int: (epochEnd: Bool, checkpoint: Bool)] = [:]
        let every = checkpoints ? checkpointEvery : nil
        for epoch in 0..<epochs {
            for round in 1...max(1, rounds) {
                let g = epoch * total + total * round / max(1, rounds)
                let end = round == max(1, rounds)
                positions[g] = (end, end && checkpoints && every == nil)
            }
        }
        if let every, every > 0 {
            let roundEnds = positions.keys.sorted()
            var next = 0
            var k = 1
            while k * every < epochs * total {
                let wanted = k * every
                if rounds > 1 {
                    // The first round end at or after the wanted position.
                    while next < roundEnds.count && roundEnds[next] < wanted { next += 1 }
                    if next < roundEnds.count { positions[roundEnds[next]]?.checkpoint = true }
                } else {
                    positions[wanted, default: (false, false)].checkpoint = true
                }
                k += 1
            }
        }
        points = positions.keys.sorted().filter { $0 > start }.map { Point(position: $0, epochEnd: positions[$0]!.epochEnd,
                                                                             checkpoint: positions[$0]!.checkpoint) }
    }

    /// The cumulative position in a share of `count` ids that corresponds to global position `g`.
    func local(_ g: Int, count: Int) -> Int {
        let epoch = g / total
        return epoch * count + (g - epoch * total) * count / total
    }
}

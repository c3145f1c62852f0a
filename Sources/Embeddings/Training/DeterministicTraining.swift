import Diagnostics
import Foundation

/// `--deterministic`: the same vectors for any number of threads.
///
/// The corpus is cut into `TrainingOptions.deterministicShards` contiguous shards, whatever the
/// number of threads. Each shard is a worker with its own random stream (PCG64 from
/// SeedSequence(seed, spawn key [shard])) and its own learning-rate schedule (its progress through
/// its shard), and each epoch is cut into `rounds(total:)` rounds. In a round every shard trains on
/// its next piece against the vectors as they were at the start of the round, through a private
/// copy of each row it touches (`RowOverlay`: it sees its own updates, not the other shards');
/// then each touched row receives the shards' changes summed in shard order, capped when they
/// all point the same way (`RowOverlay.merge`). The threads take shards from a queue and then merge disjoint
/// row ranges; neither the order in which shards ran nor which thread merged a row enters any
/// computation, so the result depends only on the corpus, the options and the seed.
///
/// Costs (measured on a 5M-token wiki8 slice, skip-gram NS, 2 threads): about 1.7x the CPU time
/// of Hogwild (copying rows in and merging them out: each touched row is a cache miss twice per
/// round) and 2.5x its memory (the shards' copies, 154 MB against 60 MB); a barrier per round; and
/// shards learn from vectors up to one round stale. Rounds of 8192 tokens per shard cost 15 % less
/// CPU than rounds of 2048 at the same accuracy (WS-353 0.22 against 0.20; Hogwild 0.24).
struct DeterministicTraining {
    let run: TrainingRun

    /// Positions per shard and round (before the minimum number of rounds applies): longer rounds
    /// copy and merge hot rows less often but let the shards drift further apart.
    static let roundLength = 8192
    /// Rounds per epoch at least, so small corpora still mix the shards' work often.
    static let minimumRounds = 16

    /// Rounds per epoch for a corpus of `total` spooled ids: a function of the corpus only.
    static func rounds(total: Int) -> Int {
        let shards = TrainingOptions.deterministicShards
        return max(minimumRounds, (total + shards * roundLength - 1) / (shards * roundLength))
    }

    func train() throws {
        let options = run.options
        let shards = TrainingOptions.deterministicShards
        let threads = options.threads
        let d = options.dimension
        let inputOverlays = (0..<shards).map { _ in RowOverlay(shared: run.input.base, rows: run.input.rows, columns: d) }
        let outputOverlays = (0..<shards).map { _ in RowOverlay(shared: run.output.base, rows: run.output.rows, columns: d) }
        run.workers = (0..<shards).map { s in
            run.factory.makeWorker(input: ShardRows(overlay: inputOverlays[s]), output: ShardRows(overlay: outputOverlays[s]),
                                   range: run.ranges[s], random: run.random(s), progress: run.slots[s])
        }
        run.restore(run.resumedCheckpoint)
        let workers = run.workers
        let ranges = run.ranges
        let schedule = run.schedule
        let failures = FailureBox()
        let inputRows = run.input.rows
        let outputRows = run.output.rows
        run.periodStart = Clocks.monotonic()
        for point in schedule.points {
            let queue = ShardQueue(count: shards)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while failures.first == nil, let s = queue.next() {
                    do {
                        try workers[s].advance(to: schedule.local(point.position, count: ranges[s].count))
                    } catch {
                        failures.record(error)
                    }
                }
            }
            if let error = failures.first { throw error }
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * d)
                defer { scratch.deallocate() }
                RowOverlay.merge(inputOverlays, rows: (inputRows * t / threads)..<(inputRows * (t + 1) / threads), scratch: scratch)
                RowOverlay.merge(outputOverlays, rows: (outputRows * t / threads)..<(outputRows * (t + 1) / threads), scratch: scratch)
            }
            for overlay in inputOverlays + outputOverlays { overlay.resetPeriod() }
            run.reportProgress(epoch: run.epoch(at: point.position - 1), throttled: true)
            try run.reached(point)
        }
        withExtendedLifetime((inputOverlays, outputOverlays)) {}
    }
}

/// Hands out shard numbers 0, 1, … once each to whichever thread asks.
final class ShardQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}

import Diagnostics
import Foundation

/// The default driver: one thread per worker, each over its fixed contiguous share of the corpus,
/// all updating the shared matrices without locks (Hogwild!, Recht et al. 2011, as word2vec.c).
/// The workers run on their own between sync points (epoch ends, checkpoints), where they wait at
/// the `EpochBarrier` while the coordinating thread reports the epoch and writes the checkpoint;
/// between sync points the coordinator reports progress about twice a second. With several
/// threads each worker trains the most contended rows on its own copy (`HotRowCopy`).
struct HogwildTraining {
    let run: TrainingRun

    func train() throws {
        let options = run.options
        let threads = options.threads
        let schedule = run.schedule
        let points = schedule.points
        let hot = threads > 1 ? HotRanges(options: options, inputRows: run.input.rows, outputRows: run.output.rows) : nil
        run.workers = (0..<threads).map { t in
            if let hot {
                let input = HotRowCopy(shared: run.input.base, columns: options.dimension, rows: hot.input)
                let output = HotRowCopy(shared: run.output.base, columns: options.dimension, rows: hot.output)
                return run.factory.makeWorker(input: input.rows, output: output.rows, range: run.ranges[t],
                                              random: run.random(t), progress: run.slots[t])
            }
            return run.factory.makeWorker(input: SharedRows(base: run.input.base, columns: options.dimension),
                                          output: SharedRows(base: run.output.base, columns: options.dimension),
                                          range: run.ranges[t], random: run.random(t), progress: run.slots[t])
        }
        run.restore(run.resumedCheckpoint)
        let done = DispatchSemaphore(value: 0)
        let failures = FailureBox()
        let barrier = EpochBarrier(threads: threads)
        for t in 0..<threads {
            let worker = run.workers[t]
            let count = run.ranges[t].count
            let thread = Thread {
                do {
                    for (i, point) in points.enumerated() {
                        try worker.advance(to: schedule.local(point.position, count: count))
                        if !barrier.arrive(lastEpoch: i == points.count - 1) { break }
                    }
                } catch {
                    failures.record(error)
                    barrier.abandon(remaining: points.count)
                }
                done.signal()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        run.periodStart = Clocks.monotonic()
        var coordinatorError: Error?
        for (i, point) in points.enumerated() {
            var arrived = 0
            while arrived < threads {
                if barrier.waitForArrival(timeout: .now() + .milliseconds(500)) {
                    arrived += 1
                    continue
                }
                run.reportProgress(epoch: run.epoch(at: point.position - 1))
            }
            if failures.first != nil { barrier.cancel(); break }
            do {
                try run.reached(point)
            } catch {
                coordinatorError = error
                barrier.cancel()
                break
            }
            if i < points.count - 1 { barrier.release() }
        }
        for _ in 0..<threads { done.wait() }
        if let error = failures.first { throw error }
        if let coordinatorError { throw coordinatorError }
    }
}

import Foundation

/// Holds the Hogwild workers together at every sync point (the end of an epoch, a checkpoint; see
/// `TrainingSchedule`) so that the coordinating thread can see a consistent state of the vectors
/// (to report the epoch, evaluate them, write a checkpoint) before any worker goes on.
///
/// Every worker calls `arrive(lastEpoch:)` once per sync point (`lastEpoch`: the last one); the coordinator waits for `threads`
/// arrivals, does its work while the workers are parked, then calls `release()`. A worker that
/// fails calls `abandon(remaining:)` (its epochs at most: surplus arrivals are harmless, since the
/// coordinator cancels the run as soon as it sees the failure) so the coordinator never waits for it; after `cancel()` the
/// parked workers return instead of training on.
final class EpochBarrier: @unchecked Sendable {
    private let arrivals = DispatchSemaphore(value: 0)
    private let resume = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var isCancelled = false
    let threads: Int

    init(threads: Int) {
        self.threads = threads
    }

    /// Whether the run was cancelled (a worker failed or the coordinator's epoch work threw).
    var cancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return isCancelled
    }

    /// Called by a worker after an epoch; parks it until `release()` unless this was its last
    /// epoch. Returns false when the run was cancelled and the worker should stop.
    func arrive(lastEpoch: Bool) -> Bool {
        arrivals.signal()
        if lastEpoch { return true }
        resume.wait()
        return !cancelled
    }

    /// Called for a worker that failed: signals up to `remaining` arrivals on its behalf.
    func abandon(remaining: Int) {
        for _ in 0..<max(0, remaining) { arrivals.signal() }
    }

    /// Waits up to `timeout` for one arrival.
    func waitForArrival(timeout: DispatchTime) -> Bool {
        arrivals.wait(timeout: timeout) == .success
    }

    /// Lets every parked worker start the next epoch.
    func release() {
        for _ in 0..<threads { resume.signal() }
    }

    /// Marks the run cancelled and releases the parked workers, which then return.
    func cancel() {
        lock.lock()
        isCancelled = true
        lock.unlock()
        release()
    }
}

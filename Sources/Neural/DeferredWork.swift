import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Work of a backward pass whose results are needed only at the optimizer step (the weight
/// gradients' products), done by a helper thread while the caller backpropagates on, and finished
/// by whichever of the two gets to a task first.
///
/// Tasks write disjoint parts of the gradients, each the same sums whoever runs it, so results do
/// not depend on the timing. The caller adds tasks in order as their inputs become final, must
/// not change what a task reads until `finish()`, and calls `finish()` before anything else
/// touches the gradients the tasks write. Products inside tasks run single-threaded (OpenBLAS is
/// kept at one thread while a network uses this).
final class DeferredWork: @unchecked Sendable {
    private var tasks: [() -> Void] = []
    private var taken = 0
    private var closed = false
    private var helperStarted = false
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let helperDone = DispatchSemaphore(value: 0)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Queues `task`; the first task of a pass starts the helper.
    func add(_ task: @escaping () -> Void) {
        pthread_mutex_lock(mutex)
        tasks.append(task)
        let start = !helperStarted
        helperStarted = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
        if start { DispatchQueue.global().async { self.help() } }
    }

    /// Runs every task not yet taken, waits for the helper's last one, and gets ready for the
    /// next pass.
    func finish() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(condition)
        let started = helperStarted
        pthread_mutex_unlock(mutex)
        while let task = take(waiting: false) { task() }
        if started { helperDone.wait() }
        tasks.removeAll(keepingCapacity: true)
        taken = 0
        closed = false
        helperStarted = false
    }

    /// The helper: tasks as they come until the pass is finished.
    private func help() {
        while let task = take(waiting: true) { task() }
        helperDone.signal()
    }

    /// The next task not taken; when there is none, nil, or with `waiting` the next one added
    /// (nil once `finish` has been called).
    private func take(waiting: Bool) -> (() -> Void)? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if taken < tasks.count {
                taken += 1
                return tasks[taken - 1]
            }
            if closed || !waiting { return nil }
            pthread_cond_wait(condition, mutex)
        }
    }
}

import Foundation

/// Runs `body(0)…body(count − 1)` on `count` threads and waits for them, calling `poll` about
/// twice a second meanwhile (progress reports).
func runParallel(_ count: Int, poll: () -> Void, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for t in 0..<count {
        let thread = Thread {
            body(t)
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
    var finished = 0
    while finished < count {
        if done.wait(timeout: .now() + .milliseconds(500)) == .success {
            finished += 1
        } else {
            poll()
        }
    }
}

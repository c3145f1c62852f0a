import Dispatch

/// Runs `body(c)` for c in 0..<parts, on `parts` threads at once when there are several, and
/// returns when all have finished. The callers hand each part its own elements, so the closure
/// (which may capture pointers) runs without Sendable checks.
func concurrently(_ parts: Int, _ body: (Int) -> Void) {
    if parts <= 1 {
        body(0)
        return
    }
    withoutActuallyEscaping(body) { body in
        let work = PartsBody(run: body)
        DispatchQueue.concurrentPerform(iterations: parts) { c in work.run(c) }
    }
}

/// The closure of `concurrently`, whose parts touch disjoint data.
private struct PartsBody: @unchecked Sendable {
    let run: (Int) -> Void
}

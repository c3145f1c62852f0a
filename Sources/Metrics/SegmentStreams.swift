import Diagnostics
import Dispatch

/// Checks and walks a hypothesis stream with its reference streams, segment by segment, the
/// way every metric's corpus statistics read them; rows are computed in parallel chunks when
/// asked (each worker with its own scratch space, so the integers are the same for any number
/// of threads).
enum SegmentStreams {
    /// Throws unless every stream has one line per hypothesis, no hypothesis is missing, and
    /// every segment has at least one reference.
    static func validate(hypotheses: TextLines, references: [TextLines]) throws {
        guard !references.isEmpty else { throw Failure(.usage, "no reference stream given") }
        for (k, stream) in references.enumerated() where stream.count != hypotheses.count {
            throw Failure(.badData, "the hypotheses have \(hypotheses.count) lines but reference stream \(k + 1) "
                + "has \(stream.count)")
        }
        for i in 0..<hypotheses.count {
            if hypotheses.isMissing(i) { throw Failure(.badData, "hypothesis \(i + 1) is missing") }
            if references.allSatisfy({ $0.isMissing(i) }) {
                throw Failure(.badData, "segment \(i + 1) has no reference")
            }
        }
    }

    /// Runs `body` with line access to the hypotheses and every reference stream.
    static func withAccess<R>(_ hypotheses: TextLines, _ references: [TextLines],
                              _ body: (TextLines.LineAccess, [TextLines.LineAccess]) -> R) -> R {
        func nest(_ k: Int, _ gathered: [TextLines.LineAccess]) -> R {
            if k == references.count {
                return hypotheses.withLines { body($0, gathered) }
            }
            return references[k].withLines { nest(k + 1, gathered + [$0]) }
        }
        return nest(0, [])
    }

    /// Fills a table of `width` columns with `fill(worker, segment, row)` for every segment,
    /// using up to `threads` workers on contiguous chunks. `makeWorker` builds one worker's
    /// scratch state.
    static func table<Worker>(segments: Int, width: Int, threads: Int, makeWorker: () -> Worker,
                              fill: (Worker, Int, UnsafeMutablePointer<Int>) -> Void) -> StatisticsTable {
        var values = [Int](repeating: 0, count: segments * width)
        let workers = max(1, min(threads, segments / 64 + 1))
        values.withUnsafeMutableBufferPointer { buffer in
            let output = UncheckedPointer(base: buffer.baseAddress!)
            if workers == 1 {
                let worker = makeWorker()
                for i in 0..<segments { fill(worker, i, output.base + i * width) }
                return
            }
            // Each worker object is used by exactly one iteration, and rows are disjoint.
            let states = UncheckedBox(value: (0..<workers).map { _ in makeWorker() })
            let chunk = (segments + workers - 1) / workers
            withoutActuallyEscaping(fill) { fill in
                let fillBox = UncheckedBox(value: fill)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let worker = states.value[w]
                    let start = w * chunk, end = min(segments, start + chunk)
                    var i = start
                    while i < end {
                        fillBox.value(worker, i, output.base + i * width)
                        i += 1
                    }
                }
            }
        }
        return StatisticsTable(width: width, values: values)
    }
}

/// A value handed to workers that touch disjoint parts of it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

/// A raw pointer that workers write disjoint rows through.
struct UncheckedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int>
}

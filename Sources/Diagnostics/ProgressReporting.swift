/// How long-running library code reports progress without printing: the executable decides
/// whether to draw a progress line on a terminal, write `--log` JSON lines, or stay quiet.
public protocol ProgressReporting: AnyObject {
    /// Called periodically with the work done so far. `total` is nil when unknown (a pipe).
    func progress(done: Int, total: Int?, unit: String, metrics: [(String, Double)])
    /// A named event worth logging (an epoch ended, an evaluation ran), with its numbers.
    func event(_ name: String, metrics: [(String, Double)])
}

/// The reporter that reports nothing.
public final class SilentProgress: ProgressReporting {
    public init() {}
    public func progress(done: Int, total: Int?, unit: String, metrics: [(String, Double)]) {}
    public func event(_ name: String, metrics: [(String, Double)]) {}
}

import Diagnostics
import JSONCore
#if canImport(Glibc)
import Glibc
#endif

/// A progress reporter that writes every report to a `MetricsLog` and passes it on to another
/// reporter (the terminal line).
///
/// A progress report becomes `{"event":"progress","<unit>":done,"total_<unit>":total,<metrics>,
/// "elapsed_seconds":…,"eta_seconds":…}` (the total and the ETA only when the total is known),
/// an event `{"event":"<name>",<metrics>}`. Metric names are kept as given (snake_case).
public final class LoggedProgress: ProgressReporting {
    let log: MetricsLog
    let next: any ProgressReporting
    let start: Double

    public init(log: MetricsLog, passingTo next: any ProgressReporting) {
        self.log = log
        self.next = next
        start = Clocks.monotonic()
    }

    public func progress(done: Int, total: Int?, unit: String, metrics: [(String, Double)]) {
        next.progress(done: done, total: total, unit: unit, metrics: metrics)
        let elapsed = Clocks.seconds(since: start)
        var fields: [(key: String, value: JSONValue)] = [("event", "progress"), (unit, JSONValue(done))]
        if let total { fields.append(("total_\(unit)", JSONValue(total))) }
        for (name, value) in metrics { fields.append((name, Self.number(name, value))) }
        fields.append(("elapsed_seconds", JSONValue(elapsed)))
        if let total, total > 0, done > 0 {
            let fraction = min(1, Double(done) / Double(total))
            fields.append(("eta_seconds", JSONValue(elapsed * (1 - fraction) / fraction)))
        }
        log.write(.object(fields))
    }

    public func event(_ name: String, metrics: [(String, Double)]) {
        next.event(name, metrics: metrics)
        log.write(.object([("event", .string(name))] + metrics.map { ($0.0, Self.number($0.0, $0.1)) }))
    }

    /// Whole-valued counters (`words`, `epoch`) as integers, everything else as a double.
    static func number(_ name: String, _ value: Double) -> JSONValue {
        if value.rounded() == value && value.magnitude < 0x1p53 && (name == "epoch" || name == "words") {
            return JSONValue(Int(value))
        }
        return JSONValue(value)
    }
}

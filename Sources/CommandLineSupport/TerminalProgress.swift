import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Draws long work's progress on standard error as one line rewritten in place (rate, metrics,
/// percentage and ETA), only when `enabled` (the program passes "standard error is a terminal and
/// not --quiet"), so logs and pipes never receive cursor codes.
public final class TerminalProgress: ProgressReporting {
    let program: String
    let enabled: Bool
    let start: Double
    var drawn = false

    public init(program: String, enabled: Bool) {
        self.program = program
        self.enabled = enabled
        start = Clocks.monotonic()
    }

    /// Seconds since the reporter was made.
    public var elapsed: Double { Clocks.seconds(since: start) }

    /// The elapsed time as "12.3 s".
    public var elapsedDescription: String {
        let tenths = Int((elapsed * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    public func progress(done: Int, total: Int?, unit: String, metrics: [(String, Double)]) {
        guard enabled else { return }
        var line = "\(program): \(done) \(unit)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            line += " (\(Int(fraction * 100))%"
            if fraction > 0.001 {
                let remaining = elapsed * (1 - fraction) / fraction
                line += ", ETA \(Int(remaining.rounded())) s"
            }
            line += ")"
        }
        for (name, value) in metrics {
            line += "  \(name.replacingUnderscores) \(TerminalProgress.format(value))"
        }
        StandardError.put("\r\u{1B}[K" + line)
        drawn = true
    }

    public func event(_ name: String, metrics: [(String, Double)]) {}

    /// Ends the progress line so the next message starts on a fresh line.
    public func finish() {
        if drawn { StandardError.put("\r\u{1B}[K") }
        drawn = false
    }

    /// Up to four significant digits, integers without a fraction.
    static func format(_ x: Double) -> String {
        if x.magnitude >= 1000 { return String(Int(x.rounded())) }
        if x == 0 { return "0" }
        var digits = 3
        var m = x.magnitude
        while m < 1 && digits < 8 { m *= 10; digits += 1 }
        let scale = pow(10, Double(digits))
        let v = (x * scale).rounded() / scale
        return "\(v)"
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

extension StandardError {
    /// Writes `text` as it is (no newline added).
    public static func put(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}

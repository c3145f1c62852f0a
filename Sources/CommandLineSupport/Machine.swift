#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine that option defaults depend on.
public enum Machine {
    /// The number of online processor cores (the default of every `--threads`).
    public static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// This process's CPU seconds so far (user + system, all threads) and its peak resident
    /// memory in bytes (getrusage: ru_maxrss, which Linux gives in KB), as `/usr/bin/time` reports them.
    public static func processUsage() -> (cpuSeconds: Double, peakBytes: Int) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime) + seconds(usage.ru_stime), Int(usage.ru_maxrss) * 1024)
    }
}

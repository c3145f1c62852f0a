#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two clocks the programs time their work with, in seconds as `Double`.
public enum Clocks {
    /// Seconds on the monotonic clock (CLOCK_MONOTONIC): for durations, unaffected by changes
    /// to the wall clock.
    public static func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Seconds on the monotonic clock since `start` (a value of `monotonic()`).
    public static func seconds(since start: Double) -> Double {
        monotonic() - start
    }

    /// This process's processor time so far, all threads (CLOCK_PROCESS_CPUTIME_ID).
    public static func processor() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

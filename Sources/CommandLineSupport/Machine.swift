#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine that option defaults depend on.
public enum Machine {
    /// The number of online processor cores (the default of every `--threads`).
    public static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

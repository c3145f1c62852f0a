import CCPUFeatures
#if canImport(Glibc)
import Glibc
#endif

/// Gives OpenBLAS its AVX-512 kernels on machines that have AVX-512, without the user doing
/// anything, and leaves every other machine alone.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent AVX-512 processors (AMD Zen 4/5) and picks
/// its Haswell kernels; with `OPENBLAS_CORETYPE=SkylakeX` it uses AVX-512 (about 1.8× the
/// single-thread SGEMM rate here, DESIGN "Facts measured"). The variable is read once, when the
/// library loads — before `main` runs — and forcing it on a CPU without AVX-512 crashes with an
/// illegal instruction. So a program that multiplies matrices calls `reexecIfFaster()` first thing
/// in `main`: when `OPENBLAS_CORETYPE` is unset and `cpuid`/`xgetbv` report AVX-512 F, BW, DQ and
/// VL with the OS saving their registers, it sets the variable and replaces itself with a fresh
/// copy of the same executable (`execv("/proc/self/exe", argv)`; arguments, open files and
/// standard input are untouched, nothing has been read yet). `NLPIPE_BLAS_REEXEC` guards against a
/// loop. A user's own `OPENBLAS_CORETYPE` always wins. If `execv` fails, the program simply goes
/// on with the kernels it has.
public enum BLASKernelChoice {
    /// The guard variable set in the re-executed process.
    public static let guardVariable = "NLPIPE_BLAS_REEXEC"

    /// Re-executes the program with `OPENBLAS_CORETYPE=SkylakeX` when that is safe and not yet done.
    public static func reexecIfFaster() {
        guard getenv("OPENBLAS_CORETYPE") == nil, getenv(guardVariable) == nil,
              nlpipe_cpu_has_avx512_skylakex() == 1 else { return }
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
        setenv(guardVariable, "1", 1)
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returned: it failed; keep the current (slower but correct) kernels.
        unsetenv("OPENBLAS_CORETYPE")
    }

    /// The OpenBLAS core type this process asked for (`OPENBLAS_CORETYPE`), or nil for the library's own choice.
    public static var requestedCoreType: String? {
        getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
    }
}

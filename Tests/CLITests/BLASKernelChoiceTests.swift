import Foundation
import Testing
import _TestSupport

/// Programs that multiply matrices re-execute themselves with OpenBLAS's AVX-512 kernels when the
/// CPU has AVX-512 (BLASKernelChoice); a user's own OPENBLAS_CORETYPE always wins. lm-train names
/// the kernels it runs with in its first line.
@Suite struct BLASKernelChoiceTests {
    static let corpus = String(repeating: "a b c d e f g h\n", count: 40)

    func kernels(environment: [String: String]) throws -> String {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let result = try Subprocess.run(Subprocess.product("lm-train"),
                                        ["--text", "--epochs", "1", "--layers", "1", "--hidden", "4", "--embed", "4",
                                         "--batch", "2", "--bptt", "4", "-o", dir.path("m.nlpipe")],
                                        stdin: Data(Self.corpus.utf8), environment: environment)
        #expect(result.status == 0, "\(result.stderrText)")
        let line = result.stderrText.split(separator: "\n").first.map(String.init) ?? ""
        return line.components(separatedBy: "OpenBLAS ").last ?? ""
    }

    @Test func avx512KernelsWhenTheCPUHasThem() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["NLPIPE_BLAS_REEXEC"] = nil
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        let hasAVX512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        let chosen = try kernels(environment: environment)
        if hasAVX512 {
            #expect(chosen == "SkylakeX")
        } else {
            #expect(chosen != "SkylakeX")
        }
        environment["OPENBLAS_CORETYPE"] = "Haswell"
        #expect(try kernels(environment: environment) == "Haswell")
    }
}

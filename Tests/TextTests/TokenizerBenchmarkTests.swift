import Foundation
import Testing
import _TestSupport
import Text

/// Throughput of `Tokenizer` against `bench/icu_wordbreak.c` (ICU's word iterator alone, in C), on
/// the English benchmark corpus and on the sample's non-Latin lines repeated to 4 MB. Runs only
/// when `NLPIPE_BENCH` is set, and means something only in a release build:
///
///     NLPIPE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter TokenizerBenchmarkTests
///
/// Speeds are printed (CPU time of this process, best of three), never asserted; what is asserted
/// is that both programs see the same tokens: in plain ICU mode the tokenizer's token count equals
/// the C loop's count of segments that are not entirely White_Space.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NLPIPE_BENCH"] != nil), .serialized)
struct TokenizerBenchmarkTests {
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Builds the C loop; nil when gcc or ICU's pkg-config data is missing.
    static let cLoop: String? = {
        let source = SharedData.repositoryRoot.appendingPathComponent("bench/icu_wordbreak.c").path
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent("icu_wordbreak-\(getpid())").path
        let build = try? Subprocess.run("/bin/sh", ["-c", "gcc -O2 -o \(binary) \(source) $(pkg-config --cflags --libs icu-uc icu-i18n)"])
        return build?.status == 0 ? binary : nil
    }()

    static let nonLatinText: Data = {
        let latin: Set = ["en", "de", "fr", "es", "tr", "vi"]
        let block = ReferenceData.sample.filter { !latin.contains($0.lang) }.map { $0.text + "\n" }.joined()
        return Data(String(repeating: block, count: 4_000_000 / block.utf8.count + 1).utf8)
    }()

    /// Tokenises every line of `data` and returns (tokens, best MB/s by CPU time over `runs` runs).
    static func measure(_ data: Data, _ options: TokenizerOptions, runs: Int = 3) throws -> (Int, Double) {
        let tokenizer = try Tokenizer(options)
        var best = 0.0, tokens = 0
        try data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            for _ in 0..<runs {
                tokens = 0
                let start = cpuSeconds()
                var i = 0
                while i < all.count {
                    var j = i
                    if let p = memchr(all.baseAddress! + i, 0x0A, all.count - i) {
                        j = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - all.baseAddress!
                    } else {
                        j = all.count
                    }
                    tokens += try tokenizer.tokenize(UnsafeBufferPointer(rebasing: all[i..<j])).count
                    i = j + 1
                }
                best = max(best, Double(all.count) / 1e6 / (cpuSeconds() - start))
            }
        }
        return (tokens, best)
    }

    /// Runs the C loop and returns (tokens, best CPU-time MB/s over three runs).
    static func measureC(_ data: Data) throws -> (Int, Double)? {
        guard let binary = cLoop else { return nil }
        var best = 0.0, tokens = 0
        for _ in 0..<3 {
            let result = try Subprocess.run(binary, stdin: data)
            let report = result.stderrText  // "icu_wordbreak: L lines, T tokens, ... (CPU time S s: R MB/s)"
            let words = report.split(whereSeparator: { $0 == " " || $0 == "," })
            guard let t = words.firstIndex(of: "tokens").map({ Int(words[$0 - 1]) ?? 0 }),
                  let r = report.range(of: "CPU time ").map({ report[$0.upperBound...] }),
                  let rate = r.split(separator: " ").dropFirst(2).first.flatMap({ Double($0) }) else { return nil }
            tokens = t
            best = max(best, rate)
        }
        return (tokens, best)
    }

    static func report(_ name: String, _ data: Data) throws {
        let (plainTokens, _) = try measure(data, TokenizerOptions(normalize: .none, keepURLs: false), runs: 1)
        let c = try measureC(data)
        if let (cTokens, _) = c { #expect(plainTokens == cTokens, "\(name)") }
        let cRate = c?.1 ?? .nan
        for (label, options) in [("default", TokenizerOptions()), ("plain ICU, no normalisation", TokenizerOptions(normalize: .none, keepURLs: false)),
                                 ("lower + offsets", TokenizerOptions(lower: true, offsets: true))] {
            let (_, rate) = try measure(data, options)
            print(String(format: "%@ (%.1f MB), %@: Text %.1f MB/s, ICU C loop %.1f MB/s, ratio %.2f",
                         name, Double(data.count) / 1e6, label, rate, cRate, rate / cRate))
        }
    }

    @Test func english() throws {
        let url = SharedData.url("bleu/bench/en-wmt21-21MB.txt.xz")
        let data = try Subprocess.run("/usr/bin/xz", ["-dc", url.path]).stdout
        #expect(data.count == 21_184_689)
        try Self.report("English WMT21", data)
    }

    @Test func nonLatin() throws {
        try Self.report("non-Latin sample lines", Self.nonLatinText)
    }
}

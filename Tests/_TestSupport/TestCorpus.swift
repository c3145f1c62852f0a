import Foundation

/// Small random corpora and the shared wiki8 sample for the tests.
public enum TestCorpus {
    /// A deterministic generator (SplitMix64) so failures reproduce.
    public struct Generator: RandomNumberGenerator {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `count` random tokens over a small alphabet (so tokens repeat), lengths 1–40 with a Zipf-ish
    /// bias towards short ones, including multi-byte UTF-8.
    public static func randomTokens(_ count: Int, seed: UInt64) -> [String] {
        var generator = Generator(state: seed)
        let alphabet: [Character] = ["a", "b", "c", "d", "e", "é", "日", "😀", "z", "<", ">"]
        return (0..<count).map { _ in
            let roll = Int.random(in: 0..<100, using: &generator)
            let length = roll < 60 ? Int.random(in: 1...3, using: &generator)
                : roll < 95 ? Int.random(in: 4...12, using: &generator) : Int.random(in: 13...40, using: &generator)
            return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    /// The decompressed `corpora/wiki8-1M.xz` (one line, 1,000,000 tokens).
    public static func wiki8Sample() throws -> [UInt8] {
        let result = try Subprocess.run("/usr/bin/env", ["xz", "-dc", SharedData.url("corpora/wiki8-1M.xz").path])
        guard result.status == 0 else { throw TestSupportError("xz failed: \(result.stderrText)") }
        return [UInt8](result.stdout)
    }

    /// The reference split: on the six ASCII whitespace bytes, dropping empty pieces.
    public static func naiveSplit(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(whereSeparator: { [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0) }).map(Array.init)
    }
}

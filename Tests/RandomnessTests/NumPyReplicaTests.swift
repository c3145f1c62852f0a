import Foundation
import Testing
import Randomness
import _TestSupport

/// Every expectation here is NumPy's own output (numpy 2.x, run through `python3` on this machine):
/// the replica must produce the same words, integers and booleans for the same calls.
@Suite struct NumPyReplicaTests {
    /// Runs a Python snippet that prints one JSON value and decodes it.
    private func numpy(_ script: String) throws -> Any {
        let result = try Subprocess.python("import json, numpy as np\n" + script)
        guard result.status == 0 else { throw TestSupportError("python failed: \(result.stderrText)") }
        return try JSONSerialization.jsonObject(with: result.stdout)
    }

    private func uint64s(_ value: Any) -> [UInt64] {
        (value as! [Any]).map { UInt64(($0 as! NSNumber).stringValue)! }
    }

    @Test func seedSequenceStateWordsMatchNumPy() throws {
        let seeds: [UInt64] = [0, 1, 12345, 0xFFFF_FFFF, 0x1_0000_0000, UInt64.max]
        let script = """
        seeds = [0, 1, 12345, 0xFFFFFFFF, 0x100000000, 2**64 - 1]
        out = [[int(x) for x in np.random.SeedSequence(s).generate_state(8, np.uint32)] for s in seeds]
        out64 = [[str(int(x)) for x in np.random.SeedSequence(s).generate_state(5, np.uint64)] for s in seeds]
        print(json.dumps([out, out64]))
        """
        let both = try numpy(script) as! [[[Any]]]
        for (i, seed) in seeds.enumerated() {
            let expected32 = both[0][i].map { UInt32(($0 as! NSNumber).uint32Value) }
            #expect(SeedSequence(seed).generateState32(count: 8) == expected32, "seed \(seed)")
            let expected64 = both[1][i].map { UInt64($0 as! String)! }
            #expect(SeedSequence(seed).generateState64(count: 5) == expected64, "seed \(seed)")
        }
    }

    @Test func largeEntropyAndSpawnedChildrenMatchNumPy() throws {
        // Entropy longer than the pool (mixed in by the last loop) and spawn keys (zero padding).
        let script = """
        big = sum(w << (32 * i) for i, w in enumerate([7, 8, 9, 10, 11, 12]))
        a = [int(x) for x in np.random.SeedSequence(big).generate_state(6)]
        root = np.random.SeedSequence(12345)
        kids = root.spawn(3)
        b = [[int(x) for x in k.generate_state(4)] for k in kids]
        grand = kids[1].spawn(2)[1]
        c = [int(x) for x in grand.generate_state(4)]
        print(json.dumps([a, b, c]))
        """
        let out = try numpy(script) as! [Any]
        let big = SeedSequence(entropyWords: [7, 8, 9, 10, 11, 12])
        #expect(big.generateState32(count: 6) == (out[0] as! [NSNumber]).map { $0.uint32Value })
        var root = SeedSequence(12345)
        let kids = root.spawn(3)
        #expect(root.childrenSpawned == 3)
        let expectedKids = (out[1] as! [[NSNumber]]).map { $0.map { $0.uint32Value } }
        #expect(kids.map { $0.generateState32(count: 4) } == expectedKids)
        var middle = kids[1]
        let grand = middle.spawn(2)[1]
        #expect(grand.spawnKey == [1, 1])
        #expect(grand.generateState32(count: 4) == (out[2] as! [NSNumber]).map { $0.uint32Value })
    }

    @Test func pcg64StateAndRawOutputMatchNumPy() throws {
        let script = """
        bg = np.random.default_rng(12345).bit_generator
        st = bg.state['state']
        raw = [str(int(bg.random_raw())) for _ in range(1000)]
        print(json.dumps([str(st['state']), str(st['inc']), raw]))
        """
        let out = try numpy(script) as! [Any]
        var generator = PCG64(seed: 12345)
        let state = generator.state
        // 128-bit integers as decimal strings: compare through high * 2^64 + low.
        #expect(decimal(high: state.high, low: state.low) == out[0] as! String)
        #expect(decimal(high: generator.increment.high, low: generator.increment.low) == out[1] as! String)
        let raw = (out[2] as! [String]).map { UInt64($0)! }
        #expect((0..<1000).map { _ in generator.next() } == raw)
    }

    @Test func boundedIntegersAndChoiceMatchNumPy() throws {
        // Ranges below and above 2^32, a power of two, and the rejection-heavy 2^31 + 1.
        let bounds = [1, 2, 7, 3004, 65536, 2_147_483_649, 4_294_967_296, 6_000_000_000_123]
        let script = """
        rng = np.random.default_rng(12345)
        bounds = \(bounds)
        out = [[int(v) for v in rng.integers(0, b, size=257, dtype=np.int64)] for b in bounds]
        out.append([int(v) for v in rng.choice(3004, size=(3, 101), replace=True).ravel()])
        print(json.dumps(out))
        """
        let out = try numpy(script) as! [[NSNumber]]
        var generator = NumPyGenerator(seed: 12345)
        for (i, bound) in bounds.enumerated() {
            #expect(generator.integers(below: bound, count: 257) == out[i].map { $0.intValue }, "bound \(bound)")
        }
        #expect(generator.choice(populationSize: 3004, count: 303) == out[bounds.count].map { $0.intValue })
    }

    @Test func booleanDrawsInterleavedWithChoiceMatchNumPy() throws {
        // sacreBLEU's approximate randomisation: integers(2, size=(n, N), dtype=bool), then choice.
        let script = """
        rng = np.random.default_rng(12345)
        a = rng.integers(2, size=(7, 13), dtype=bool).ravel().tolist()
        b = [int(v) for v in rng.choice(3004, size=(2, 9), replace=True).ravel()]
        c = rng.integers(2, size=5, dtype=bool).tolist()
        print(json.dumps([a, b, c]))
        """
        let out = try numpy(script) as! [[Any]]
        var generator = NumPyGenerator(seed: 12345)
        #expect(generator.booleans(count: 91) == out[0].map { ($0 as! NSNumber).boolValue })
        #expect(generator.choice(populationSize: 3004, count: 18) == out[1].map { ($0 as! NSNumber).intValue })
        #expect(generator.booleans(count: 5) == out[2].map { ($0 as! NSNumber).boolValue })
    }

    @Test func fillingInPiecesEqualsOneCall() {
        var whole = NumPyGenerator(seed: 99)
        let all = whole.integers(below: 1000, count: 100)
        var pieces = NumPyGenerator(seed: 99)
        var buffer = [Int](repeating: 0, count: 25)
        var joined: [Int] = []
        for _ in 0..<4 {
            pieces.fillIntegers(below: 1000, into: &buffer)
            joined += buffer
        }
        #expect(joined == all)
        #expect(pieces.bitGenerator == whole.bitGenerator)
    }

    /// high × 2⁶⁴ + low in decimal, by schoolbook division of the four 32-bit limbs.
    private func decimal(high: UInt64, low: UInt64) -> String {
        var limbs: [UInt64] = [high >> 32, high & 0xFFFF_FFFF, low >> 32, low & 0xFFFF_FFFF]
        var digits: [Character] = []
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in limbs.indices {
                let current = (remainder << 32) | limbs[i]
                limbs[i] = current / 10
                remainder = current % 10
            }
            digits.append(Character(String(remainder)))
        }
        return digits.isEmpty ? "0" : String(digits.reversed())
    }
}

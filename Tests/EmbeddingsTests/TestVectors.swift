import Foundation
import Kernels
import Embeddings
import _TestSupport

/// Deterministic test vectors: a 64-bit LCG with Box–Muller normals, no library RNG involved.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
    mutating func below(_ n: Int) -> Int { Int(next() >> 33) % n }
}

enum TestVectors {
    /// `count` words `w0 … w(count-1)` with random normal vectors and decreasing counts.
    static func random(count: Int, dimension: Int, seed: UInt64, withExtras: Bool = false) throws -> WordVectors {
        var random = TestRandom(seed: seed)
        let words = (0..<count).map { i in i % 7 == 3 ? "wörd\(i)" : "w\(i)" }
        let values = (0..<(count * dimension)).map { _ in Float(random.normal()) }
        let output = withExtras ? FloatMatrix(rows: count, columns: dimension,
                                              values: (0..<(count * dimension)).map { _ in Float(random.normal()) }) : nil
        return try WordVectors(words: words, counts: withExtras ? (0..<count).map { 1000 - $0 } : nil,
                               vectors: FloatMatrix(rows: count, columns: dimension, values: values),
                               outputVectors: output, config: withExtras ? ["method": "test", "dim": .number(.init(dimension))] : nil)
    }

    /// A vocabulary covering the words of the shared analogy and WordSim-353 files (in their
    /// original case), some lower-cased duplicates of capitalised words (to exercise the
    /// case-insensitive lookup), and filler words, in a shuffled order; vectors carry an offset
    /// per analogy section on the second word of each pair, so that some analogies come out right.
    static func benchmarkCovering(seed: UInt64, dimension: Int = 24) throws -> WordVectors {
        var random = TestRandom(seed: seed)
        let questions = String(decoding: try SharedData.data("eval/questions-words.txt"), as: UTF8.self)
        let pairs = String(decoding: try SharedData.data("eval/wordsim353.tsv"), as: UTF8.self)
        var order: [String] = []
        var seen = Set<String>()
        var targets: [String: Set<Int>] = [:]
        var section = -1
        func add(_ word: String) { if seen.insert(word).inserted { order.append(word) } }
        for line in questions.split(separator: "\n") {
            if line.hasPrefix(":") { section += 1; continue }
            let w = line.split(separator: " ").map(String.init)
            guard w.count == 4 else { continue }
            w.forEach(add)
            targets[w[1], default: []].insert(section)
            targets[w[3], default: []].insert(section)
        }
        for line in pairs.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count == 3 { add(String(fields[0])); add(String(fields[1])) }
        }
        // Lower-cased twins of every tenth capitalised word, and fillers.
        for word in order where word.first?.isUppercase == true && random.below(10) == 0 { add(word.lowercased()) }
        for i in 0..<300 { add("filler\(i)") }
        // Fisher–Yates shuffle.
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
        let offsets = (0...section).map { _ in (0..<dimension).map { _ in random.normal() } }
        var values: [Float] = []
        values.reserveCapacity(order.count * dimension)
        for word in order {
            var v = (0..<dimension).map { _ in random.normal() * 0.8 }
            for s in targets[word] ?? [] { for j in 0..<dimension { v[j] += offsets[s][j] } }
            values += v.map { Float($0) }
        }
        return try WordVectors(words: order, vectors: FloatMatrix(rows: order.count, columns: dimension, values: values))
    }
}

/// Runs a Python script, failing with its standard error when it fails; returns its standard output
/// parsed as JSON.
func pythonJSON(_ script: String, _ arguments: [String] = []) throws -> Any {
    let result = try Subprocess.python(script, arguments: arguments)
    guard result.status == 0 else { throw TestSupportError("python failed: \(result.stderrText)") }
    return try JSONSerialization.jsonObject(with: result.stdout)
}

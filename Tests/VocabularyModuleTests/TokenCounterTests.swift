import Testing
import _TestSupport
import VocabularyModule

/// The hash-table counter against a plain `Dictionary` count, merging, and ordering.
struct TokenCounterTests {
    @Test func countsMatchANaiveDictionaryOnRandomTokens() {
        let tokens = TestCorpus.randomTokens(60_000, seed: 1)
        var counter = TokenCounter(expectedDistinct: 4)       // forces many table growths
        var naive: [String: Int] = [:]
        for token in tokens {
            counter.add(token)
            naive[token, default: 0] += 1
        }
        #expect(counter.distinctCount == naive.count)
        #expect(counter.totalCount == tokens.count)
        #expect(naive.count > 5_000)
        for (token, count) in naive {
            #expect(counter.count(of: token) == count, "\(token)")
        }
        #expect(counter.count(of: "never seen") == 0)
        let listed = counter.sortedByFrequency()
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.token, $0.count) }) == naive)
    }

    @Test func theEmptyTokenAndCountsAboveOneAreCounted() {
        var counter = TokenCounter()
        counter.add("")
        counter.add("", count: 4)
        counter.add("x", count: 10)
        #expect(counter.count(of: "") == 5)
        #expect(counter.count(of: "x") == 10)
        #expect(counter.totalCount == 15)
        #expect(counter.distinctCount == 2)
    }

    @Test func mergingShardsEqualsOnePass() {
        let tokens = TestCorpus.randomTokens(30_000, seed: 2)
        var whole = TokenCounter()
        whole.add(contentsOf: tokens)
        var merged = TokenCounter()
        for shard in stride(from: 0, to: tokens.count, by: 7_001) {
            var part = TokenCounter()
            part.add(contentsOf: tokens[shard..<min(shard + 7_001, tokens.count)])
            merged.merge(part)
        }
        #expect(merged == whole)
        #expect(merged.totalCount == tokens.count)
        var different = merged
        different.add("one more")
        #expect(different != whole)
        #expect(merged == whole, "a copy must not share its changes")
    }

    @Test func copiesAreIndependent() {
        var a = TokenCounter()
        a.add("x")
        var b = a
        b.add("x")
        b.add("y")
        #expect(a.count(of: "x") == 1 && a.count(of: "y") == 0 && a.distinctCount == 1)
        #expect(b.count(of: "x") == 2 && b.count(of: "y") == 1)
    }

    @Test func orderIsCountDescendingThenCodePoints() {
        var counter = TokenCounter()
        for (token, count) in [("b", 2), ("a", 2), ("é", 2), ("z", 2), ("ab", 2), ("Z", 2), ("top", 9), ("😀", 2), ("日", 2), ("low", 1)] {
            counter.add(token, count: count)
        }
        // U+005A 'Z' < 'a' < "ab" < 'b' < 'z' < U+00E9 < U+65E5 < U+1F600: byte order = code-point order.
        #expect(counter.sortedByFrequency().map(\.token) == ["top", "Z", "a", "ab", "b", "z", "é", "日", "😀", "low"])
    }

    @Test func tokensOfEveryLengthHashAndCompareCorrectly() {
        // Lengths 0…64 cover every branch of the hash; prefixes of one another must stay distinct.
        let long = String(repeating: "abcdefghij", count: 7)
        var counter = TokenCounter()
        for length in 0...64 {
            for _ in 0...length { counter.add(String(long.prefix(length))) }
        }
        #expect(counter.distinctCount == 65)
        for length in 0...64 {
            #expect(counter.count(of: String(long.prefix(length))) == length + 1)
        }
    }
}

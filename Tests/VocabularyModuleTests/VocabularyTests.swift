import Testing
import _TestSupport
import Diagnostics
import VocabularyModule

/// Building, ordering, pruning, special tokens, encoding and decoding.
struct VocabularyTests {
    /// the×5, cat×3, dog×3, a×3, é×1, zebra×1, b×2: ties must fall in code-point order.
    static func counter() -> TokenCounter {
        var counter = TokenCounter()
        for (token, count) in [("cat", 3), ("the", 5), ("dog", 3), ("a", 3), ("é", 1), ("zebra", 1), ("b", 2)] {
            counter.add(token, count: count)
        }
        return counter
    }

    @Test func specialsComeFirstThenCountThenCodePoints() throws {
        let vocabulary = try Vocabulary(counts: Self.counter())
        #expect(vocabulary.tokens == ["<unk>", "<s>", "</s>", "<pad>", "the", "a", "cat", "dog", "b", "zebra", "é"])
        #expect(vocabulary.counts == [0, 0, 0, 0, 5, 3, 3, 3, 2, 1, 1])
        #expect(vocabulary.unknownID == 0 && vocabulary.beginID == 1 && vocabulary.endID == 2 && vocabulary.paddingID == 3)
        #expect(vocabulary.id(of: "cat") == 6)
        #expect(vocabulary.id(of: "nope") == nil)
        #expect(Array("dog".utf8).withUnsafeBytes { vocabulary.id(of: $0) } == 7)
        #expect(try vocabulary.token(at: 10) == "é")
        #expect(vocabulary.corpusTokenCount == 18 && vocabulary.corpusTypeCount == 7)
        #expect(vocabulary.coveredTokenCount == 18)
    }

    @Test func minCountAndMaxSizePrune() throws {
        let pruned = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(minCount: 3))
        #expect(pruned.tokens.dropFirst(4) == ["the", "a", "cat", "dog"])
        // max size counts the specials: 4 specials + 3 corpus tokens; the tie at 3 is cut by code point.
        let capped = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(maxSize: 7))
        #expect(capped.count == 7)
        #expect(capped.tokens.dropFirst(4) == ["the", "a", "cat"])
        #expect(capped.coveredTokenCount == 11)
        let onlySpecials = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(maxSize: 4))
        #expect(onlySpecials.tokens == SpecialTokens.standard.tokens)
    }

    @Test func invalidOptionsAreUsageErrors() {
        #expect(throws: Failure(.usage, "the maximum size 3 is smaller than the 4 special tokens")) {
            try Vocabulary(counts: Self.counter(), options: VocabularyOptions(maxSize: 3))
        }
        #expect(throws: Failure(.usage, "the minimum count must be at least 1 (got 0)")) {
            try Vocabulary(counts: Self.counter(), options: VocabularyOptions(minCount: 0))
        }
        #expect(throws: Failure.self) { try SpecialTokens(["<s>", "<s>"]) }
        #expect(throws: Failure.self) { try SpecialTokens([""]) }
        #expect(throws: Failure.self) { try SpecialTokens(["<s>"], unknown: "<unk>", begin: nil, end: nil, padding: nil) }
    }

    @Test func aDifferentListOfSpecials() throws {
        let specials = try SpecialTokens(["<pad>", "<unk>", "<mask>"])
        #expect(specials.padding == "<pad>" && specials.unknown == "<unk>" && specials.begin == nil && specials.end == nil)
        let vocabulary = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(specials: specials))
        #expect(vocabulary.tokens.prefix(4) == ["<pad>", "<unk>", "<mask>", "the"])
        #expect(vocabulary.paddingID == 0 && vocabulary.unknownID == 1 && vocabulary.beginID == nil)
        #expect(try vocabulary.encode(["the", "zzz"]) == [3, 1])
        #expect(throws: Failure(.usage, "the vocabulary has no beginning-of-sequence token")) {
            try vocabulary.encode(["the"], bos: true)
        }
        let renamed = try SpecialTokens(["[UNK]", "[CLS]"], unknown: "[UNK]", begin: "[CLS]", end: nil, padding: nil)
        let other = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(specials: renamed))
        #expect(try other.encode(["cat", "?"], bos: true) == [1, 4, 0])
    }

    @Test func withoutSpecialsIdsStartAtTheMostFrequentToken() throws {
        let vocabulary = try Vocabulary(counts: Self.counter(), options: VocabularyOptions(specials: .none))
        #expect(vocabulary.tokens.first == "the")
        #expect(vocabulary.id(of: "the") == 0)
        #expect(vocabulary.unknownID == nil)
        #expect(throws: Failure.self) { try vocabulary.encode(["the", "unseen"]) }
        #expect(try vocabulary.encode(["the", "unseen", "cat"], unknown: .skip) == [0, 2])
        #expect(throws: Failure(.badData, "token 'unseen' is not in the vocabulary")) {
            try vocabulary.encode(["unseen"], unknown: .fail)
        }
        do {
            _ = try vocabulary.encode(["unseen"])
        } catch let failure as Failure {
            #expect(failure.kind == .badData)
            #expect(failure.description.contains("has no unknown token"))
        }
    }

    @Test func aSpecialTokenSeenInTheCorpusIsNotListedTwice() throws {
        var counter = Self.counter()
        counter.add("<unk>", count: 4)
        counter.add("</s>", count: 1)
        let vocabulary = try Vocabulary(counts: counter)
        #expect(vocabulary.tokens.filter { $0 == "<unk>" }.count == 1)
        #expect(vocabulary.counts[0] == 4 && vocabulary.counts[2] == 1)
        #expect(vocabulary.count == 11)
    }

    @Test func encodeAndDecode() throws {
        let vocabulary = try Vocabulary(counts: Self.counter())
        let ids = try vocabulary.encode(["the", "cat", "sat"], bos: true, eos: true)
        #expect(ids == [1, 4, 6, 0, 2])
        #expect(try vocabulary.decode(ids) == ["<s>", "the", "cat", "<unk>", "</s>"])
        #expect(try vocabulary.decode(ids, skipSpecials: true) == ["the", "cat"])
        #expect(try vocabulary.encode([]) == [])
        #expect(throws: Failure(.badData, "token id 11 is out of range (the vocabulary has ids 0...10)")) {
            try vocabulary.decode([4, 11])
        }
        #expect(throws: Failure.self) { try vocabulary.decode([-1]) }
        #expect(throws: Failure.self) { try vocabulary.token(at: 99) }
        #expect(try Array("cat".utf8).withUnsafeBytes { try vocabulary.encodeToken($0) } == 6)
        #expect(try Array("cow".utf8).withUnsafeBytes { try vocabulary.encodeToken($0) } == 0)
        #expect(try Array("cow".utf8).withUnsafeBytes { try vocabulary.encodeToken($0, unknown: .skip) } == nil)
    }

    @Test func tokensThatAreNotUTF8AreRefused() {
        var counter = TokenCounter()
        [UInt8](arrayLiteral: 0x61, 0xFF).withUnsafeBytes { counter.add($0) }
        #expect(throws: Failure.self) { try Vocabulary(counts: counter) }
    }

    @Test func anExplicitListKeepsItsOrder() throws {
        let vocabulary = try Vocabulary(tokens: ["z", "y", "x"], counts: [1, 2, 3])
        #expect(vocabulary.tokens == ["z", "y", "x"])
        #expect(vocabulary.id(of: "x") == 2)
        let withSpecials = try Vocabulary(tokens: ["z", "y"], specials: .standard)
        #expect(withSpecials.tokens == ["<unk>", "<s>", "</s>", "<pad>", "z", "y"])
        #expect(throws: Failure.self) { try Vocabulary(tokens: ["a", "b", "a"]) }
        #expect(throws: Failure.self) { try Vocabulary(tokens: ["a"], counts: [1, 2]) }
    }
}

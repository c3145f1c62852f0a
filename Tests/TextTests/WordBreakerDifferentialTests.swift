import Testing
@testable import Text

/// The Swift word rules (`SimpleWordBreaker`) against ICU 72's UBRK_WORD iterator, boundary by
/// boundary and rule status by rule status, on every simple line of the English benchmark corpus,
/// on every simple character of the Basic Multilingual Plane in each context the rules look at,
/// and on random strings biased towards punctuation, digits and quotes.
@Suite struct WordBreakerDifferentialTests {
    /// Segments `text` both ways and returns a description of the first difference, if any.
    /// `byteLoop` picks the ASCII byte loop (`forEachASCIISegment`) instead of the decoding one.
    static func difference(_ text: [UInt8], icu: ICUSegmenter, byteLoop: Bool = false) -> String? {
        let properties = CharacterProperties.shared.bmp
        return text.withUnsafeBufferPointer { text -> String? in
            guard let count = try? icu.run(text, withStatuses: true) else { return "ICU failed" }
            var expected: [Int] = []
            expected.reserveCapacity(2 * count)
            for i in 1..<max(count, 1) { expected.append(Int(icu.boundaries[i])); expected.append(Int(icu.statuses[i])) }
            var actual: [Int] = []
            actual.reserveCapacity(2 * count)
            SimpleWordBreaker.forEachSegment(text, isASCII: byteLoop, properties: properties) { start, end, _ in
                let segment = UnsafeBufferPointer(rebasing: text[start..<end])
                actual.append(end)
                actual.append(Int(SimpleWordBreaker.ruleStatus(segment, properties: properties)))
            }
            if actual == expected { return nil }
            for i in stride(from: 0, to: max(actual.count, expected.count), by: 2) {
                let a = i < actual.count ? "(end \(actual[i]), status \(actual[i + 1]))" : "none"
                let e = i < expected.count ? "(end \(expected[i]), status \(expected[i + 1]))" : "none"
                if a != e { return "segment \(i / 2): swift \(a), icu \(e)" }
            }
            return nil
        }
    }

    static func isSimple(_ text: [UInt8]) -> Bool {
        let shared = CharacterProperties.shared
        return text.withUnsafeBufferPointer { text in
            (try? UTF8Scanner.summarize(text, properties: shared.bmp, combiningClasses: shared.combiningClasses,
                                        quickCheckFlag: 0))?.isSimple ?? false
        }
    }

    @Test func startUpProbesAgree() {
        #expect(SimpleWordBreaker.agreesWithICU)
    }

    /// Every line of the 21 MB English corpus (139,800 lines) that the fast path would take.
    @Test func englishCorpus() throws {
        let icu = try ICUSegmenter(.word, locale: "en")
        let lines = ReferenceData.englishCorpus
        #expect(lines.count == 139_800)
        var simple = 0, failures = 0
        for (number, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            guard Self.isSimple(bytes) else { continue }
            simple += 1
            if let difference = Self.difference(bytes, icu: icu) {
                failures += 1
                if failures <= 10 { Issue.record("line \(number + 1): \(difference): \(line)") }
            }
            if bytes.allSatisfy({ $0 < 0x80 }), let difference = Self.difference(bytes, icu: icu, byteLoop: true) {
                failures += 1
                if failures <= 10 { Issue.record("line \(number + 1), byte loop: \(difference): \(line)") }
            }
        }
        #expect(failures == 0)
        // The fast path must be the common case on English text.
        #expect(simple > lines.count * 95 / 100)
    }

    /// Each simple BMP code point c in the contexts "c", "cc", "acb", "1c2", "ac", "1c", "_c",
    /// "ca", "c1", "c.", "c'c", Hebrew letters around it, a combining mark after it and between it
    /// and letters (spaces between probes reset the rules).
    @Test func everySimpleCharacterInContext() throws {
        let icu = try ICUSegmenter(.word, locale: "en")
        let properties = CharacterProperties.shared.bmp
        var line: [UInt8] = [], tested = 0, failures = 0
        func flush() {
            if let difference = Self.difference(line, icu: icu) {
                failures += 1
                if failures <= 10 { Issue.record("\(difference) in \(String(decoding: line, as: UTF8.self))") }
            }
            line.removeAll()
        }
        for scalar in 0..<0x10000 {
            guard let u = Unicode.Scalar(scalar),
                  properties[scalar] & CharacterProperties.classMask != WordBreakClass.complex.rawValue,
                  properties[scalar] & CharacterProperties.whiteSpace == 0 || u == " " else { continue }
            let c = String(u)
            tested += 1
            for probe in [c, c + c, "a\(c)b", "1\(c)2", "a\(c)", "1\(c)", "_\(c)", "\(c)a", "\(c)1", "\(c).", "\(c)'\(c)",
                          "\u{5D0}\(c)\u{5D1}", "\u{5D0}\(c)", "\(c)\u{301}", "a\u{301}\(c)\u{301}b", "1\(c)\u{301}2"] {
                line += Array(probe.utf8)
                line.append(0x20)
            }
            if line.count > 4000 { flush() }
        }
        flush()
        #expect(failures == 0)
        #expect(tested > 22_000)
    }

    /// Random strings from a seeded generator over an alphabet weighted towards the characters
    /// that take part in the rules: punctuation, digits, quotes, `@`, `_`, spaces, and some
    /// non-ASCII letters, apostrophes and separators.
    @Test func randomStrings() throws {
        let icu = try ICUSegmenter(.word, locale: "en")
        let alphabet: [String] = Array("aZq9017.,;:'\"_@-+/ ?!#$%&()*<=>[\\]^`{|}~\t".map(String.init))
            + ["é", "ß", "ø", "\u{2019}", "\u{2018}", "\u{2024}", "\u{00B7}", "\u{FF0C}", "\u{FE52}", "\u{202F}",
               "\u{00A0}", "\u{2014}", "\u{201C}", "€", "٫", "\u{0660}", "\r", "\n", "\r\n", "\u{000B}", "\u{0085}",
               "\u{0301}", "\u{0308}", "\u{00AD}", "\u{200C}", "\u{05D0}", "\u{05D1}", "\u{05B8}", "\u{05F3}", "\u{05F4}",
               "\u{0627}", "\u{064E}", "\u{0661}", "\u{0915}", "\u{094D}", "\u{093F}", "\u{2764}", "\u{FE0F}"]
        let weights = alphabet.map { s -> Int in
            switch s { case "a", "Z", "9", "1", ".", ",", "'", " ": 6; case "q", "0", "7", ";", ":", "_", "@": 4; default: 1 }
        }
        let total = weights.reduce(0, +)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var failures = 0
        for _ in 0..<30_000 {
            var text = ""
            for _ in 0..<(1 + Int(next() % 60)) {
                var pick = Int(next() % UInt64(total)), index = 0
                while pick >= weights[index] { pick -= weights[index]; index += 1 }
                text += alphabet[index]
            }
            let bytes = Array(text.utf8)
            #expect(Self.isSimple(bytes))
            if let difference = Self.difference(bytes, icu: icu) {
                failures += 1
                if failures <= 10 { Issue.record("\(difference): \(text.debugDescription)") }
            }
            // The same string without its non-ASCII characters, through the byte loop.
            let ascii = bytes.filter { $0 < 0x80 }
            if let difference = Self.difference(ascii, icu: icu, byteLoop: true) {
                failures += 1
                if failures <= 10 { Issue.record("byte loop: \(difference): \(String(decoding: ascii, as: UTF8.self).debugDescription)") }
            }
        }
        #expect(failures == 0)
    }
}

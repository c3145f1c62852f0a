/// A start-up check that the ICU in the process segments like the Swift word rules: ICU's
/// tailorings change between versions (ICU 76 no longer treats `@` as a letter), so the Swift fast
/// path is used only when it agrees with ICU on every probe.
extension SimpleWordBreaker {
    /// Whether `SimpleWordBreaker` agrees with ICU's root word rules on the probes: every printable
    /// ASCII character and a few non-ASCII ones (quotes, Hebrew, marks, format characters), alone,
    /// doubled, between and after letters, digits, `_` and Hebrew letters, and before a mark;
    /// boundaries and rule statuses. Computed once per process (about 1,300 short segmentations).
    static let agreesWithICU: Bool = {
        guard let icu = try? ICUSegmenter(.word, locale: "root") else { return false }
        var characters = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        characters += ["\u{00A0}", "\u{00B7}", "\u{2018}", "\u{2019}", "\u{2024}", "\u{202F}", "\u{FF0C}", "é", "ß",
                       "\u{05D0}", "\u{0301}", "\u{00AD}", "\u{200C}", "\u{0627}\u{064E}"]
        let properties = CharacterProperties.shared.bmp
        for x in characters {
            for probe in [x, x + x, "a" + x + "b", "1" + x + "2", "a" + x, "1" + x, "_" + x, x + "a", x + "1",
                          "\u{05D0}" + x + "\u{05D1}", "\u{05D0}" + x, x + "\u{0301}"] {
                var bytes = Array(probe.utf8)
                let agrees = bytes.withUnsafeMutableBufferPointer { mutable -> Bool in
                    let text = UnsafeBufferPointer(mutable)
                    guard let count = try? icu.run(text, withStatuses: true) else { return false }
                    var expected: [(Int, Int32)] = []
                    for i in 1..<count { expected.append((Int(icu.boundaries[i]), icu.statuses[i])) }
                    let isASCII = text.allSatisfy { $0 < 0x80 }
                    var actual: [(Int, Int32)] = []
                    forEachSegment(text, isASCII: isASCII, properties: properties) { start, end, _ in
                        let segment = UnsafeBufferPointer(rebasing: text[start..<end])
                        actual.append((end, ruleStatus(segment, properties: properties)))
                    }
                    return actual.count == expected.count && zip(actual, expected).allSatisfy { $0 == $1 }
                }
                if !agrees { return false }
            }
        }
        return true
    }()
}

import Testing
import JSONCore

/// The validator against the standard library's own decoder on random byte strings.
struct UTF8ValidationTests {
    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        // Bytes biased towards the interesting lead and continuation ranges.
        let pool: [UInt8] = [0x41, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                             0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<24, using: &generator)
            let bytes = (0..<length).map { _ in pool.randomElement(using: &generator)! }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let offset = bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) }
            #expect((offset == nil) == expected, "\(bytes)")
            if let offset {
                // Everything before the reported offset is well-formed.
                #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil)
            }
        }
    }

    @Test func acceptsLongValidText() {
        let text = String(repeating: "ascii text then é日本😀 and more ascii ", count: 200)
        #expect(Array(text.utf8).withUnsafeBytes { UTF8Validation.isValid($0) })
    }
}

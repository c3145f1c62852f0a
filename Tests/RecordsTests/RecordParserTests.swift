import Foundation
import Testing
import Records
import _TestSupport

func parse(_ text: String) throws -> RecordParser {
    let parser = RecordParser()
    let bytes = Array(text.utf8)
    // Keep the bytes alive for the parser's lifetime in the test.
    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    _ = storage.initialize(from: bytes)
    try parser.parse(UnsafeBufferPointer(rebasing: storage[0..<bytes.count]))
    return parser
}

func parseBytes(_ bytes: [UInt8]) throws {
    let parser = RecordParser()
    try bytes.withUnsafeBufferPointer { try parser.parse($0) }
}

@Suite struct RecordParserTests {
    @Test func indexesTopLevelFieldsInOrder() throws {
        let p = try parse(#"{"id": 7, "text":"a b", "nested": {"text": "inner"}, "tokens":["a","b"], "x":null}"#)
        #expect(p.fields.count == 5)
        #expect((0..<5).map { p.key($0) } == ["id", "text", "nested", "tokens", "x"])
        #expect(p.index(of: "text") == 1)
        #expect(p.index(of: "inner") == nil)
        #expect(try p.string(1, field: "text") == "a b")
        #expect(try p.strings(3, field: "tokens") == ["a", "b"])
        #expect(String(decoding: p.rawValue(2), as: UTF8.self) == #"{"text": "inner"}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let p = try parse(#"{"s":"q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00","k\u0065y":1}"#)
        #expect(try p.string(0, field: "s") == "q\"b\\s/n\nt\tu\u{e9}\u{1F600}")
        #expect(p.key(1) == "key")
        #expect(p.index(of: "key") == 1)
    }

    @Test func integersAndDoubles() throws {
        let p = try parse(#"{"ids":[0, -3, 42 ,9007199254740993],"score":-1.5e2,"t":true}"#)
        #expect(try p.integers(0, field: "ids") == [0, -3, 42, 9007199254740993])
        #expect(try p.double(1, field: "score") == -150)
        #expect(throws: RecordsError.invalidLine("field 't' is not a number")) { try p.double(2, field: "t") }
        #expect(throws: RecordsError.invalidLine("field 'score' is not an array of integers")) { try p.integers(1, field: "score") }
    }

    @Test func wrongTypesNameTheField() throws {
        let p = try parse(#"{"text":5,"tokens":["a",1],"ids":[1.5]}"#)
        #expect(throws: RecordsError.invalidLine("field 'text' is not a string")) { try p.string(0, field: "text") }
        #expect(throws: RecordsError.invalidLine("field 'tokens' is not an array of strings")) { try p.strings(1, field: "tokens") }
        #expect(throws: RecordsError.invalidLine("field 'ids' is not an array of integers")) { try p.integers(2, field: "ids") }
    }

    /// RFC 8259 says these are not JSON texts (or, for the last ones, not objects).
    @Test(arguments: [
        "", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":NaN}",
        "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":\"x}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}", "{\"a\":\"tab\there\"}",
        "{\"a\":1}}", "{\"a\":1} x", "[1,2]", "\"s\"", "42", "{\"a\":{\"b\":1}", "{\"a\":[}",
    ])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: RecordsError.self) { try parse(text) }
    }

    @Test(arguments: [
        "{}", " { } ", "{\"\":0}", "{\"a\":-0.0e+00}", "{\"a\":[[],{},\"\",0,true,false,null]}", "{\"a\":1}\r",
        "{\"a\":\"\\u0000\"}", "{\"\\u00e9\":\"\u{00e9}\u{4e2d}\u{1F600}\"}",
    ])
    func acceptsValidJSON(text: String) throws {
        _ = try parse(text)
    }

    @Test func rejectsInvalidUTF8InStrings() {
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3]] {
            let bytes = Array("{\"a\":\"".utf8) + bad + Array("\"}".utf8)
            #expect(throws: RecordsError.self) { try parseBytes(bytes) }
        }
    }

    @Test func limitsNesting() throws {
        let deep = "{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        #expect(throws: RecordsError.self) { try parse(deep) }
        let fine = "{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        _ = try parse(fine)
    }

    /// Foundation's parser is the reference for what a valid record decodes to.
    @Test func agreesWithFoundationOnRandomRecords() throws {
        var rng = TestCorpus.Generator(state: 42)
        let alphabet: [Character] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{e9}", "\u{4e2d}", "\u{1F600}", "\u{7f}", "0"]
        for _ in 0..<300 {
            let s = String((0..<Int(rng.next() % 20)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let object: [String: Any] = ["text": s, "tokens": [s, "b"], "n": Int(rng.next() % 1000)]
            let data = try JSONSerialization.data(withJSONObject: object)
            let p = try parse(String(decoding: data, as: UTF8.self))
            let t = try #require(p.index(of: "text"))
            #expect(try p.string(t, field: "text") == s)
            let k = try #require(p.index(of: "tokens"))
            #expect(try p.strings(k, field: "tokens") == [s, "b"])
        }
    }
}

import Testing
import JSONCore

/// Parsing: RFC 8259 acceptance and rejection, with byte offsets for errors.
struct JSONParserTests {
    @Test func parsesNestedValuesKeepingKeyOrderAndNumberText() throws {
        let value = try JSONValue(parsing: #" { "z": [1, -0.50, 2E+3, true, false, null], "a": {"b": "c"}, "m": 1e400 } "#)
        let members = try #require(value.objectValue)
        #expect(members.map(\.key) == ["z", "a", "m"])
        let array = try #require(value["z"]?.arrayValue)
        #expect(array.count == 6)
        #expect(array[0].numberValue?.text == "1")
        #expect(array[1].numberValue?.text == "-0.50")
        #expect(array[1].doubleValue == -0.5)
        #expect(array[2].numberValue?.text == "2E+3")
        #expect(array[2].intValue == 2000)
        #expect(array[3] == .bool(true) && array[4] == .bool(false) && array[5] == .null)
        #expect(value["a"]?["b"]?.stringValue == "c")
        #expect(value["m"]?.doubleValue == .infinity)
        #expect(value["m"]?.numberValue?.text == "1e400")
    }

    @Test func topLevelScalarsAreDocuments() throws {
        #expect(try JSONValue(parsing: "3") == .number(JSONNumber(3)))
        #expect(try JSONValue(parsing: "\"x\"") == .string("x"))
        #expect(try JSONValue(parsing: " null\n") == .null)
    }

    @Test func decodesEveryEscapeAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20AC\ud83d\ude00""#)
        #expect(value.stringValue == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\tiAé€😀")
        // Raw UTF-8 passes through unchanged.
        #expect(try JSONValue(parsing: "\"héllo 😀 日本\"").stringValue == "héllo 😀 日本")
    }

    @Test func bigIntegersKeepAllTheirDigits() throws {
        let value = try JSONValue(parsing: "123456789012345678901234567890")
        #expect(value.numberValue?.text == "123456789012345678901234567890")
        #expect(value.intValue == nil)
        #expect(value.serialized() == Array("123456789012345678901234567890".utf8))
    }

    /// Each malformed text with the offset the error must name.
    static let malformed: [(String, Int, String)] = [
        ("", 0, "end of input"),
        ("   ", 3, "end of input"),
        ("[1,2", 4, "end of input"),
        ("[1,2,]", 5, "expected a value"),
        ("{\"a\":1,}", 7, "expected a string key"),
        ("{\"a\" 1}", 5, "':'"),
        ("{\"a\":1 \"b\":2}", 7, "',' or '}'"),
        ("[1 2]", 3, "',' or ']'"),
        ("{a:1}", 1, "expected a string key"),
        ("01", 0, "malformed number"),
        ("-", 0, "malformed number"),
        ("1.", 0, "malformed number"),
        (".5", 0, "expected a value"),
        ("+1", 0, "expected a value"),
        ("1e", 0, "malformed number"),
        ("1e+", 0, "malformed number"),
        ("[1.5e3.2]", 1, "malformed number"),
        ("nul", 0, "expected a value"),
        ("True", 0, "expected a value"),
        ("NaN", 0, "expected a value"),
        ("1 2", 2, "after the JSON value"),
        ("{} x", 3, "after the JSON value"),
        ("\"abc", 0, "unterminated string"),
        ("\"a\tb\"", 2, "control character"),
        ("\"a\\qb\"", 2, "invalid escape"),
        ("\"a\\u12G4\"", 2, "\\u escape"),
        ("\"a\\u12\"", 2, "\\u escape"),
        ("\"\\ud83d\"", 1, "unpaired surrogate"),
        ("\"\\ud83d\\u0041\"", 1, "unpaired surrogate"),
        ("\"\\ude00x\"", 1, "unpaired surrogate"),
        ("{\"k\":1,\"k\":2}", 7, "duplicate key \"k\""),
        ("// c\n1", 0, "expected a value"),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedTextAtTheRightOffset(_ text: String, _ offset: Int, _ phrase: String) {
        do {
            let value = try JSONValue(parsing: text)
            Issue.record("accepted \(text.debugDescription) as \(value)")
        } catch let error as JSONError {
            #expect(error.offset == offset, "\(text.debugDescription): \(error)")
            #expect(error.description.contains(phrase), "\(text.debugDescription): \(error)")
            #expect(error.kind == .badData)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Ill-formed UTF-8 inside strings (Unicode table 3-7), with the offset of the bad sequence.
    static let badUTF8: [([UInt8], Int)] = [
        ([0x22, 0xC0, 0x80, 0x22], 1),                 // overlong NUL
        ([0x22, 0x61, 0xE0, 0x80, 0xAF, 0x22], 2),     // overlong '/'
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),           // encoded surrogate U+D800
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),     // above U+10FFFF
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),     // invalid lead byte
        ([0x22, 0x61, 0x62, 0xC3, 0x22], 3),           // truncated sequence
        ([0x22, 0x80, 0x22], 1),                       // lone continuation byte
        ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], 3),     // after an escape (slow path)
        ([0xEF, 0xBB, 0xBF, 0x31], 0),                 // byte order mark before a value
    ]

    @Test(arguments: badUTF8)
    func rejectsIllFormedUTF8(_ bytes: [UInt8], _ offset: Int) {
        #expect(throws: JSONError.self) { try JSONValue(parsing: bytes) }
        do { _ = try JSONValue(parsing: bytes) } catch let error as JSONError {
            #expect(error.offset == offset, "\(bytes): \(error)")
        } catch {}
    }

    @Test func depthLimitIsEnforcedWithoutCrashing() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue(parsing: ok) }
        let deep = String(repeating: "[", count: 100_000)
        do {
            _ = try JSONValue(parsing: deep)
            Issue.record("accepted 100000 nested arrays")
        } catch let error as JSONError {
            #expect(error.offset == 512)
            #expect(error.description.contains("nesting deeper than 512"))
        }
        #expect(throws: JSONError.self) { try JSONValue(parsing: "[[[1]]]", maximumDepth: 2) }
        #expect(throws: Never.self) { try JSONValue(parsing: "[[[1]]]", maximumDepth: 3) }
    }

    @Test func skipValueAgreesWithParseValue() throws {
        let texts = Self.malformed.map(\.0).filter { !$0.contains("\"k\"") } + [
            #"{"a":[1,{"b":null}],"c":"\u00e9\ud83d\ude00"}"#, "[]", "{}", "-0.0e-0", "\"\"",
        ]
        for text in texts {
            var parseError: JSONError?, skipError: JSONError?
            var parseEnd = -1, skipEnd = -2
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBytes { raw in
                let buffer = UnsafeRawBufferPointer(raw)
                var p = JSONParser(buffer)
                do { _ = try p.parseValue(); parseEnd = p.position } catch { parseError = error as? JSONError }
                var s = JSONParser(buffer)
                do { try s.skipValue(); skipEnd = s.position } catch { skipError = error as? JSONError }
            }
            #expect(parseError == skipError, "\(text.debugDescription)")
            if parseError == nil { #expect(parseEnd == skipEnd, "\(text.debugDescription)") }
        }
    }

    @Test func parserContinuesFromAPosition() throws {
        let text = Array(#"{"a":1} {"b":[2]}"#.utf8)
        try text.withUnsafeBytes { (buffer) throws -> Void in
            var parser = JSONParser(buffer)
            let first = try parser.parseValue()
            #expect(first == ["a": 1])
            #expect(parser.position == 7)
            let second = try parser.parseValue()
            #expect(second == ["b": [2]])
            parser.skipWhitespace()
            #expect(parser.isAtEnd)
        }
    }
}

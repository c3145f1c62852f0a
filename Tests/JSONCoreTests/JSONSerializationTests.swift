import Foundation
import Testing
import JSONCore
import _TestSupport

/// Writing: compact output, escaping and number layout, pinned to Python's `json` and `repr`.
struct JSONSerializationTests {
    @Test func writesCompactKeysInOrderWithoutEscapingSlash() {
        let value: JSONValue = ["z": 1, "a": ["x/y", true, nil, 2.5], "é": ["k": "日本"]]
        #expect(value.jsonText == #"{"z":1,"a":["x/y",true,null,2.5],"é":{"k":"日本"}}"#)
    }

    @Test func escapesControlCharactersQuotesAndBackslashes() {
        let s = "q\"b\\n\n t\t r\r b\u{8} f\u{C} nul\u{0} us\u{1F} del\u{7F} /"
        #expect(JSONValue.string(s).jsonText == #""q\"b\\n\n t\t r\r b\b f\f nul\u0000 us\u001f del\#u{7F} /""#)
    }

    @Test func matchesPythonJsonDumpsOnAwkwardStrings() throws {
        let strings = ["plain", "", "quote\"", "back\\slash", "slash/", "tab\tnl\ncr\r", "\u{0}\u{1}\u{1B}\u{1F}\u{7F}",
                       "é日本😀", "\u{2028}\u{2029}", "mixed \"é\"\n\u{3}"]
        let value = JSONValue.array(strings.map(JSONValue.string))
        let ours = value.jsonText
        let script = """
        import json, sys
        strings = json.loads(sys.stdin.read())
        sys.stdout.write(json.dumps(strings, ensure_ascii=False, separators=(",", ":")))
        """
        let python = try Subprocess.python(script, stdin: Data(ours.utf8))
        #expect(python.status == 0, "\(python.stderrText)")
        #expect(python.stdoutText == ours)
        // And our parser reads our own output back.
        #expect(try JSONValue(parsing: ours) == value)
    }

    @Test func escapeThenDecodeIsTheIdentityOnRandomText() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "é", "€", "😀", " ", "\u{7F}"]
        for _ in 0..<500 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            var quoted: [UInt8] = []
            JSONString.appendEscaped(text, to: &quoted)
            let back = try quoted.withUnsafeBytes { raw in
                try JSONString.decode(UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)]))
            }
            #expect(back == text)
            var viaSequence: [UInt8] = []
            JSONString.appendEscaped(text.utf8.lazy.map { $0 }, to: &viaSequence)
            #expect(viaSequence == quoted)
            let utf8 = Array(text.utf8)
            let room = JSONString.maximumEscapedCount(utf8.count)
            var raw = [UInt8](repeating: 0xAA, count: room + 1)
            let written = utf8.withUnsafeBytes { source in
                raw.withUnsafeMutableBytes { JSONString.writeEscaped(source, to: $0.baseAddress!) }
            }
            #expect(Array(raw[..<written]) == quoted)
            #expect(raw[room] == 0xAA, "wrote past the documented maximum")
        }
    }

    @Test func theMaximumEscapedCountIsReached() {
        let controls = [UInt8](repeating: 0x01, count: 10)
        var out: [UInt8] = []
        controls.withUnsafeBytes { JSONString.appendEscaped($0, to: &out) }
        #expect(out.count == JSONString.maximumEscapedCount(10))
        #expect(String(decoding: out, as: UTF8.self).hasPrefix(#""\u0001\u0001"#))
    }

    @Test func doublesPrintLikePythonRepr() throws {
        // Interesting values plus random bit patterns across the whole exponent range.
        var values: [Double] = [0.0, -0.0, 0.1, 0.2 + 0.1, 1.0, 100.0, 1e15, 1e16, 9999999999999998.0, 1e-4, 1e-5,
                                0.00012345, 1.5e300, .leastNonzeroMagnitude, 2.2250738585072014e-308, .greatestFiniteMagnitude,
                                -123.456, 1e22, 1e23, 123456789012345680.0, 2.5e-7, 0.5]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
            let x = Double(bitPattern: bits)
            if x.isFinite { values.append(x) }
            values.append(Double.random(in: -1e6...1e6, using: &generator))
        }
        // Every decade around the switches between positional and exponent notation.
        for exponent in -7...18 {
            for _ in 0..<40 {
                values.append(Double.random(in: 1..<10, using: &generator) * (0..<abs(exponent)).reduce(1.0) { r, _ in exponent < 0 ? r / 10 : r * 10 })
            }
        }
        let ours = values.map { JSONNumber($0)!.text }
        let input = values.map { String($0.bitPattern, radix: 16) }.joined(separator: "\n")
        let script = """
        import struct, sys
        for line in sys.stdin.read().split():
            print(repr(struct.unpack('<d', struct.pack('<Q', int(line, 16)))[0]))
        """
        let python = try Subprocess.python(script, stdin: Data(input.utf8))
        #expect(python.status == 0, "\(python.stderrText)")
        let theirs = python.stdoutText.split(separator: "\n").map(String.init)
        #expect(theirs.count == ours.count)
        for (index, (a, b)) in zip(ours, theirs).enumerated() where a != b {
            Issue.record("\(values[index]): ours \(a), Python \(b)")
        }
        // Every text reads back to the same double.
        for (x, text) in zip(values, ours) {
            #expect(JSONNumber(text: text)?.doubleValue.bitPattern == x.bitPattern)
        }
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONValue(Double.infinity) == .null)
        #expect(JSONValue(-Float.infinity) == .null)
    }

    @Test func floatsPrintShortestForFloat() {
        #expect(JSONNumber(Float(0.1))?.text == "0.1")
        #expect(JSONNumber(Float(1e-7))?.text == "1e-07")
        #expect(JSONNumber(Float(3))?.text == "3.0")
    }

    @Test func numberTextIsValidatedAndIntegersAreExact() {
        #expect(JSONNumber(text: "12") != nil)
        #expect(JSONNumber(text: "-0.5e-3") != nil)
        for bad in ["", "01", "1.", "abc", "1 ", "--1", "0x10", "1e5.0", "Infinity"] {
            #expect(JSONNumber(text: bad) == nil, "\(bad)")
        }
        #expect(JSONNumber(Int.min).text == "-9223372036854775808")
        #expect(JSONNumber(text: "9223372036854775807")?.intValue == Int.max)
        #expect(JSONNumber(text: "9223372036854775808")?.intValue == nil)
        #expect(JSONNumber(text: "2.0")?.intValue == 2)
        #expect(JSONNumber(text: "1e3")?.intValue == 1000)
        #expect(JSONNumber(text: "1.5")?.intValue == nil)
    }

    @Test func parseThenSerializeIsTheIdentityOnCompactText() throws {
        let texts = [#"{"b":[1,2.50,-3e+7,{"":null}],"a":"\"x\"\\","c":"é/"}"#, "[]", "{}", "\"\"", "0", "-0.0"]
        for text in texts {
            #expect(try JSONValue(parsing: text).jsonText == text)
        }
    }
}

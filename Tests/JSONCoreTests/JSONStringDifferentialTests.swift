import Foundation
import Testing
import JSONCore
import _TestSupport

/// `JSONString.decode` and `JSONString.validate` against Python's `json.loads` (CPython 3.11's
/// strict decoder) on random string bodies made of the pieces that matter: plain and multi-byte
/// UTF-8, every simple escape, `\u` escapes of surrogates paired and unpaired, bad escapes, raw
/// quotes and control characters, and ill-formed UTF-8. Python accepts a lone surrogate escape
/// (its strings may hold one); nlpipe rejects it, since such a string has no UTF-8 form.
struct JSONStringDifferentialTests {
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("plain words ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8),
        Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\/"#.utf8), Array(#"\b"#.utf8), Array(#"\f"#.utf8),
        Array(#"\n"#.utf8), Array(#"\r"#.utf8), Array(#"\t"#.utf8), Array(#"\u0041"#.utf8), Array(#"\u00E9"#.utf8),
        Array(#"\u20ac"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\ud83d"#.utf8), Array(#"\ude00"#.utf8),
        Array(#"\u12"#.utf8), Array(#"\uZZZZ"#.utf8), Array(#"\x"#.utf8), Array(#"\"#.utf8),
        [0x22], [0x0A], [0x01], [0x7F], [0xC3], [0xFF], [0xED, 0xA0, 0x80], Array("12345678".utf8),
    ]

    @Test func decodeAndValidateAgreeWithPython() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {   // SplitMix64: a fixed stream of cases
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var bodies: [[UInt8]] = []
        for _ in 0..<4000 {
            var body: [UInt8] = []
            // Mostly clean bodies, so that both sides of every branch are reached.
            let allowBad = next(3) == 0
            for _ in 0..<(1 + next(12)) {
                let piece = Self.pieces[next(allowBad ? Self.pieces.count : 17)]
                body += piece
            }
            bodies.append(body)
        }
        let hex = bodies.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n") + "\n"
        let script = """
        import json, sys
        for line in sys.stdin:
            body = bytes.fromhex(line.strip())
            try:
                print(json.loads(b'"' + body + b'"').encode('utf-8').hex())
            except (ValueError, UnicodeError):
                print('ERR')
        """
        let python = try Subprocess.python(script, stdin: Data(hex.utf8))
        #expect(python.status == 0, "\(python.stderrText)")
        let answers = python.stdoutText.split(separator: "\n").map(String.init)
        try #require(answers.count == bodies.count)
        var accepted = 0
        for (body, answer) in zip(bodies, answers) {
            let decoded: Result<String, JSONError> = body.withUnsafeBytes { raw in
                Result { try JSONString.decode(raw) }.mapError { $0 as! JSONError }
            }
            let validated: Result<Void, JSONError> = body.withUnsafeBytes { raw in
                Result { try JSONString.validate(raw) }.mapError { $0 as! JSONError }
            }
            switch (decoded, validated) {
            case (.success(let string), .success):
                accepted += 1
                #expect(Array(string.utf8).map { String(format: "%02x", $0) }.joined() == answer, "\(body)")
            case (.failure(let a), .failure(let b)):
                #expect(answer == "ERR", "python accepted \(body): \(a)")
                #expect(a.offset == b.offset && a.reason == b.reason, "\(body): decode \(a), validate \(b)")
            default:
                Issue.record("decode and validate disagree on \(body): \(decoded) vs \(validated)")
            }
        }
        #expect(accepted > 1000 && accepted < bodies.count - 500, "accepted \(accepted) of \(bodies.count)")
    }
}

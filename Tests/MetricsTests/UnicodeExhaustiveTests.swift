import Foundation
import Testing
import Metrics
import _TestSupport

/// Every Unicode code point through the Python-sensitive steps, against the installed Python
/// 3.11 and sacreBLEU 2.6.0 (its `regex`-based `intl` tokeniser): `str.lower()` with its final
/// sigma context, `str.split()` whitespace, and the `intl`, `zh`, `13a` and `char` tokenisers.
/// The inputs are built identically on both sides, so any difference in Unicode data (the Swift
/// standard library's tables against CPython's Unicode 14.0 or `regex`'s) shows up here.
@Suite struct UnicodeExhaustiveTests {
    /// All scalar values except surrogates.
    static let scalars: [Unicode.Scalar] = (0..<0x110000).compactMap { Unicode.Scalar(UInt32($0)) }

    /// Runs `script` with `text` on stdin (UTF-8) and returns stdout as a String.
    private func python(_ script: String, stdin text: String) throws -> String {
        let result = try Subprocess.python(
            "import sys, io\nsys.stdin = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')\n"
                + "sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='utf-8', newline='')\n" + script,
            stdin: Data(text.utf8))
        guard result.status == 0 else { throw TestSupportError("python failed: \(result.stderrText)") }
        return result.stdoutText
    }

    @Test func whitespaceSetIsPythons() throws {
        let expected = try python("print(' '.join(str(c) for c in range(0x110000) if chr(c).isspace()))", stdin: "")
        let ours = UnicodeExhaustiveTests.scalars.filter { PythonString.isWhitespace($0) }.map { String($0.value) }
        #expect(ours.joined(separator: " ") == expected.trimmingCharacters(in: .newlines))
    }

    @Test func lowercaseMatchesPythonForEveryCodePoint() throws {
        // Each code point alone, then the two sigma contexts: "A c Σ" tests whether c is
        // skipped (case-ignorable) or cased looking back; "AΣ c a" looking forward.
        var text = ""
        for scalar in UnicodeExhaustiveTests.scalars where scalar != "\n" {
            text.unicodeScalars.append(scalar)
            text += "\nA"
            text.unicodeScalars.append(scalar)
            text += "Σ\nAΣ"
            text.unicodeScalars.append(scalar)
            text += "a\n"
        }
        let expected = try python("sys.stdout.write(sys.stdin.read().lower())", stdin: text)
        let ours = PythonString.lowercased(text)
        #expect(ours.utf8.count == expected.utf8.count)
        if ours != expected {
            let oursLines = ours.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let differing = zip(oursLines, expectedLines).filter { $0 != $1 }.prefix(10)
            Issue.record("lowercasing differs: \(differing.map { "\($0.0.unicodeScalars.map { $0.value }) vs \($0.1.unicodeScalars.map { $0.value })" })")
        }
    }

    @Test(arguments: ["intl", "zh", "13a", "char"])
    func tokenizerMatchesSacreBLEUForEveryCodePoint(name: String) throws {
        // Every code point between a letter, a digit and a period, so that category-driven
        // splits (intl), the CJK ranges (zh) and the punctuation rules (13a) all show; one line
        // per 4096 code points keeps lines of realistic length.
        var lines: [String] = []
        var line = ""
        for (k, scalar) in UnicodeExhaustiveTests.scalars.enumerated() {
            if PythonString.isWhitespace(scalar) || scalar == "\r" { continue }
            line += "a"
            line.unicodeScalars.append(scalar)
            line += "1"
            line.unicodeScalars.append(scalar)
            line += ". "
            if k % 4096 == 4095 {
                lines.append(line)
                line = ""
            }
        }
        lines.append(line)
        let script = """
        from sacrebleu.metrics.bleu import _get_tokenizer
        tok = _get_tokenizer('\(name)')()
        for line in sys.stdin.read().split('\\n'):
            sys.stdout.write(tok(line) + '\\n')
        """
        let expected = try python(script, stdin: lines.joined(separator: "\n"))
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let tokenizer = try BLEUTokenizer(name: name)
        #expect(expected.count == lines.count)
        var mismatches = 0
        for (ours, theirs) in zip(lines.map { tokenizer.tokenize($0) }, expected) where ours != theirs {
            mismatches += 1
            if mismatches <= 3 {
                let a = Array(ours.unicodeScalars), b = Array(theirs.unicodeScalars)
                let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                Issue.record("\(name): first difference at \(at): \(a[max(0, at - 8)..<min(a.count, at + 8)].map { $0.value }) vs \(b[max(0, at - 8)..<min(b.count, at + 8)].map { $0.value })")
            }
        }
        #expect(mismatches == 0)
    }
}

import Foundation
import Testing
import Records

@Suite struct LineInputTests {
    func file(_ text: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nlpipe-li-\(UUID().uuidString)")
        try Data(text).write(to: url)
        return url.path
    }

    @Test func invalidLinesAreLocatedBySourceAndNumber() throws {
        let path = try file(Array("{\"a\":1}\n{\"a\":\n".utf8))
        defer { unlink(path) }
        let input = LineInput(paths: [path])
        let parser = RecordParser()
        #expect(throws: RecordsError.located(source: path, line: 2, message: "malformed JSON at byte 6: unexpected end of input, expected a value")) {
            try input.forEachLine(readers: input.openAll(), validateUTF8: false, skipInvalid: false) { line, _ in
                try parser.parse(line)
            }
        }
    }

    @Test func skippingCountsInvalidLinesAndGoesOn() throws {
        let path = try file(Array("ok\n".utf8) + [0xFF, 0x0A] + Array("fine\n".utf8))
        defer { unlink(path) }
        let input = LineInput(paths: [path, path])
        var seen: [String] = []
        try input.forEachLine(readers: input.openAll(), validateUTF8: true, skipInvalid: true) { line, _ in
            seen.append(String(decoding: line, as: UTF8.self))
        }
        #expect(seen == ["ok", "fine", "ok", "fine"])
        #expect(input.skippedLines == 2)
        #expect(input.firstSkipped == .located(source: path, line: 2, message: "invalid UTF-8 at byte 1"))
    }

    @Test func formatIsDetectedFromTheFirstNonBlankByte() throws {
        let json = try file(Array("\n  {\"text\":\"a\"}\n".utf8)), text = try file(Array("hello {\n".utf8))
        defer { unlink(json); unlink(text) }
        #expect(try LineInput.resolve(.automatic, first: ByteReader.open(json)) == .jsonLines)
        #expect(try LineInput.resolve(.automatic, first: ByteReader.open(text)) == .text)
        #expect(try LineInput.resolve(.text, first: ByteReader.open(json)) == .text)
    }
}

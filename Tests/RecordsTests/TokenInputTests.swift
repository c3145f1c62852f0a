import Foundation
import Testing
import Records

@Suite struct TokenInputTests {
    func sequences(_ text: [UInt8], format: InputFormat, blockSize: Int = 5, field: String = "tokens") throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nlpipe-ti-\(UUID().uuidString)")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = ByteReader(fileDescriptor: open(url.path, O_RDONLY), name: "in", ownsDescriptor: true, blockSize: blockSize)
        let input = TokenInput(input: LineInput(paths: ["in"]), readers: [reader], format: format, field: field)
        var all: [[String]] = [], current: [String] = []
        try input.forEach(token: { current.append(String(decoding: $0, as: UTF8.self)) },
                          endOfSequence: { all.append(current); current = [] })
        #expect(current.isEmpty)
        return all
    }

    @Test(arguments: [1, 2, 5, 64])
    func plainTextLinesAreSequencesWhateverTheBlockSize(blockSize: Int) throws {
        let text = "the cat  sat\n\n  on\tthe mat \r\nla\u{00E9}s"
        #expect(try sequences(Array(text.utf8), format: .text, blockSize: blockSize)
                == [["the", "cat", "sat"], ["on", "the", "mat"], ["la\u{00E9}s"]])
    }

    @Test func recordsGiveTheirTokenField() throws {
        let text = "{\"id\":1,\"tokens\":[\"a\",\"b\\u00e9\"]}\n{\"tokens\":[]}\n{\"words\":[\"x\"],\"tokens\":[\"c\"]}\n"
        #expect(try sequences(Array(text.utf8), format: .jsonLines) == [["a", "b\u{00E9}"], ["c"]])
        let words = "{\"words\":[\"x\",\"y\"],\"tokens\":[\"c\"]}\n"
        #expect(try sequences(Array(words.utf8), format: .jsonLines, field: "words") == [["x", "y"]])
    }

    @Test func aMissingFieldIsLocated() throws {
        let text = "{\"tokens\":[\"a\"]}\n{\"text\":\"b\"}\n"
        #expect(throws: RecordsError.located(source: "in", line: 2, message: "missing field 'tokens'")) {
            try sequences(Array(text.utf8), format: .jsonLines)
        }
    }

    @Test func invalidUTF8InPlainTextIsLocatedByLine() throws {
        let bytes = Array("ok fine\nstill ok\nbad ".utf8) + [0xC3, 0x28] + Array(" x\n".utf8)
        #expect(throws: RecordsError.located(source: "in", line: 3, message: "invalid UTF-8 at byte 1 of a token")) {
            try sequences(bytes, format: .text, blockSize: 3)
        }
    }
}

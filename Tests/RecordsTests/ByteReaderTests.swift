import Foundation
import Testing
@testable import Records

/// Reads `bytes` through a pipe with a tiny block size, so every boundary case is exercised.
func withReader<R>(_ bytes: [UInt8], blockSize: Int = 7, _ body: (ByteReader) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nlpipe-reader-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let fd = open(url.path, O_RDONLY)
    let reader = ByteReader(fileDescriptor: fd, name: "t", ownsDescriptor: true, blockSize: blockSize)
    return try body(reader)
}

func allLines(_ reader: ByteReader) throws -> [String] {
    var lines: [String] = []
    while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
    return lines
}

@Suite struct ByteReaderTests {
    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func linesSurviveEveryBlockSize(blockSize: Int) throws {
        let text = "alpha\nbeta gamma\n\n\u{00E9}t\u{00E9}\nlast without newline"
        let lines = try withReader(Array(text.utf8), blockSize: blockSize) { try allLines($0) }
        #expect(lines == ["alpha", "beta gamma", "", "\u{00E9}t\u{00E9}", "last without newline"])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try withReader([]) { try allLines($0) } == [])
        #expect(try withReader([]) { try $0.peekFirstNonBlank() } == nil)
    }

    @Test func lineNumbersCount() throws {
        try withReader(Array("a\nb\nc\n".utf8)) { (reader: ByteReader) throws -> Void in
            _ = try reader.nextLine(); _ = try reader.nextLine()
            #expect(reader.lineNumber == 2)
        }
    }

    @Test func aLineOfSeveralMegabytesIsReadWhole() throws {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 5_000_000)
        bytes.append(0x0A)
        bytes.append(contentsOf: Array("tail\n".utf8))
        let lengths = try withReader(bytes, blockSize: 4096) { reader -> [Int] in
            var lengths: [Int] = []
            while let line = try reader.nextLine() { lengths.append(line.count) }
            return lengths
        }
        #expect(lengths == [5_000_000, 4])
    }

    @Test func chunksCoverTheInputExactly() throws {
        let text = Array(String(repeating: "the cat sat ", count: 1000).utf8)
        let joined = try withReader(text, blockSize: 13) { reader -> [UInt8] in
            var all: [UInt8] = []
            while let chunk = try reader.nextChunk() { all.append(contentsOf: chunk) }
            return all
        }
        #expect(joined == text)
    }

    @Test func peekSeesTheFirstNonBlankByteWithoutConsuming() throws {
        try withReader(Array("  \n\t {\"a\":1}\n".utf8), blockSize: 2) { (reader: ByteReader) throws -> Void in
            #expect(try reader.peekFirstNonBlank() == UInt8(ascii: "{"))
            #expect(try allLines(reader) == ["  ", "\t {\"a\":1}"])
        }
    }

    @Test func aMissingFileIsNoInput() {
        #expect(throws: RecordsError.cannotOpen(path: "/nonexistent/x", reason: "No such file or directory", missing: true)) {
            _ = try ByteReader.open("/nonexistent/x")
        }
        let error = RecordsError.cannotOpen(path: "/x", reason: "r", missing: true)
        #expect(error.kind == .noInput)
    }

    @Test func aDirectoryIsRefused() throws {
        #expect(throws: RecordsError.cannotOpen(path: "/tmp", reason: "is a directory", missing: false)) {
            _ = try ByteReader.open("/tmp")
        }
    }
}

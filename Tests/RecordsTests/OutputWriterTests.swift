import Foundation
import Testing
import Records
import _TestSupport

@Suite struct OutputWriterTests {
    /// Writes through a pipe and returns what arrived.
    func capture(_ body: (OutputWriter) throws -> Void) throws -> String {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writer = OutputWriter(fileDescriptor: fds[1], flushThreshold: 8)
        let reading = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        try body(writer)
        try writer.close()
        return String(decoding: reading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func passThroughKeepsUntouchedFieldsByteForByte() throws {
        let line = #"{"id": "x-1",  "text":"a\u0020b", "meta" : {"k":[1, 2.50]},"tokens":["old"]}"#
        let parser = RecordParser()
        let out = try capture { writer in
            try Array(line.utf8).withUnsafeBufferPointer { bytes in
                try parser.parse(bytes)
                writer.beginRecord()
                writer.passThrough(parser, excluding: [parser.index(of: "tokens")!])
                writer.key("tokens")
                writer.stringArray(["a", "b"])
                try writer.endRecord()
            }
        }
        #expect(out == #"{"id":"x-1","text":"a\u0020b","meta":{"k":[1, 2.50]},"tokens":["a","b"]}"# + "\n")
    }

    @Test func escapedStringsReadBackIdentically() throws {
        let strings = ["plain", "quote\"back\\slash", "a/b", "ctl\u{01}\u{1f}\n\r\t\u{08}\u{0c}", "\u{e9}\u{4e2d}\u{1F600}", ""]
        let out = try capture { writer in
            for s in strings {
                writer.beginRecord()
                writer.key("s")
                writer.stringValue(s)
                try writer.endRecord()
            }
        }
        let decoded = try out.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: String]
        }
        #expect(decoded.map { $0["s"]! } == strings)
        #expect(out.contains("a/b"), "a slash is not escaped")
    }

    /// The line `stringArray(bytes:ranges:)` writes for tokens given as ranges of one buffer.
    func tokenArray(_ joined: [UInt8], _ ranges: [Range<Int>]) throws -> String {
        try capture { writer in
            joined.withUnsafeBufferPointer { bytes in
                ranges.withUnsafeBufferPointer { writer.stringArray(bytes: bytes, ranges: $0) }
            }
            try writer.endLine()
        }
    }

    /// Token arrays from one buffer: plain tokens are copied, tokens with quotes, backslashes or
    /// control characters are escaped, also when escaping outgrows the buffer mid-array.
    @Test func tokenArraysFromOneBufferEscapeOnlyWhatNeedsIt() throws {
        let tokens = ["plain", "q\"uote", "", "back\\slash", "\u{01}ctl", "\u{e9}t\u{e9}",
                      String(repeating: "\"", count: 5000), "end"]
        var joined: [UInt8] = []
        var ranges: [Range<Int>] = []
        for t in tokens {
            if !joined.isEmpty { joined.append(0x20) }
            let start = joined.count
            joined.append(contentsOf: Array(t.utf8))
            ranges.append(start..<joined.count)
        }
        let out = try tokenArray(joined, ranges)
        let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String]
        #expect(decoded == tokens)
        #expect(out.hasPrefix(#"["plain","q\"uote","","back\\slash","\u0001ctl","#))
    }

    /// Random short tokens packed back to back, with a byte to escape at any position (first,
    /// last, in the word-at-a-time part and in the tail), ending exactly at the buffer's end:
    /// every array decodes to its tokens.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomTokenArraysRoundTrip(seed: UInt64) throws {
        var g = TestCorpus.Generator(state: seed)
        let pieces: [[UInt8]] = ["b", "Z", "9", " ", "é", "東", "🙂", "\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}"].map { Array($0.utf8) }
        for _ in 0..<200 {
            var joined: [UInt8] = [], ranges: [Range<Int>] = []
            for _ in 0..<Int.random(in: 0...12, using: &g) {
                let start = joined.count
                for _ in 0..<Int.random(in: 0...20, using: &g) {
                    // Mostly plain letters, now and then something to escape.
                    joined.append(contentsOf: Int.random(in: 0..<6, using: &g) == 0 ? pieces.randomElement(using: &g)! : [0x61])
                }
                ranges.append(start..<joined.count)
            }
            let tokens = ranges.map { String(decoding: joined[$0], as: UTF8.self) }
            let decoded = try JSONSerialization.jsonObject(with: Data(try tokenArray(joined, ranges).utf8)) as! [String]
            #expect(decoded == tokens)
        }
    }

    @Test func numbersAreWrittenAsPythonWould() throws {
        let out = try capture { writer in
            writer.beginRecord()
            writer.key("i"); writer.integerArray([0, -7, Int.max, Int.min])
            writer.key("d"); writer.doubleValue(0.1)
            writer.key("w"); writer.doubleValue(100)
            writer.key("e"); writer.doubleValue(1e-5)
            writer.key("n"); writer.doubleValue(.nan)
            try writer.endRecord()
        }
        // Python: json.dumps({"i":[0,-7,2**63-1,-2**63],"d":0.1,"w":100.0,"e":1e-05,"n":None},separators=(",",":"))
        #expect(out == #"{"i":[0,-7,9223372036854775807,-9223372036854775808],"d":0.1,"w":100.0,"e":1e-05,"n":null}"# + "\n")
    }

    @Test func aClosedPipeIsReportedAsOutputClosed() throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let writer = OutputWriter(fileDescriptor: fds[1])
        writer.write("data")
        #expect(throws: OutputClosed.self) { try writer.flush() }
        close(fds[1])
    }

    @Test func aFullDeviceIsAWriteError() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        let writer = OutputWriter(fileDescriptor: fd)
        writer.write("data")
        #expect(throws: RecordsError.writeFailed(reason: "No space left on device")) { try writer.close() }
    }
}

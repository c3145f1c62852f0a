import Foundation
import Testing
import Diagnostics
import ModelArchive

/// Every way a file can be damaged or lie gives a clear `.badData` error and never a crash.
struct ArchiveCorruptionTests {
    /// An archive with `header` (padded to 8 bytes) and `data`, as raw bytes.
    static func archive(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(headerBytes.count)).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + headerBytes + data
    }

    static func valid() throws -> [UInt8] {
        var writer = ArchiveWriter(kind: "test", formatVersion: 1)
        try writer.add("a", [Float](arrayLiteral: 1, 2, 3, 4), shape: [2, 2])
        try writer.add("b", [Int64](arrayLiteral: 5, 6))
        return writer.serialized()
    }

    static func headerLength(_ bytes: [UInt8]) -> Int {
        Int(bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    }

    /// Damaged files, each with a phrase its error message must contain.
    static func damaged() throws -> [(String, [UInt8], String)] {
        let good = try valid()
        let n = headerLength(good)
        var flipped = good
        flipped[8] = UInt8(ascii: "x")                                   // '{' → 'x'
        var lyingLonger = good
        lyingLonger.replaceSubrange(0..<8, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        var lyingShorter = good
        lyingShorter[0] = UInt8(n - 8)
        let f32 = #""dtype":"F32","shape":[2]"#
        return [
            ("empty", [], "empty file"),
            ("short", [1, 2, 3, 4, 5], "too short"),
            ("only-length", Array(good[0..<8]), "exceeds"),
            ("truncated-header", Array(good[0..<(8 + n / 2)]), "exceeds"),
            ("truncated-data", Array(good.dropLast(3)), "truncated"),
            ("trailing-data", good + [0, 0, 0, 0], "cover"),
            ("flipped-header-byte", flipped, "not valid JSON"),
            ("length-too-long", lyingLonger, "exceeds"),
            ("length-too-short", lyingShorter, "not valid JSON"),
            ("not-an-object", archive(header: "[1,2]"), "not a JSON object"),
            ("not-json-at-all", archive(header: "PK\u{3}\u{4} zip?"), "not valid JSON"),
            ("overlap", archive(header: #"{"x":{\#(f32),"data_offsets":[0,8]},"y":{\#(f32),"data_offsets":[4,12]}}"#,
                                data: [UInt8](repeating: 0, count: 12)), "overlap"),
            ("gap", archive(header: #"{"x":{\#(f32),"data_offsets":[0,8]},"y":{\#(f32),"data_offsets":[12,20]}}"#,
                            data: [UInt8](repeating: 0, count: 20)), "gap"),
            ("not-from-zero", archive(header: #"{"x":{\#(f32),"data_offsets":[4,12]}}"#,
                                      data: [UInt8](repeating: 0, count: 12)), "gap"),
            ("out-of-range", archive(header: #"{"x":{\#(f32),"data_offsets":[0,8]}}"#,
                                     data: [UInt8](repeating: 0, count: 4)), "truncated"),
            ("backwards", archive(header: #"{"x":{\#(f32),"data_offsets":[8,0]}}"#,
                                  data: [UInt8](repeating: 0, count: 8)), "end before they begin"),
            ("size-mismatch", archive(header: #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                                      data: [UInt8](repeating: 0, count: 8)), "(12 bytes) but occupies 8"),
            ("unknown-dtype", archive(header: #"{"x":{"dtype":"Q8","shape":[2],"data_offsets":[0,2]}}"#,
                                      data: [0, 0]), "unknown dtype 'Q8'"),
            ("sub-byte-remainder", archive(header: #"{"x":{"dtype":"F6_E2M3","shape":[3],"data_offsets":[0,2]}}"#,
                                           data: [0, 0]), "whole number of bytes"),
            ("negative-shape", archive(header: #"{"x":{"dtype":"U8","shape":[-2],"data_offsets":[0,2]}}"#,
                                       data: [0, 0]), "non-negative integer"),
            ("fractional-shape", archive(header: #"{"x":{"dtype":"U8","shape":[2.0],"data_offsets":[0,2]}}"#,
                                         data: [0, 0]), "non-negative integer"),
            ("overflowing-shape", archive(header: #"{"x":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#,
                                          data: [UInt8](repeating: 0, count: 8)), "overflows"),
            ("one-offset", archive(header: #"{"x":{"dtype":"U8","shape":[2],"data_offsets":[0]}}"#, data: [0, 0]),
             "data_offsets"),
            ("no-dtype", archive(header: #"{"x":{"shape":[2],"data_offsets":[0,2]}}"#, data: [0, 0]), "no string 'dtype'"),
            ("metadata-not-string", archive(header: #"{"__metadata__":{"kind":1}}"#), "'kind' is not a string"),
            ("duplicate-tensor", archive(header: #"{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#,
                                         data: [0]), "duplicate key"),
            ("deep-header", archive(header: String(repeating: "[", count: 50_000)), "nesting"),
        ]
    }

    @Test func everyDamagedFileIsRefusedWithAClearMessage() throws {
        let folder = try TemporaryDirectory()
        for (name, bytes, phrase) in try Self.damaged() {
            let path = try folder.write(name, bytes)
            do {
                let reader = try ArchiveReader(path: path)
                Issue.record("\(name): accepted, with tensors \(reader.tensors.map(\.name))")
            } catch let error as ArchiveError {
                #expect(error.kind == .badData, "\(name): \(error)")
                #expect(error.description.hasPrefix(path + ": "), "\(name): \(error)")
                #expect(error.message.contains(phrase), "\(name): \(error)")
                #expect(error.message.first?.isLowercase == true || error.message.first?.isLetter == false, "\(name)")
                #expect(!error.message.hasSuffix("."), "\(name)")
            }
        }
    }

    @Test func everyTruncationOfAValidFileIsRefused() throws {
        let good = try Self.valid()
        for length in 0..<good.count {
            #expect(throws: ArchiveError.self, "length \(length)") { try ArchiveReader(bytes: Array(good[..<length])) }
        }
        #expect(throws: Never.self) { try ArchiveReader(bytes: good) }
    }

    @Test func flippingAnyHeaderByteNeverCrashes() throws {
        let good = try Self.valid()
        let n = Self.headerLength(good)
        // Each header byte replaced by a few troublesome values: every outcome is a clean
        // success or an ArchiveError.
        for position in 0..<(8 + n) {
            for value: UInt8 in [0x00, 0x22, 0x39, 0x5C, 0x7D, 0xFF] {
                var bytes = good
                bytes[position] = value
                do { _ = try ArchiveReader(bytes: bytes) } catch is ArchiveError {} catch {
                    Issue.record("byte \(position) = \(value): unexpected \(error)")
                }
            }
        }
    }

    @Test func aHeaderBeyondTheSizeLimitIsRefused() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("huge")
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(100_000_008).littleEndian) { bytes.append(contentsOf: $0) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100_000_100)             // sparse: costs no disk
        try handle.close()
        #expect(throws: ArchiveError(.badData, path: path, "header length 100000008 exceeds the limit of 100000000 bytes")) {
            try ArchiveReader(path: path)
        }
    }

    @Test func kindAndVersionAreChecked() throws {
        func reader(_ metadata: [String: String]) throws -> ArchiveReader {
            var writer = ArchiveWriter(kind: "x", formatVersion: 1)
            writer.metadata = metadata
            return try ArchiveReader(bytes: writer.serialized(), name: "m.nlpipe")
        }
        let vocabulary = try reader(["kind": "vocabulary", "format_version": "2"])
        #expect(try vocabulary.require(kind: "vocabulary", supportedVersion: 2) == 2)
        #expect(try vocabulary.require(kind: "vocabulary", supportedVersion: 5) == 2)
        #expect(throws: ArchiveError(.badData, path: "m.nlpipe",
                                     "'vocabulary' format version 2 is newer than this program supports (1); it was written by a newer nlpipe")) {
            try vocabulary.require(kind: "vocabulary", supportedVersion: 1)
        }
        #expect(throws: ArchiveError(.badData, path: "m.nlpipe", "is a model of kind 'vocabulary', but one of kind 'embeddings' is needed")) {
            try vocabulary.require(kind: "embeddings", supportedVersion: 1)
        }
        #expect(throws: ArchiveError.self) { try reader([:]).require(kind: "vocabulary", supportedVersion: 1) }
        for bad in ["", "one", "-1", "0", "1.0", " 1"] {
            #expect(throws: ArchiveError.self, "\(bad)") {
                try reader(["kind": "vocabulary", "format_version": bad]).require(kind: "vocabulary", supportedVersion: 9)
            }
        }
        #expect(throws: ArchiveError.self) { try reader(["config": "{oops"]).config() }
    }
}

import Foundation
import Testing
import JSONCore
import ModelArchive

/// Writing then reading gives back every tensor, shape, dtype and metadata entry.
struct ArchiveRoundTripTests {
    static func sampleWriter() throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: "test", formatVersion: 2)
        writer.metadata["note"] = "é / \"quoted\""
        writer.setConfig(["dim": 3, "lr": 0.025, "name": "x/y"])
        try writer.add("bytes", [UInt8](arrayLiteral: 1, 2, 3))                       // U8, added first
        try writer.add("matrix", (0..<6).map { Float($0) * 0.5 - 1 }, shape: [2, 3])    // F32
        try writer.add("ids", [Int64.min, -1, 0, Int64.max])                          // I64
        try writer.add("counts", [Int](arrayLiteral: 7, 8))                           // I64 via Int
        try writer.add("scalar", [Double.pi], shape: [])                              // F64 scalar
        try writer.add("empty", [Float](), shape: [0, 4])
        try writer.add("i8", [Int8](arrayLiteral: -128, 127))
        try writer.add("i16", [Int16](arrayLiteral: -3, 300))
        try writer.add("u16", [UInt16](arrayLiteral: 65535))
        try writer.add("i32", [Int32](arrayLiteral: Int32.min, 5, Int32.max))
        try writer.add("u32", [UInt32](arrayLiteral: UInt32.max))
        try writer.add("u64", [UInt64](arrayLiteral: UInt64.max, 1))
        try writer.add("half", [Float16](arrayLiteral: 1.5, -2))
        try writer.add("bf16", dtype: .bf16, shape: [2], payload: [UInt8](arrayLiteral: 0x80, 0x3F, 0x00, 0x40))
        return writer
    }

    @Test func everyDtypeAndTheMetadataSurviveAFile() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("model.nlpipe")
        try Self.sampleWriter().write(to: path)
        let reader = try ArchiveReader(path: path)
        #expect(reader.kind == "test")
        #expect(reader.formatVersion == 2)
        #expect(reader.metadata["note"] == "é / \"quoted\"")
        #expect(try reader.config() == ["dim": 3, "lr": 0.025, "name": "x/y"])
        #expect(reader.configText == #"{"dim":3,"lr":0.025,"name":"x/y"}"#)
        #expect(try reader.array("bytes", as: UInt8.self) == [1, 2, 3])
        #expect(try reader.array("matrix", as: Float.self) == [-1, -0.5, 0, 0.5, 1, 1.5])
        #expect(try reader.info("matrix").shape == [2, 3])
        #expect(try reader.array("ids", as: Int64.self) == [Int64.min, -1, 0, Int64.max])
        #expect(try reader.array("counts", as: Int.self) == [7, 8])
        #expect(try reader.info("counts").dtype == .i64)
        #expect(try reader.array("scalar", as: Double.self) == [Double.pi])
        #expect(try reader.info("scalar").shape == [])
        #expect(try reader.buffer("empty", as: Float.self).count == 0)
        #expect(try reader.info("empty").shape == [0, 4])
        #expect(try reader.array("i8", as: Int8.self) == [-128, 127])
        #expect(try reader.array("i16", as: Int16.self) == [-3, 300])
        #expect(try reader.array("u16", as: UInt16.self) == [65535])
        #expect(try reader.array("i32", as: Int32.self) == [Int32.min, 5, Int32.max])
        #expect(try reader.array("u32", as: UInt32.self) == [UInt32.max])
        #expect(try reader.array("u64", as: UInt64.self) == [UInt64.max, 1])
        #expect(try reader.array("half", as: Float16.self) == [1.5, -2])
        #expect(try reader.info("bf16").dtype == .bf16)
        #expect(Array(try reader.bytes("bf16")) == [0x80, 0x3F, 0x00, 0x40])
        // Every view is aligned for its type without a copy.
        for tensor in reader.tensors where tensor.byteCount > 0 {
            let address = Int(bitPattern: try reader.bytes(tensor.name).baseAddress)
            #expect(address % tensor.dtype.alignment == 0, "\(tensor.name)")
        }
        withExtendedLifetime(reader) {}
    }

    @Test func layoutIsAlignedDeterministicAndOrderedByElementSize() throws {
        let bytes = try Self.sampleWriter().serialized()
        #expect(try Self.sampleWriter().serialized() == bytes)
        let headerLength = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(headerLength % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + Int(headerLength))], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"config":"#))
        #expect(header.hasSuffix("}") || header.hasSuffix(" "))
        let reader = try ArchiveReader(bytes: bytes)
        let sizes = reader.tensors.map(\.dtype.alignment)
        #expect(sizes == sizes.sorted(by: >))
        // Insertion order is kept among tensors of one element size.
        #expect(reader.tensors.filter { $0.dtype.alignment == 8 }.map(\.name) == ["ids", "counts", "scalar", "u64"])
        #expect(reader.tensors.first { $0.dtype.alignment == 1 }?.name == "bytes")
    }

    @Test func typedViewsCheckDtypeNameAndShape() throws {
        let reader = try ArchiveReader(bytes: try Self.sampleWriter().serialized(), name: "sample.nlpipe")
        #expect(throws: ArchiveError(.badData, path: "sample.nlpipe", "tensor 'matrix' is F32, expected I64")) {
            try reader.buffer("matrix", as: Int64.self)
        }
        #expect(throws: ArchiveError(.badData, path: "sample.nlpipe", "has no tensor 'nope'")) {
            try reader.buffer("nope", as: Float.self)
        }
        #expect(try reader.buffer("matrix", as: Float.self, shape: [nil, 3]).count == 6)
        #expect(throws: ArchiveError.self) { try reader.buffer("matrix", as: Float.self, shape: [3, nil]) }
        #expect(throws: ArchiveError.self) { try reader.buffer("matrix", as: Float.self, shape: [6]) }
    }

    @Test func writerRefusesInconsistentTensors() throws {
        var writer = ArchiveWriter(kind: "test", formatVersion: 1)
        try writer.add("a", [Float](repeating: 0, count: 6), shape: [2, 3])
        #expect(throws: ArchiveError.self) { try writer.add("a", [Float(1)]) }
        #expect(throws: ArchiveError.self) { try writer.add("__metadata__", [Float(1)]) }
        #expect(throws: ArchiveError.self) { try writer.add("b", [Float](repeating: 0, count: 5), shape: [2, 3]) }
        #expect(throws: ArchiveError.self) { try writer.add("c", dtype: .f6e2m3, shape: [2], payload: [UInt8](arrayLiteral: 0)) }
        #expect(writer.tensorNames == ["a"])
    }

    @Test func anEmptyArchiveRoundTrips() throws {
        let writer = ArchiveWriter(kind: "nothing", formatVersion: 1)
        let reader = try ArchiveReader(bytes: writer.serialized())
        #expect(reader.tensors.isEmpty)
        #expect(reader.kind == "nothing")
    }

    @Test func misalignedDataIsCopiedIntoAlignedMemory() throws {
        // A 9-byte header puts the data at file offset 17: F32 elements would be misaligned.
        let header = Array(#"{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#.utf8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count + 1).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += header + [0x20]
        #expect((8 + header.count + 1) % 4 != 0)
        for value: Float in [1.25, -3] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        let folder = try TemporaryDirectory()
        let reader = try ArchiveReader(path: try folder.write("odd.safetensors", bytes))
        let view = try reader.buffer("v", as: Float.self)
        #expect(Int(bitPattern: view.baseAddress) % 4 == 0)
        #expect(Array(view) == [1.25, -3])
        withExtendedLifetime(reader) {}
    }

    @Test func readsFromAPipe() throws {
        let folder = try TemporaryDirectory()
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try Self.sampleWriter().serialized()
        let feeder = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(bytes))
                try? handle.close()
            }
        }
        feeder.start()
        let reader = try ArchiveReader(path: fifo)
        #expect(try reader.array("matrix", as: Float.self) == [-1, -0.5, 0, 0.5, 1, 1.5])
    }
}

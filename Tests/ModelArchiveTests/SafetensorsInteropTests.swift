import Foundation
import Testing
import JSONCore
import ModelArchive
import _TestSupport

/// Files cross between this implementation and Python's `safetensors` (0.8, with numpy) intact.
struct SafetensorsInteropTests {
    @Test func pythonReadsWhatSwiftWrites() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("swift.safetensors")
        var writer = ArchiveWriter(kind: "test", formatVersion: 3)
        writer.setConfig(["dim": 2, "note": "é/ü"])
        let floats: [Float] = [0.1, -2.5, 3e-8, 65504, 1, 0]
        try writer.add("weights", floats, shape: [3, 2])
        try writer.add("ids", [Int64](arrayLiteral: -9_007_199_254_740_993, 0, 42))
        try writer.add("bytes", [UInt8](arrayLiteral: 0, 255, 7))
        try writer.add("doubles", [Double](arrayLiteral: 1e300, -0.0))
        try writer.add("i32", [Int32](arrayLiteral: -1, 2), shape: [1, 2, 1])
        try writer.write(to: path)

        let script = """
        import json, sys
        from safetensors import safe_open
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], "np") as f:
            metadata = f.metadata()
        print(json.dumps({"metadata": metadata, "tensors": {name: {"dtype": str(a.dtype), "shape": list(a.shape),
              "values": [repr(x) for x in a.ravel().tolist()]} for name, a in tensors.items()}}))
        """
        let python = try Subprocess.python(script, arguments: [path])
        #expect(python.status == 0, "\(python.stderrText)")
        let result = try JSONValue(parsing: python.stdoutText)
        #expect(result["metadata"]?["kind"] == "test")
        #expect(result["metadata"]?["format_version"] == "3")
        #expect(result["metadata"]?["config"] == #"{"dim":2,"note":"é/ü"}"#)
        func values(_ name: String) -> [String] { result["tensors"]?[name]?["values"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(result["tensors"]?["weights"]?["dtype"] == "float32")
        #expect(result["tensors"]?["weights"]?["shape"] == [3, 2])
        // float32 values widened to Python floats: compare with the same widening in Swift.
        #expect(values("weights") == floats.map { JSONNumber(Double($0))!.text })
        #expect(values("ids") == ["-9007199254740993", "0", "42"])
        #expect(values("bytes") == ["0", "255", "7"])
        #expect(values("doubles") == ["1e+300", "-0.0"])
        #expect(result["tensors"]?["i32"]?["shape"] == [1, 2, 1])
        #expect(result["tensors"]?["i32"]?["dtype"] == "int32")
    }

    @Test func swiftReadsWhatPythonWrites() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("python.safetensors")
        let script = """
        import json, sys
        import numpy as np
        from safetensors.numpy import save_file
        save_file({
            "embedding": (np.arange(12, dtype=np.float32) * 0.25 - 1).reshape(4, 3),
            "counts": np.array([10**15, -3, 0], dtype=np.int64),
            "mask": np.array([1, 0, 1], dtype=np.uint8),
            "half": np.array([0.5, -1.0], dtype=np.float16),
            "grid": np.arange(6, dtype=np.float64).reshape(1, 2, 3) / 8,
            "small": np.array([-7, 7], dtype=np.int16),
            "empty": np.zeros((0, 5), dtype=np.float32),
            "scalar": np.array(2.5, dtype=np.float32),
        }, sys.argv[1], metadata={"kind": "embeddings", "format_version": "1", "config": json.dumps({"dim": 3})})
        """
        let python = try Subprocess.python(script, arguments: [path])
        #expect(python.status == 0, "\(python.stderrText)")
        let reader = try ArchiveReader(path: path)
        #expect(try reader.require(kind: "embeddings", supportedVersion: 1) == 1)
        #expect(try reader.config() == ["dim": 3])
        #expect(try reader.info("embedding").shape == [4, 3])
        #expect(try reader.array("embedding", as: Float.self) == (0..<12).map { Float($0) * 0.25 - 1 })
        #expect(try reader.array("counts", as: Int64.self) == [1_000_000_000_000_000, -3, 0])
        #expect(try reader.array("mask", as: UInt8.self) == [1, 0, 1])
        #expect(try reader.array("half", as: Float16.self) == [0.5, -1])
        #expect(try reader.info("grid").shape == [1, 2, 3])
        #expect(try reader.array("grid", as: Double.self) == (0..<6).map { Double($0) / 8 })
        #expect(try reader.array("small", as: Int16.self) == [-7, 7])
        #expect(try reader.info("empty").shape == [0, 5])
        #expect(try reader.info("scalar").shape == [])
        #expect(try reader.array("scalar", as: Float.self) == [2.5])
        #expect(reader.tensors.count == 8)
    }
}

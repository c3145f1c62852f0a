import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs real programs for CLI and cross-implementation tests.
public enum Subprocess {
    /// The folder holding the built executables: the test bundle sits next to them.
    public static let productsDirectory: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The XCTest bundle is `…/debug/nlpipePackageTests.xctest`; Swift Testing may run it directly.
        while dir.path != "/" {
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("tokenize").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent()
    }()

    /// The path of one of nlpipe's built programs.
    public static func product(_ name: String) -> String {
        productsDirectory.appendingPathComponent(name).path
    }

    /// Runs `executable` with `arguments`, feeding `stdin`, and collects both output streams.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String] = [], stdin: Data = Data(),
                           environment: [String: String]? = nil,
                           currentDirectory: URL? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Drain both outputs concurrently with feeding input, so large outputs never deadlock.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        for (handle, box) in [(outPipe.fileHandleForReading, outBox), (errPipe.fileHandleForReading, errBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = handle.readDataToEndOfFile()
                group.leave()
            }
        }
        let writer = inPipe.fileHandleForWriting
        do { try writer.write(contentsOf: stdin) } catch { /* the program may exit before reading all */ }
        try? writer.close()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: outBox.data, stderr: errBox.data)
    }

    /// Runs one of nlpipe's own programs.
    @discardableResult
    public static func nlpipe(_ name: String, _ arguments: [String] = [], stdin: String = "",
                              currentDirectory: URL? = nil) throws -> ProcessResult {
        try run(product(name), arguments, stdin: Data(stdin.utf8), currentDirectory: currentDirectory)
    }

    /// Runs a Python 3 script (for comparisons with numpy, safetensors and sacrebleu).
    @discardableResult
    public static func python(_ script: String, arguments: [String] = [], stdin: Data = Data()) throws -> ProcessResult {
        try run("/usr/bin/env", ["python3", "-c", script] + arguments, stdin: stdin)
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

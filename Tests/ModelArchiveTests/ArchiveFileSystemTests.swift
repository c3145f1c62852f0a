import Foundation
import Testing
import Diagnostics
import ModelArchive

/// Opening and writing files: error kinds for missing, unreadable and unwritable paths, and the
/// atomic replacement that never leaves partial or temporary files.
struct ArchiveFileSystemTests {
    func writer() throws -> ArchiveWriter {
        var writer = ArchiveWriter(kind: "test", formatVersion: 1)
        try writer.add("v", [Float](arrayLiteral: 1, 2))
        return writer
    }

    @Test func aMissingFileIsNoInput() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("absent.nlpipe")
        #expect(throws: ArchiveError(.noInput, path: path, "no such file")) { try ArchiveReader(path: path) }
        let through = folder.path("absent/inner.nlpipe")
        #expect(throws: ArchiveError(.noInput, path: through, "no such file")) { try ArchiveReader(path: through) }
    }

    @Test func aDirectoryIsNoInput() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: ArchiveError(.noInput, path: folder.url.path, "is a directory, not a model file")) {
            try ArchiveReader(path: folder.url.path)
        }
    }

    @Test func writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("model.nlpipe")
        try Data("old contents".utf8).write(to: URL(fileURLWithPath: path))
        let old = try ArchiveReader(bytes: try writer().serialized())  // unrelated reader stays valid
        try writer().write(to: path)
        #expect(try folder.contents() == ["model.nlpipe"])
        #expect(try ArchiveReader(path: path).array("v", as: Float.self) == [1, 2])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(try writer().serialized()))
        _ = old
    }

    @Test func anOpenReaderKeepsTheOldContentsWhenTheFileIsReplaced() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("model.nlpipe")
        try writer().write(to: path)
        let reader = try ArchiveReader(path: path)
        var other = ArchiveWriter(kind: "test", formatVersion: 1)
        try other.add("v", [Float](arrayLiteral: 9, 9, 9))
        try other.write(to: path)
        #expect(try reader.array("v", as: Float.self) == [1, 2])
        #expect(try ArchiveReader(path: path).array("v", as: Float.self) == [9, 9, 9])
    }

    @Test func aMissingFolderIsAnIOErrorAndCreatesNothing() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("no/such/folder/model.nlpipe")
        do {
            try writer().write(to: path)
            Issue.record("wrote into a missing folder")
        } catch let error as ArchiveError {
            #expect(error.kind == .io)
            #expect(error.description.hasPrefix(path + ": cannot write"))
            #expect(error.message.contains("does not exist"))
        }
        #expect(try folder.contents() == [])
    }

    @Test func aDirectoryInTheWayIsAnIOErrorAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("taken")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: ArchiveError(.io, path: path, "cannot write: is a directory")) { try writer().write(to: path) }
        #expect(try folder.contents() == ["taken"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
    }

    @Test func aPathEndingInASlashIsRefused() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: ArchiveError.self) { try writer().write(to: folder.url.path + "/") }
        #expect(try folder.contents() == [])
    }
}

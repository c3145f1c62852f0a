extension ArchiveWriter {
    /// Writes the archive to `path` atomically (see `AtomicFile.write(to:pieces:)`): a temporary
    /// file beside it, fsynced and renamed, so an interrupted write never leaves a partial `path`.
    ///
    /// Throws `.io` naming `path` when the folder is missing or not writable, the disk is full, or
    /// `path` is a directory; the temporary file is removed first, so nothing is left behind.
    public func write(to path: String) throws {
        try AtomicFile.write(to: path, pieces: forEachPiece)
    }
}

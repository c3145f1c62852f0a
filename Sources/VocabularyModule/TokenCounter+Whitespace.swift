extension TokenCounter {
    /// Counts the whitespace-separated tokens of `chunk`, a piece of a longer stream; call
    /// `finishCounting(_:)` with the same splitter after the last chunk.
    public mutating func countWhitespaceSeparated(_ chunk: UnsafeRawBufferPointer, splitter: inout WhitespaceSplitter) {
        makeUnique()
        let table = self.table
        var added = 0
        splitter.split(chunk) { token in
            table.add(token.baseAddress, token.count, 1)
            added += 1
        }
        totalCount &+= added
    }

    /// Counts the token held back by `splitter` at the end of the stream.
    public mutating func finishCounting(_ splitter: inout WhitespaceSplitter) {
        makeUnique()
        let table = self.table
        var added = 0
        splitter.finish { token in
            table.add(token.baseAddress, token.count, 1)
            added += 1
        }
        totalCount &+= added
    }
}

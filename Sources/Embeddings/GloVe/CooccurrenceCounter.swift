import Diagnostics

/// Counts weighted co-occurrences (see `CooccurrenceOptions`) of a stream of vocabulary ids in
/// bounded memory, as Stanford's `cooccur -memory` does: pairs of two of the `denseSide` most
/// frequent words go to a dense array (most pairs, by Zipf's law), the rest to a hash table of
/// fixed size; when the table is full its entries are sorted and spilled to a temporary file
/// (a run), and at the end all runs are merged, adding equal pairs. Every count is an integer
/// (units of 1/lcm(1…window)), so spilling changes nothing: the result equals counting in memory.
///
/// Cost: window (×2 when symmetric) additions per token; memory: `denseSide`² × 8 bytes plus
/// 16 bytes per table slot, fixed at creation. The temporary files are unlinked as soon as they
/// are made (see `TemporaryFile`), so nothing is ever left behind.
public final class CooccurrenceCounter {
    public let options: CooccurrenceOptions
    public let vocabularySize: Int
    let denseSide: Int
    private var dense: UnsafeMutablePointer<UInt64>?
    private var table: CooccurrenceTable?
    private let weights: UnsafeMutablePointer<UInt64>
    private let history: UnsafeMutablePointer<Int32>
    private var position = 0
    /// The most slots the table may have; it starts smaller and doubles while old and new fit.
    let maximumTableEntries: Int
    let directory: String
    private(set) var runs: [CooccurrenceRun] = []
    /// At most this many runs are kept; more are merged into one first (open files, merge buffers).
    static let maximumRuns = 64
    /// Vocabulary words counted.
    public private(set) var tokens = 0
    /// How many times the table was full and spilled to disk.
    public private(set) var spills = 0

    /// A counter for ids 0..<`vocabularySize`, with a hash table of up to `tableEntries` slots and a
    /// dense block for ids below `denseSide`, spilling to files in `temporaryDirectory`.
    /// Throws `.io` when the directory is not writable (checked at once, not at the first spill).
    public init(vocabularySize: Int, options: CooccurrenceOptions, tableEntries: Int, denseSide: Int,
                temporaryDirectory: String) throws {
        try options.validate()
        self.options = options
        self.vocabularySize = vocabularySize
        self.denseSide = max(0, min(denseSide, vocabularySize))
        directory = temporaryDirectory
        _ = try TemporaryFile(directory: temporaryDirectory, prefix: "nlpipe-check")
        let side = self.denseSide
        if side > 0 {
            dense = .allocate(capacity: side * side)
            dense!.initialize(repeating: 0, count: side * side)
        }
        maximumTableEntries = max(4, tableEntries)
        table = CooccurrenceTable(capacity: min(maximumTableEntries, 1 << 20))
        let w = options.weights
        weights = .allocate(capacity: w.count)
        weights.initialize(from: w, count: w.count)
        history = .allocate(capacity: options.window)
        history.initialize(repeating: 0, count: options.window)
    }

    deinit {
        dense?.deallocate()
        weights.deallocate()
        history.deallocate()
    }

    /// The bytes a counter with these sizes allocates.
    public static func memoryBytes(tableEntries: Int, denseSide: Int) -> Int {
        denseSide * denseSide * 8 + max(4, tableEntries) * MemoryLayout<CooccurrenceEntry>.stride
            + maximumRuns * CooccurrenceRun.readerBytes
    }

    @inline(__always)
    private func addPair(_ row: Int32, _ column: Int32, _ amount: UInt64) throws {
        if Int(row) < denseSide && Int(column) < denseSide {
            dense![Int(row) * denseSide + Int(column)] &+= amount
            return
        }
        let table = self.table!
        if table.isFull {
            // Old and new tables must fit in the bound together while entries move.
            let target = min(2 * table.capacity, maximumTableEntries - table.capacity)
            if target > table.capacity + table.capacity / 4 {
                table.grow(to: target)
            } else {
                try spill()
                spills += 1
            }
        }
        table.add(UInt64(UInt32(bitPattern: row)) << 32 | UInt64(UInt32(bitPattern: column)), amount)
    }

    /// Adds the next word (a vocabulary id; drop out-of-vocabulary words before calling).
    @inline(__always)
    public func add(_ word: Int32) throws {
        precondition(word >= 0 && Int(word) < vocabularySize, "word id out of range")
        let window = options.window
        let reach = min(position, window)
        var slot = position % window
        for distance in stride(from: 1, through: reach, by: 1) {
            slot = slot == 0 ? window - 1 : slot - 1
            let context = history[slot]
            let amount = weights[distance]
            try addPair(context, word, amount)
            if options.symmetric { try addPair(word, context, amount) }
        }
        history[position % window] = word
        position += 1
        tokens += 1
    }

    /// Ends a line: no pair spans this point.
    public func endSentence() {
        position = 0
    }

    /// Sorts the table's entries into a new run and empties the table.
    private func spill() throws {
        guard let table, table.count > 0 else { return }
        let entries = table.sortedEntries()
        let run = try CooccurrenceRun(directory: directory)
        try run.append(UnsafeBufferPointer(entries))
        table.clear()
        runs.append(run)
        if runs.count >= Self.maximumRuns { try compactRuns() }
    }

    /// Merges all runs into one.
    private func compactRuns() throws {
        let merged = try CooccurrenceRun(directory: directory)
        try CooccurrenceMerger(runs.map { $0.reader() }).forEach { try merged.append($0) }
        try merged.flush()
        runs = [merged]
    }

    /// Ends counting: spills the table and the dense block as runs and frees them; returns the
    /// sorted merge of all counts. The counter cannot count any more.
    func finish() throws -> CooccurrenceMerger {
        try spill()
        table = nil
        if let dense {
            let run = try CooccurrenceRun(directory: directory)
            for row in 0..<denseSide {
                for column in 0..<denseSide {
                    let count = dense[row * denseSide + column]
                    if count != 0 { try run.append(CooccurrenceEntry(row: Int32(row), column: Int32(column), count: count)) }
                }
            }
            try run.flush()
            dense.deallocate()
            self.dense = nil
            if run.count > 0 { runs.append(run) }
        }
        return CooccurrenceMerger(runs.map { $0.reader() })
    }

    /// Every count, sorted by (row, column) (for tests and small corpora: all in memory).
    public func sortedCounts() throws -> [CooccurrenceEntry] {
        var all: [CooccurrenceEntry] = []
        try finish().forEach { all.append($0) }
        return all
    }
}

extension CooccurrenceCounter {
    /// Counts a spooled corpus: its tokens in order, dropping words outside the vocabulary,
    /// a line ending the window. Reports `tokens` progress about every 4M ids.
    public func count(_ corpus: TrainingCorpus, progress: any Diagnostics.ProgressReporting = SilentProgress()) throws {
        let chunk = 1 << 16
        let ids = UnsafeMutablePointer<Int32>.allocate(capacity: chunk)
        defer { ids.deallocate() }
        let total = corpus.spool.count
        var position = 0
        var reported = 0
        let remap = corpus.remap
        while position < total {
            let n = try corpus.spool.read(at: position, into: ids, count: chunk)
            if n == 0 { break }
            for k in 0..<n {
                let raw = ids[k]
                if raw == TokenIDSpool.endOfSequence { endSentence(); continue }
                if raw < 0 { continue }
                let word = remap?[Int(raw)] ?? raw
                if word >= 0 { try add(word) }
            }
            position += n
            if position - reported >= 1 << 22 {
                reported = position
                progress.progress(done: position, total: total, unit: "tokens", metrics: [("spills", Double(spills))])
            }
        }
    }
}

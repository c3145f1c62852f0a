#if canImport(Glibc)
import Glibc
#endif
import Diagnostics

/// Counts weighted co-occurrences (see `CooccurrenceOptions`) of a stream of vocabulary ids in
/// bounded memory, as Stanford's `cooccur -memory` does: a pair (i, j) whose frequency ranks
/// have a small product, (i + 1)(j + 1) < P, goes to a dense array with one row per word (row i
/// holds columns 0..<min(V, P/(i + 1)): most pairs by Zipf's law, and the hot rows stay in cache),
/// the rest to a hash table of bounded size; when the table is full its entries are sorted and
/// spilled to a temporary file
/// (a run), and at the end all runs are merged, adding equal pairs. Every count is an integer
/// (units of 1/lcm(1…window)), so spilling changes nothing: the result equals counting in memory.
///
/// Cost: window (×2 when symmetric) additions per token; memory: 8 bytes per dense entry
/// (allocated zeroed by the system, so untouched pages cost nothing) plus 16 bytes per table slot. The temporary files are unlinked as soon as they
/// are made (see `TemporaryFile`), so nothing is ever left behind.
public final class CooccurrenceCounter {
    public let options: CooccurrenceOptions
    public let vocabularySize: Int
    /// P: pairs with (i + 1)(j + 1) < P are dense.
    let maximumProduct: Int
    /// Where each dense row starts (V + 1 offsets; row i has rowStart[i+1] − rowStart[i] columns).
    private let rowStart: UnsafeMutablePointer<Int>
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
    /// dense array of at most `denseEntries` counts, spilling to files in `temporaryDirectory`.
    /// Throws `.io` when the directory is not writable (checked at once, not at the first spill).
    public init(vocabularySize: Int, options: CooccurrenceOptions, tableEntries: Int, denseEntries: Int,
                temporaryDirectory: String) throws {
        try options.validate()
        self.options = options
        self.vocabularySize = vocabularySize
        maximumProduct = Self.maximumProduct(vocabularySize: vocabularySize, entries: denseEntries)
        directory = temporaryDirectory
        _ = try TemporaryFile(directory: temporaryDirectory, prefix: "nlpipe-check")
        rowStart = .allocate(capacity: vocabularySize + 1)
        rowStart[0] = 0
        for i in 0..<vocabularySize { rowStart[i + 1] = rowStart[i] + min(vocabularySize, maximumProduct / (i + 1)) }
        if rowStart[vocabularySize] > 0 {
            guard let zeroed = calloc(rowStart[vocabularySize], 8) else {
                throw Failure(.other, "cannot allocate \(rowStart[vocabularySize]) co-occurrence counts")
            }
            dense = zeroed.bindMemory(to: UInt64.self, capacity: rowStart[vocabularySize])
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
        free(dense)
        rowStart.deallocate()
        weights.deallocate()
        history.deallocate()
    }

    /// The bytes a counter with these sizes allocates.
    public static func memoryBytes(tableEntries: Int, denseEntries: Int) -> Int {
        denseEntries * 8 + max(4, tableEntries) * MemoryLayout<CooccurrenceEntry>.stride
            + maximumRuns * CooccurrenceRun.readerBytes
    }

    /// The largest P whose dense rows, Σᵢ min(V, P/(i + 1)), fit in `entries`.
    static func maximumProduct(vocabularySize v: Int, entries: Int) -> Int {
        func size(_ p: Int) -> Int {
            var total = 0
            for i in 0..<v {
                let length = min(v, p / (i + 1))
                if length == 0 { break }
                total += length
            }
            return total
        }
        var (low, high) = (0, v * v + 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if size(middle) <= entries { low = middle } else { high = middle - 1 }
        }
        return low
    }

    @inline(__always)
    private func addPair(_ row: Int32, _ column: Int32, _ amount: UInt64) throws {
        let start = rowStart[Int(row)]
        if Int(column) < rowStart[Int(row) + 1] - start {
            dense![start + Int(column)] &+= amount
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
            for row in 0..<vocabularySize {
                for column in 0..<(rowStart[row + 1] - rowStart[row]) {
                    let count = dense[rowStart[row] + column]
                    if count != 0 { try run.append(CooccurrenceEntry(row: Int32(row), column: Int32(column), count: count)) }
                }
            }
            try run.flush()
            free(dense)
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

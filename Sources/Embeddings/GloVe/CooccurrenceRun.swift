import Diagnostics

/// A sorted stream of co-occurrence entries with distinct keys: a spilled run, a shard file, or
/// the merge of several.
protocol CooccurrenceSource: AnyObject {
    /// The next entry in increasing key order, or nil at the end.
    func next() throws -> CooccurrenceEntry?
}

/// Sorted entries with distinct keys in a `TemporaryFile`, 16 bytes each: a block the counter
/// spilled (`cooccur`'s `overflow_NNNN.bin`), or a merge of such blocks.
final class CooccurrenceRun {
    let file: TemporaryFile
    private(set) var count = 0
    private var buffer: [CooccurrenceEntry] = []
    static let bufferEntries = 1 << 14

    init(directory: String) throws {
        file = try TemporaryFile(directory: directory, prefix: "nlpipe-cooccur")
    }

    /// Appends entries (already sorted, keys above the last one appended).
    func append(_ entries: UnsafeBufferPointer<CooccurrenceEntry>) throws {
        try file.append(UnsafeRawBufferPointer(entries))
        count += entries.count
    }

    /// Appends one entry through a small buffer (call `flush` at the end).
    func append(_ entry: CooccurrenceEntry) throws {
        if buffer.count == Self.bufferEntries { try flush() }
        buffer.append(entry)
    }

    func flush() throws {
        try buffer.withUnsafeBufferPointer { try append($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A reader from the start, with a buffer of `bufferEntries` entries (256 KB).
    func reader() -> RunReader { RunReader(self) }

    /// Memory a reader takes.
    static var readerBytes: Int { bufferEntries * MemoryLayout<CooccurrenceEntry>.stride }
}

/// Reads a `CooccurrenceRun` front to back.
final class RunReader: CooccurrenceSource {
    let run: CooccurrenceRun
    private let buffer: UnsafeMutablePointer<CooccurrenceEntry>
    private var filled = 0
    private var position = 0
    private var nextEntry = 0

    init(_ run: CooccurrenceRun) {
        self.run = run
        buffer = .allocate(capacity: CooccurrenceRun.bufferEntries)
    }

    deinit { buffer.deallocate() }

    func next() throws -> CooccurrenceEntry? {
        if position == filled {
            let want = min(CooccurrenceRun.bufferEntries, run.count - nextEntry)
            if want <= 0 { return nil }
            try run.file.read(want, from: nextEntry, into: buffer, what: "temporary co-occurrence file")
            nextEntry += want
            filled = want
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }
}

/// Merges sorted sources into one sorted stream, adding the counts of equal keys: the k-way
/// merge of `cooccur`'s `merge_files` with a binary heap, O(n log k). Integer counts make the
/// result independent of how the pairs were split among the sources.
final class CooccurrenceMerger: CooccurrenceSource {
    private var sources: [any CooccurrenceSource]
    /// (entry, source index), a min-heap on (key, source).
    private var heap: [(CooccurrenceEntry, Int)] = []
    private var started = false

    init(_ sources: [any CooccurrenceSource]) {
        self.sources = sources
    }

    private func less(_ a: (CooccurrenceEntry, Int), _ b: (CooccurrenceEntry, Int)) -> Bool {
        a.0.key != b.0.key ? a.0.key < b.0.key : a.1 < b.1
    }

    private func push(_ item: (CooccurrenceEntry, Int)) {
        heap.append(item)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if !less(heap[child], heap[parent]) { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popTop() -> (CooccurrenceEntry, Int) {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= heap.count { break }
                var smallest = left
                if left + 1 < heap.count && less(heap[left + 1], heap[left]) { smallest = left + 1 }
                if !less(heap[smallest], heap[parent]) { break }
                heap.swapAt(smallest, parent)
                parent = smallest
            }
        }
        return top
    }

    private func advance(_ source: Int) throws {
        if let entry = try sources[source].next() { push((entry, source)) }
    }

    func next() throws -> CooccurrenceEntry? {
        if !started {
            started = true
            for s in sources.indices { try advance(s) }
        }
        guard !heap.isEmpty else { return nil }
        let (first, source) = popTop()
        var merged = first
        try advance(source)
        while let top = heap.first, top.0.key == merged.key {
            let (entry, s) = popTop()
            let (sum, overflow) = merged.count.addingReportingOverflow(entry.count)
            if overflow { throw Failure(.badData, "a co-occurrence count overflows 64 bits") }
            merged.count = sum
            try advance(s)
        }
        return merged
    }

    /// Calls `body` with every merged entry in order.
    func forEach(_ body: (CooccurrenceEntry) throws -> Void) throws {
        while let entry = try next() { try body(entry) }
    }
}

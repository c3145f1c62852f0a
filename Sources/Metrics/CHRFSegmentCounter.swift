import JSONCore

/// Computes chrF's per-segment statistics (sacreBLEU `CHRF._extract_reference_info` and
/// `_compute_segment_statistics`) with integer n-gram ids. One per worker; not thread-safe.
///
/// Character n-grams are interned as (prefix id, code point) pairs and word n-grams as (prefix
/// id, word id), so equal n-grams share an id. The references' n-grams are inserted, the
/// hypothesis's looked up; then, reference by reference, clipped matches are counted through
/// per-id counters stamped with the reference index, and the reference with the best sentence
/// F-score is kept. O((chars × charOrder + words × wordOrder) × references) per segment.
final class CHRFSegmentCounter {
    private let preprocessing = PreprocessingWorkspace()
    private let state: Pinned<State>

    init(configuration: CHRF) {
        state = Pinned(State(configuration: configuration)) { $0.free() }
    }

    /// Writes the statistics row of one segment: the best reference's [hyp, ref, match] triples.
    func count(hypothesis: UnsafeBufferPointer<UInt8>, referenceCount: Int,
               reference: (Int) -> UnsafeBufferPointer<UInt8>?, into row: UnsafeMutablePointer<Int>) {
        state.pointer.pointee.count(hypothesis: hypothesis, referenceCount: referenceCount, reference: reference,
                                    preprocessing: preprocessing, into: row)
    }

    /// `string.punctuation`, which chrF++ splits off words.
    @inline(__always)
    static func isPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    /// The hot state, reached through a stable pointer.
    struct State {
        let configuration: CHRF
        var tables = NgramTables()
        var scalars = RawBuffer<UInt32>()
        var words = RawBuffer<Int32>()
        var level = RawBuffer<Int32>()
        var nextLevel = RawBuffer<Int32>()
        /// Reference n-gram ids, grouped by reference then order; `referenceRanges` holds, per
        /// reference, its start and then the end of each order.
        var referenceIds = RawBuffer<Int32>()
        var referenceRanges = RawBuffer<Int>()
        var hypothesisIds = RawBuffer<Int32>()
        var hypothesisRanges = RawBuffer<Int>()
        var refCount = RawBuffer<Int32>()
        var refStamp = RawBuffer<Int32>()
        var hypCount = RawBuffer<Int32>()
        var hypStamp = RawBuffer<Int32>()
        var candidate: [Int]

        init(configuration: CHRF) {
            self.configuration = configuration
            candidate = [Int](repeating: 0, count: configuration.statisticsWidth)
        }

        func free() {
            tables.free(); scalars.free(); words.free(); level.free(); nextLevel.free()
            referenceIds.free(); referenceRanges.free(); hypothesisIds.free(); hypothesisRanges.free()
            refCount.free(); refStamp.free(); hypCount.free(); hypStamp.free()
        }

        /// Appends the ids of all n-grams of one preprocessed line to `ids`, order by order,
        /// with each order's end in `ranges`. Inserts when `insert`; otherwise −1 marks n-grams
        /// absent from the references.
        private mutating func collect(_ text: UnsafeBufferPointer<UInt8>, insert: Bool,
                                      into ids: inout RawBuffer<Int32>, ranges: inout RawBuffer<Int>) {
            // extract_all_char_ngrams: the code points, without whitespace unless asked.
            scalars.removeAll()
            words.removeAll()
            if let base = text.baseAddress {
                let readable = base + text.count
                let keepWhitespace = configuration.whitespace
                var i = 0
                while i < text.count {
                    let (scalar, length) = ValidUTF8.decode(base, i)
                    if keepWhitespace || !PythonText.isWhitespace(scalar) { scalars.append(scalar) }
                    i += length
                }
                if configuration.wordOrder > 0 {
                    // _remove_punctuation: split off one trailing, else one leading, punctuation mark.
                    PythonText.forEachToken(base, text.count) { start, end in
                        if end - start == ValidUTF8.sequenceLength(base[start]) {
                            words.append(tables.token(base + start, end - start, readable: readable, insert: insert))
                        } else if CHRFSegmentCounter.isPunctuation(base[end - 1]) {
                            words.append(tables.token(base + start, end - 1 - start, readable: readable, insert: insert))
                            words.append(tables.token(base + end - 1, 1, readable: readable, insert: insert))
                        } else if CHRFSegmentCounter.isPunctuation(base[start]) {
                            words.append(tables.token(base + start, 1, readable: readable, insert: insert))
                            words.append(tables.token(base + start + 1, end - start - 1, readable: readable, insert: insert))
                        } else {
                            words.append(tables.token(base + start, end - start, readable: readable, insert: insert))
                        }
                    }
                }
            }
            // Character n-grams: unigrams are (characterPrefix, code point).
            if configuration.charOrder > 0 {
                level.removeAll()
                for k in 0..<scalars.count {
                    level.append(tables.pair(NgramTables.characterPrefix, scalars[k], insert: insert))
                }
                extend(units: scalars.base, unitsAreIds: false, orders: configuration.charOrder, insert: insert,
                       into: &ids, ranges: &ranges)
            }
            // Word n-grams: unigrams are the word ids.
            if configuration.wordOrder > 0 {
                level.removeAll()
                for k in 0..<words.count { level.append(words[k]) }
                words.base.withMemoryRebound(to: UInt32.self, capacity: max(words.count, 1)) { units in
                    extend(units: units, unitsAreIds: true, orders: configuration.wordOrder, insert: insert,
                           into: &ids, ranges: &ranges)
                }
            }
        }

        /// From the unigram ids in `level`, appends the ids of orders 1…`orders`: order n extends
        /// each (n − 1)-gram by the unit after it (a unit that is an id of −1, an unknown word,
        /// makes the n-gram unknown).
        private mutating func extend(units: UnsafeMutablePointer<UInt32>, unitsAreIds: Bool, orders: Int,
                                     insert: Bool, into ids: inout RawBuffer<Int32>, ranges: inout RawBuffer<Int>) {
            for n in 1...orders {
                if n > 1 {
                    nextLevel.removeAll()
                    for i in 0..<max(0, level.count - 1) {
                        let prefix = level[i]
                        let unit = units[i + n - 1]
                        var next: Int32 = -1
                        if prefix >= 0 && !(unitsAreIds && Int32(bitPattern: unit) < 0) {
                            next = tables.pair(prefix, unit, insert: insert)
                        }
                        nextLevel.append(next)
                    }
                    swap(&level, &nextLevel)
                }
                ids.reserve(ids.count + level.count)
                for k in 0..<level.count { ids.append(level[k]) }
                ranges.append(ids.count)
            }
        }

        private mutating func growCounts() {
            let needed = Int(tables.idCount)
            if refCount.count < needed {
                refCount.extend(to: needed, with: 0)
                refStamp.extend(to: needed, with: -1)
                hypCount.extend(to: needed, with: 0)
                hypStamp.extend(to: needed, with: -1)
            }
        }

        mutating func count(hypothesis: UnsafeBufferPointer<UInt8>, referenceCount: Int,
                            reference: (Int) -> UnsafeBufferPointer<UInt8>?,
                            preprocessing: PreprocessingWorkspace, into row: UnsafeMutablePointer<Int>) {
            let orders = configuration.orderCount
            let lowercase = configuration.lowercase
            for id in 0..<Int(tables.idCount) {
                refStamp[id] = -1
                hypStamp[id] = -1
            }
            tables.reset()
            referenceIds.removeAll()
            referenceRanges.removeAll()
            var present = 0
            for k in 0..<referenceCount {
                guard let line = reference(k) else { continue }
                referenceRanges.append(referenceIds.count)
                // The buffers share memory when copied; work on the copies, then store them back.
                var ids = referenceIds, ranges = referenceRanges
                collect(preprocessing.chrfText(line, lowercase: lowercase), insert: true, into: &ids, ranges: &ranges)
                referenceIds = ids
                referenceRanges = ranges
                present += 1
            }
            hypothesisIds.removeAll()
            hypothesisRanges.removeAll()
            hypothesisRanges.append(0)
            var ids = hypothesisIds, ranges = hypothesisRanges
            collect(preprocessing.chrfText(hypothesis, lowercase: lowercase), insert: false, into: &ids, ranges: &ranges)
            hypothesisIds = ids
            hypothesisRanges = ranges
            growCounts()

            let refCounts = refCount.base, refStamps = refStamp.base
            let hypCounts = hypCount.base, hypStamps = hypStamp.base
            var bestScore = -1.0
            for r in 0..<present {
                let stamp = Int32(r)
                let base = r * (orders + 1)
                for index in referenceRanges[base]..<referenceRanges[base + orders] {
                    let j = Int(referenceIds[index])
                    if refStamps[j] != stamp { refStamps[j] = stamp; refCounts[j] = 0 }
                    refCounts[j] += 1
                }
                for o in 0..<orders {
                    let refTotal = referenceRanges[base + o + 1] - referenceRanges[base + o]
                    let hypStart = hypothesisRanges[o], hypEnd = hypothesisRanges[o + 1]
                    var matches = 0
                    for index in hypStart..<hypEnd {
                        let id = hypothesisIds[index]
                        if id < 0 { continue }
                        let j = Int(id)
                        if hypStamps[j] != stamp { hypStamps[j] = stamp; hypCounts[j] = 0 }
                        hypCounts[j] += 1
                        let available = refStamps[j] == stamp ? refCounts[j] : 0
                        if hypCounts[j] <= available { matches += 1 }
                    }
                    candidate[3 * o] = refTotal > 0 ? hypEnd - hypStart : 0
                    candidate[3 * o + 1] = refTotal
                    candidate[3 * o + 2] = matches
                }
                let f = candidate.withUnsafeBufferPointer { configuration.fScore($0) }
                if f > bestScore {
                    bestScore = f
                    for j in 0..<candidate.count { row[j] = candidate[j] }
                }
            }
        }
    }
}

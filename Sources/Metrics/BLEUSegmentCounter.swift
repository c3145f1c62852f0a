/// Computes BLEU's per-segment statistics (sacreBLEU `BLEU._extract_reference_info` and
/// `_compute_segment_statistics`) with integer n-gram ids. One per worker; not thread-safe.
///
/// For a segment: each reference is preprocessed, its tokens and n-grams interned, and
/// `refMax[id]` keeps the largest count of each n-gram in any one reference. The hypothesis's
/// n-grams are only looked up (one absent prefix means all its extensions are absent); every
/// occurrence raises the n-gram's hypothesis count and is a match while that count is at most
/// `refMax`, so the matches sum to Σ min(hyp count, max ref count), sacreBLEU's clipping.
/// Time O(tokens × N) per segment; no allocation once the buffers have grown.
final class BLEUSegmentCounter {
    private let preprocessing = PreprocessingWorkspace()
    private let state: Pinned<State>

    init(configuration: BLEU) {
        state = Pinned(State(configuration: configuration)) { $0.free() }
    }

    /// Writes the statistics row `[sys_len, ref_len, correct₁…N, total₁…N]` of one segment.
    /// `reference(k)` gives the k-th reference (nil if missing); at least one must be present.
    func count(hypothesis: UnsafeBufferPointer<UInt8>, referenceCount: Int,
               reference: (Int) -> UnsafeBufferPointer<UInt8>?, into row: UnsafeMutablePointer<Int>) {
        state.pointer.pointee.count(hypothesis: hypothesis, referenceCount: referenceCount, reference: reference,
                                    preprocessing: preprocessing, into: row)
    }

    /// The hot state, reached through a stable pointer.
    struct State {
        let configuration: BLEU
        var tables = NgramTables()
        var refMax = RawBuffer<Int32>()
        var refCurrent = RawBuffer<Int32>()
        var refStamp = RawBuffer<Int32>()
        var hypCount = RawBuffer<Int32>()
        var tokenIds = RawBuffer<Int32>()
        var ngramIds = RawBuffer<Int32>()
        var referenceLengths = RawBuffer<Int>()
        var correct: RawBuffer<Int>

        init(configuration: BLEU) {
            self.configuration = configuration
            correct = RawBuffer(capacity: configuration.maxNgramOrder)
            correct.extend(to: configuration.maxNgramOrder, with: 0)
        }

        func free() {
            tables.free(); refMax.free(); refCurrent.free(); refStamp.free(); hypCount.free()
            tokenIds.free(); ngramIds.free(); referenceLengths.free(); correct.free()
        }

        /// Interns the tokens of one preprocessed line into `tokenIds` (inserting, or only
        /// looking up) and returns their number.
        private mutating func internTokens(_ line: PreprocessedLine, insert: Bool) -> Int {
            tokenIds.removeAll()
            guard let base = line.text.baseAddress else { return 0 }
            let readable = base + line.text.count
            let bounds = line.bounds
            tokenIds.reserve(line.tokenCount)
            var k = 0
            while k < bounds.count {
                let start = Int(bounds[k]), end = Int(bounds[k + 1])
                tokenIds.append(tables.token(base + start, end - start, readable: readable, insert: insert))
                k += 2
            }
            return tokenIds.count
        }

        /// Makes the per-id count arrays cover every id handed out so far.
        private mutating func growCounts() {
            let needed = Int(tables.idCount)
            if refMax.count < needed {
                refMax.extend(to: needed, with: 0)
                refCurrent.extend(to: needed, with: 0)
                refStamp.extend(to: needed, with: -1)
                hypCount.extend(to: needed, with: 0)
            }
        }

        mutating func count(hypothesis: UnsafeBufferPointer<UInt8>, referenceCount: Int,
                            reference: (Int) -> UnsafeBufferPointer<UInt8>?,
                            preprocessing: PreprocessingWorkspace, into row: UnsafeMutablePointer<Int>) {
            let order = configuration.maxNgramOrder
            let lowercase = configuration.lowercase, tokenizer = configuration.tokenizer
            // Forget the previous segment: ids restart at zero.
            for id in 0..<Int(tables.idCount) {
                refMax[id] = 0
                hypCount[id] = 0
                refStamp[id] = -1
            }
            tables.reset()
            referenceLengths.removeAll()

            // References first: their n-grams are inserted, so the hypothesis's lookups find them.
            var stamp: Int32 = 0
            for k in 0..<referenceCount {
                guard let line = reference(k) else { continue }
                let length = internTokens(preprocessing.bleuTokens(line, lowercase: lowercase, tokenizer: tokenizer),
                                          insert: true)
                ngramIds.removeAll()
                for i in 0..<length {
                    var id = tokenIds[i]
                    ngramIds.append(id)
                    var n = 1
                    while n < order && i + n < length {
                        id = tables.pair(id, UInt32(bitPattern: tokenIds[i + n]), insert: true)
                        ngramIds.append(id)
                        n += 1
                    }
                }
                growCounts()
                let maxima = refMax.base, current = refCurrent.base, stamps = refStamp.base
                for k in 0..<ngramIds.count {
                    let j = Int(ngramIds[k])
                    if stamps[j] != stamp {
                        stamps[j] = stamp
                        current[j] = 0
                    }
                    current[j] += 1
                    if current[j] > maxima[j] { maxima[j] = current[j] }
                }
                stamp += 1
                referenceLengths.append(length)
            }

            let hypLength = internTokens(preprocessing.bleuTokens(hypothesis, lowercase: lowercase, tokenizer: tokenizer),
                                         insert: false)
            for n in 0..<order { correct[n] = 0 }
            let maxima = refMax.base, counts = hypCount.base, ids = tokenIds.base
            for i in 0..<hypLength {
                var id = ids[i]
                var n = 0
                while true {
                    if id >= 0 {
                        let j = Int(id)
                        counts[j] += 1
                        if counts[j] <= maxima[j] { correct[n] += 1 }
                    }
                    n += 1
                    if n >= order || i + n >= hypLength { break }
                    if id >= 0 {
                        let next = ids[i + n]
                        id = next >= 0 ? tables.pair(id, UInt32(bitPattern: next), insert: false) : -1
                    }
                }
            }
            // sacreBLEU `_get_closest_ref_len`: the closest length, the shorter one on ties.
            var closestLength = -1, closestDifference = -1
            for k in 0..<referenceLengths.count {
                let length = referenceLengths[k]
                let difference = abs(hypLength - length)
                if closestDifference == -1 || difference < closestDifference {
                    closestDifference = difference
                    closestLength = length
                } else if difference == closestDifference && length < closestLength {
                    closestLength = length
                }
            }
            row[0] = hypLength
            row[1] = closestLength
            for n in 0..<order {
                row[2 + n] = correct[n]
                row[2 + order + n] = max(0, hypLength - n)
            }
        }
    }
}

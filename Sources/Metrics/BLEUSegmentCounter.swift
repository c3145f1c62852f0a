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
    let configuration: BLEU
    private let preprocessing = PreprocessingWorkspace()
    private let interner = NgramInterner()
    private var refMax: [Int32] = []
    private var refCurrent: [Int32] = []
    private var refStamp: [Int32] = []
    private var hypCount: [Int32] = []
    private var tokenIds: [Int32] = []
    private var ngramIds: [Int32] = []
    private var correct: [Int] = []
    private var referenceLengths: [Int] = []

    init(configuration: BLEU) {
        self.configuration = configuration
        correct = [Int](repeating: 0, count: configuration.maxNgramOrder)
    }

    /// Interns the tokens of one preprocessed line into `tokenIds` (inserting or only looking
    /// up) and returns their number.
    private func internTokens(_ text: UnsafeBufferPointer<UInt8>, insert: Bool) -> Int {
        tokenIds.removeAll(keepingCapacity: true)
        guard let base = text.baseAddress else { return 0 }
        PythonText.forEachToken(base, text.count) { start, end in
            tokenIds.append(interner.token(base + start, end - start, insert: insert))
        }
        return tokenIds.count
    }

    /// Makes the per-id count arrays cover every id handed out so far.
    private func growCounts() {
        let needed = Int(interner.idCount)
        if refMax.count < needed {
            let extra = needed - refMax.count
            refMax.append(contentsOf: repeatElement(0, count: extra))
            refCurrent.append(contentsOf: repeatElement(0, count: extra))
            refStamp.append(contentsOf: repeatElement(-1, count: extra))
            hypCount.append(contentsOf: repeatElement(0, count: extra))
        }
    }

    /// Writes the statistics row `[sys_len, ref_len, correct₁…N, total₁…N]` of one segment.
    /// `reference(k)` gives the k-th reference (nil if missing); at least one must be present.
    func count(hypothesis: UnsafeBufferPointer<UInt8>, referenceCount: Int,
               reference: (Int) -> UnsafeBufferPointer<UInt8>?, into row: UnsafeMutablePointer<Int>) {
        let order = configuration.maxNgramOrder
        // Forget the previous segment: ids restart at zero.
        let previous = Int(interner.idCount)
        for id in 0..<previous {
            refMax[id] = 0
            hypCount[id] = 0
            refStamp[id] = -1
        }
        interner.reset()

        var closestLength = -1, closestDifference = -1
        // References first: their n-grams are inserted, so lookups by the hypothesis find them.
        var stamp: Int32 = 0
        for k in 0..<referenceCount {
            guard let line = reference(k) else { continue }
            let text = preprocessing.bleuText(line, lowercase: configuration.lowercase,
                                              tokenizer: configuration.tokenizer)
            let length = internTokens(text, insert: true)
            ngramIds.removeAll(keepingCapacity: true)
            for i in 0..<length {
                var id = tokenIds[i]
                ngramIds.append(id)
                var n = 1
                while n < order && i + n < length {
                    id = interner.pair(id, UInt32(bitPattern: tokenIds[i + n]), insert: true)
                    ngramIds.append(id)
                    n += 1
                }
            }
            growCounts()
            for id in ngramIds {
                let j = Int(id)
                if refStamp[j] != stamp {
                    refStamp[j] = stamp
                    refCurrent[j] = 0
                }
                refCurrent[j] += 1
                if refCurrent[j] > refMax[j] { refMax[j] = refCurrent[j] }
            }
            stamp += 1
            referenceLengths.append(length)
        }

        let text = preprocessing.bleuText(hypothesis, lowercase: configuration.lowercase,
                                          tokenizer: configuration.tokenizer)
        let hypLength = internTokens(text, insert: false)
        for n in 0..<order { correct[n] = 0 }
        for i in 0..<hypLength {
            var id = tokenIds[i]
            var n = 0
            while true {
                if id >= 0 {
                    let j = Int(id)
                    hypCount[j] += 1
                    if hypCount[j] <= refMax[j] { correct[n] += 1 }
                }
                n += 1
                if n >= order || i + n >= hypLength { break }
                if id >= 0 {
                    let next = tokenIds[i + n]
                    id = next >= 0 ? interner.pair(id, UInt32(bitPattern: next), insert: false) : -1
                }
            }
        }
        // sacreBLEU `_get_closest_ref_len`: the closest length, the shorter one on ties.
        for length in referenceLengths {
            let difference = abs(hypLength - length)
            if closestDifference == -1 || difference < closestDifference {
                closestDifference = difference
                closestLength = length
            } else if difference == closestDifference && length < closestLength {
                closestLength = length
            }
        }
        referenceLengths.removeAll(keepingCapacity: true)
        row[0] = hypLength
        row[1] = closestLength
        for n in 0..<order {
            row[2 + n] = correct[n]
            row[2 + order + n] = max(0, hypLength - n)
        }
    }
}

import Testing
@testable import Embeddings

/// `HotRowCopy`: a worker's private copy of some rows, merged into the shared matrix by adding
/// the worker's change (w_s += w_l − w_b), so concurrent changes of other workers are kept.
struct HotRowsTests {
    @Test func rowsInTheRangeAreThePrivateCopy() {
        let shared = UnsafeMutablePointer<Float>.allocate(capacity: 5 * 2)
        defer { shared.deallocate() }
        for i in 0..<10 { shared[i] = Float(i) }
        let copy = HotRowCopy(shared: shared, columns: 2, rows: 1..<3)
        let rows = copy.rows
        #expect(rows.row(0) == shared)
        #expect(rows.row(3) == shared + 6)
        #expect(rows.row(1) != shared + 2)
        #expect(Array(UnsafeBufferPointer(start: rows.row(1), count: 2)) == [2, 3])
        #expect(Array(UnsafeBufferPointer(start: rows.row(2), count: 2)) == [4, 5])
    }

    @Test func publishingAddsThisWorkersChangeToWhateverOthersDid() {
        let shared = UnsafeMutablePointer<Float>.allocate(capacity: 3 * 2)
        defer { shared.deallocate() }
        shared.initialize(repeating: 1, count: 6)
        let a = HotRowCopy(shared: shared, columns: 2, rows: 0..<2)
        let b = HotRowCopy(shared: shared, columns: 2, rows: 0..<2)
        a.rows.row(0)[0] += 0.5          // worker a's change
        b.rows.row(0)[0] += 0.25         // worker b's change to the same value
        b.rows.row(1)[1] -= 2
        shared[4] = 7                    // a row outside the hot range, written directly
        #expect(shared[0] == 1)          // nothing shared moves before publishing
        a.publish()
        #expect(shared[0] == 1.5)
        b.publish()
        #expect(shared[0] == 1.75)
        #expect(shared[3] == -1)
        #expect(Array(UnsafeBufferPointer(start: shared, count: 6)) == [1.75, 1, 1, -1, 7, 1])
        // b continues from the merged rows; a sees b's change only after its next publication.
        #expect(b.rows.row(0)[0] == 1.75)
        #expect(a.rows.row(0)[0] == 1.5)
        a.publish()
        #expect(a.rows.row(0)[0] == 1.75)
        #expect(shared[0] == 1.75)
        // refresh drops nothing published and takes the shared rows as they are now.
        shared[1] = 9
        a.refresh()
        #expect(a.rows.row(0)[1] == 9)
    }

    @Test func hotRangesPickTheMostFrequentWordsAndTheNodesNearTheRoot() {
        var options = TrainingOptions()
        options.loss = .ns
        let ns = HotRanges(options: options, inputRows: 5000, outputRows: 5000)
        #expect(ns?.input == 0..<HotRanges.count)
        #expect(ns?.output == 0..<HotRanges.count)
        options.loss = .hs
        let hs = HotRanges(options: options, inputRows: 5000, outputRows: 4999)
        #expect(hs?.output == (4999 - HotRanges.count)..<4999)
        let small = HotRanges(options: options, inputRows: 10, outputRows: 9)
        #expect(small?.input == 0..<10)
        #expect(small?.output == 0..<9)
        options.loss = .softmax
        #expect(HotRanges(options: options, inputRows: 10, outputRows: 10) == nil)
    }
}

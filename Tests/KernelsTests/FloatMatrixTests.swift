import Testing
import Kernels

struct FloatMatrixTests {
    @Test func storageIsAlignedRowMajorAndZeroed() {
        let m = FloatMatrix(rows: 3, columns: 5)
        #expect(Int(bitPattern: m.base) % FloatMatrix.alignment == 0)
        #expect(m.toArray() == [Float](repeating: 0, count: 15))
        m[2, 4] = 7
        #expect(m.row(2)[4] == 7 && m.base[14] == 7)
        let n = FloatMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(n.rowArray(1) == [4, 5, 6] && n[0, 2] == 3)
        let c = n.copy()
        c[0, 0] = 9
        #expect(n[0, 0] == 1 && c != n)
        #expect(FloatMatrix(rows: 0, columns: 4).count == 0)
    }

    @Test func normalizeRowsReturnsTheNorms() {
        let m = FloatMatrix(rows: 3, columns: 2, values: [3, 4, 0, 0, -1, 0])
        let norms = m.normalizeRows()
        #expect(norms == [5, 0, 1])
        #expect(m.toArray() == [0.6, 0.8, 0, 0, -1, 0])
    }
}

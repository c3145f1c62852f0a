/// Per-segment sufficient statistics: one row of `width` integers per segment, row-major, in
/// sacreBLEU's layout for the metric (see `BLEUStatistics` and `CHRFStatistics`).
///
/// Corpus scores, bootstrap resamples and shards are all "sum some rows, then combine"
/// (sacreBLEU `metrics/base.py`); the sums are exact integers.
public struct StatisticsTable: Sendable, Equatable {
    /// The number of integers per segment.
    public let width: Int
    /// The rows back to back.
    public private(set) var values: [Int]

    public init(width: Int, values: [Int] = []) {
        precondition(width > 0 && values.count % width == 0, "statistics rows must have the table's width")
        self.width = width
        self.values = values
    }

    /// The number of segments.
    public var count: Int { values.count / width }

    /// The statistics of segment `row`.
    public subscript(row: Int) -> ArraySlice<Int> {
        values[(row * width)..<((row + 1) * width)]
    }

    /// Appends one segment's statistics.
    public mutating func append<C: Collection>(_ row: C) where C.Element == Int {
        precondition(row.count == width, "statistics rows must have the table's width")
        values.append(contentsOf: row)
    }

    /// Appends all rows of another table of the same width (a later shard).
    public mutating func append(contentsOf other: StatisticsTable) {
        precondition(other.width == width, "statistics tables differ in width")
        values.append(contentsOf: other.values)
    }

    /// The column sums: the corpus statistics. O(count × width).
    public func sum() -> [Int] {
        var total = [Int](repeating: 0, count: width)
        values.withUnsafeBufferPointer { v in
            var offset = 0
            while offset < v.count {
                for j in 0..<width { total[j] += v[offset + j] }
                offset += width
            }
        }
        return total
    }
}

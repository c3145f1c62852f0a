import Kernels

/// The elementwise passes a training step makes over every parameter (zeroing the gradients,
/// their global norm, clipping, the optimizer's update), split among threads.
///
/// Each tensor is cut into `threads` contiguous parts at multiples of `granule` elements and
/// thread c takes part c of every tensor. Every element goes through the same operations as in a
/// single pass, so the results do not depend on the thread count. Below `minimumElements` in all
/// the pass runs on the calling thread: a character model's few hundred thousand parameters take
/// less time than waking a thread.
enum ParameterSweep {
    /// Parts start at multiples of this many elements (a multiple of every vector width, and the
    /// block of `BLASScalar.sumOfSquares`).
    static let granule = 4096
    static let minimumElements = 1 << 17

    /// Calls `body(index, range)` for every parameter index and a part `range` of its elements,
    /// the parts together covering each tensor once, on up to `threads` threads.
    static func forEach<T: BLASScalar>(_ parameters: [Parameter<T>], threads: Int,
                                       _ body: (_ index: Int, _ range: Range<Int>) -> Void) {
        let total = parameters.reduce(0) { $0 + $1.value.count }
        let parts = threads > 1 && total >= minimumElements ? threads : 1
        if parts == 1 {
            for (index, p) in parameters.enumerated() where p.value.count > 0 { body(index, 0..<p.value.count) }
            return
        }
        concurrently(parts) { c in
            for (index, p) in parameters.enumerated() {
                let range = part(c, of: parts, count: p.value.count)
                if !range.isEmpty { body(index, range) }
            }
        }
    }

    /// Part c of `parts` of 0..<count, cut at multiples of `granule` (the last part takes the rest).
    static func part(_ c: Int, of parts: Int, count: Int) -> Range<Int> {
        let blocks = (count + granule - 1) / granule
        let lower = min(count, c * blocks / parts * granule)
        let upper = c == parts - 1 ? count : min(count, (c + 1) * blocks / parts * granule)
        return lower..<upper
    }
}

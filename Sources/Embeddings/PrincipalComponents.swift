/// Principal component analysis of a few vectors, in Float64: the 2-D coordinates behind an
/// embedding map (the course's PCA pictures of word vectors).
public struct PrincipalComponents: Sendable {
    /// `components` unit vectors of length D, by decreasing variance.
    public let axes: [[Double]]
    /// The variance along each axis (eigenvalues of the sample covariance, divisor n − 1).
    public let variances: [Double]
    /// The total variance (trace of the covariance), for explained-variance ratios.
    public let totalVariance: Double
    /// The projections of the input rows, n × components.
    public let coordinates: [[Double]]

    /// Centres the n rows (each of length D) and finds the top `components` eigenvectors of their
    /// covariance XᵀX/(n−1) by power iteration with deflation, applying the covariance as
    /// Xᵀ(Xv) so no D×D matrix is formed: O(iterations · components · n · D). The start vector is
    /// fixed and each axis is signed so that its largest-magnitude coordinate is positive, so the
    /// result is deterministic (numpy's SVD may flip signs; the picture is the same up to mirroring).
    public init(rows: [[Float]], components: Int = 2, iterations: Int = 500) {
        let n = rows.count, d = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == d }, "PrincipalComponents: rows of different lengths")
        var mean = [Double](repeating: 0, count: d)
        for row in rows { for j in 0..<d { mean[j] += Double(row[j]) } }
        if n > 0 { for j in 0..<d { mean[j] /= Double(n) } }
        let centred = rows.map { row in (0..<d).map { Double(row[$0]) - mean[$0] } }
        let divisor = Double(max(n - 1, 1))
        var total = 0.0
        for row in centred { total += Self.dot(row, row) }
        totalVariance = total / divisor

        func covarianceTimes(_ v: [Double]) -> [Double] {
            var result = [Double](repeating: 0, count: d)
            for row in centred {
                var projection = 0.0
                for j in 0..<d { projection += row[j] * v[j] }
                for j in 0..<d { result[j] += row[j] * projection }
            }
            return result.map { $0 / divisor }
        }
        func normalised(_ v: [Double]) -> [Double]? {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 1e-300 ? v.map { $0 / norm } : nil
        }
        var axes: [[Double]] = []
        var variances: [Double] = []
        for k in 0..<min(components, d) {
            // A fixed, generic start vector, made orthogonal to the axes found so far.
            var v: [Double] = (0..<d).map { (j: Int) -> Double in
                let step = Double((j * 7 + k * 13) % 17)
                return 1.0 + 0.618 * step / 17.0
            }
            func deflate(_ x: inout [Double]) {
                for axis in axes {
                    var dot = 0.0
                    for j in 0..<d { dot += x[j] * axis[j] }
                    for j in 0..<d { x[j] -= dot * axis[j] }
                }
            }
            deflate(&v)
            guard var current = normalised(v) else { break }
            var eigenvalue = 0.0
            for _ in 0..<iterations {
                var next = covarianceTimes(current)
                deflate(&next)
                eigenvalue = Self.dot(next, current)
                guard let unit = normalised(next) else { eigenvalue = 0; break }
                var change = 0.0
                for j in 0..<d { change += abs(unit[j] - current[j]) }
                current = unit
                if change < 1e-12 { break }
            }
            if let largest = current.indices.max(by: { abs(current[$0]) < abs(current[$1]) }), current[largest] < 0 {
                current = current.map { -$0 }
            }
            axes.append(current)
            variances.append(max(eigenvalue, 0))
        }
        while axes.count < components {
            axes.append([Double](repeating: 0, count: d))
            variances.append(0)
        }
        self.axes = axes
        self.variances = variances
        coordinates = centred.map { row in axes.map { axis in Self.dot(row, axis) } }
    }

    private static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for j in x.indices { sum += x[j] * y[j] }
        return sum
    }
}

import Kernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// σ(x) = 1 / (1 + e⁻ˣ) and log σ(x) for the updates and the reported loss, either exactly or
/// from word2vec.c's table: 1,000 values of σ at xᵢ = (2i/1000 − 1)·6, looked up at
/// ⌊(x + 6)·1000/12⌋ for |x| < 6 (MAX_EXP = 6, EXP_TABLE_SIZE = 1000). Beyond ±6 the table mode
/// answers 0 or 1, as word2vec.c's negative sampling does.
///
/// The table is a value shared read-only by every worker; lookups are two loads and no `exp`.
public struct Sigmoid: @unchecked Sendable {
    public static let maxInput = LogisticTable.maxInput
    public static let tableSize = LogisticTable.size
    public let mode: SigmoidMode
    /// σ at the table points.
    let values: UnsafeMutablePointer<Float>
    /// log σ at the table points (for the loss).
    let logValues: UnsafeMutablePointer<Float>
    let owner: Storage

    final class Storage: @unchecked Sendable {
        let values: UnsafeMutablePointer<Float>
        let logValues: UnsafeMutablePointer<Float>
        init() {
            values = .allocate(capacity: Sigmoid.tableSize + 1)
            logValues = .allocate(capacity: Sigmoid.tableSize + 1)
            for i in 0...Sigmoid.tableSize {
                let x = (Double(i) / Double(Sigmoid.tableSize) * 2 - 1) * Double(Sigmoid.maxInput)
                let e = exp(x)
                values[i] = Float(e / (e + 1))
                logValues[i] = Float(x - log1p(e))
            }
        }
        deinit {
            values.deallocate()
            logValues.deallocate()
        }
    }

    public init(mode: SigmoidMode) {
        self.mode = mode
        owner = Storage()
        values = owner.values
        logValues = owner.logValues
    }

    @inline(__always)
    static func tableIndex(_ x: Float) -> Int {
        LogisticTable.index(x)
    }

    /// σ(x). In table mode, 1 above 6 and 0 below −6.
    @inline(__always)
    public func callAsFunction(_ x: Float) -> Float {
        if mode == .exact { return 1 / (1 + expf(-x)) }
        if x >= Sigmoid.maxInput { return 1 }
        if x <= -Sigmoid.maxInput { return 0 }
        return values[Sigmoid.tableIndex(x)]
    }

    /// log σ(x) (= −log(1 + e⁻ˣ)). In table mode, 0 above 6 and x below −6.
    @inline(__always)
    public func log(_ x: Float) -> Float {
        if mode == .exact { return x >= 0 ? -log1pf(expf(-x)) : x - log1pf(expf(x)) }
        if x >= Sigmoid.maxInput { return 0 }
        if x <= -Sigmoid.maxInput { return x }
        return logValues[Sigmoid.tableIndex(x)]
    }
}

/// The element types of the safetensors format, spelled as in its header.
///
/// The list is safetensors 0.8's `Dtype` enum (huggingface/safetensors `safetensors/src/tensor.rs`),
/// including its sub-byte floats (F4 is 4 bits, F6 6 bits per element: a tensor of those must fill
/// whole bytes). All multi-byte types are little-endian.
public enum TensorDType: String, CaseIterable, Sendable, CustomStringConvertible {
    case bool = "BOOL"
    case f4 = "F4"
    case f6e2m3 = "F6_E2M3"
    case f6e3m2 = "F6_E3M2"
    case u8 = "U8"
    case i8 = "I8"
    case f8e5m2 = "F8_E5M2"
    case f8e4m3 = "F8_E4M3"
    case f8e8m0 = "F8_E8M0"
    case f8e4m3fnuz = "F8_E4M3FNUZ"
    case f8e5m2fnuz = "F8_E5M2FNUZ"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case c64 = "C64"
    case f64 = "F64"
    case i64 = "I64"
    case u64 = "U64"

    /// The header spelling, such as `F32`.
    public var description: String { rawValue }

    /// Bits per element.
    public var bitWidth: Int {
        switch self {
        case .f4: return 4
        case .f6e2m3, .f6e3m2: return 6
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3, .f8e8m0, .f8e4m3fnuz, .f8e5m2fnuz: return 8
        case .i16, .u16, .f16, .bf16: return 16
        case .i32, .u32, .f32: return 32
        case .c64, .f64, .i64, .u64: return 64
        }
    }

    /// The alignment the writer gives tensors of this type within the data (the element size,
    /// one byte for sub-byte types), so that typed views never need a copy.
    public var alignment: Int { max(1, bitWidth / 8) }

    /// The bytes `elementCount` elements occupy, or nil when the count overflows or, for sub-byte
    /// types, does not fill whole bytes.
    public func byteCount(elementCount: Int) -> Int? {
        let (bits, overflow) = elementCount.multipliedReportingOverflow(by: bitWidth)
        guard !overflow, elementCount >= 0, bits % 8 == 0 else { return nil }
        return bits / 8
    }
}

/// A Swift type whose values are stored as one tensor element, bit for bit (little-endian).
public protocol TensorElement: BitwiseCopyable, Sendable {
    /// The dtype recorded in the header for tensors of this type.
    static var dtype: TensorDType { get }
}

extension Float: TensorElement { public static var dtype: TensorDType { .f32 } }
extension Double: TensorElement { public static var dtype: TensorDType { .f64 } }
extension Int8: TensorElement { public static var dtype: TensorDType { .i8 } }
extension Int16: TensorElement { public static var dtype: TensorDType { .i16 } }
extension Int32: TensorElement { public static var dtype: TensorDType { .i32 } }
extension Int64: TensorElement { public static var dtype: TensorDType { .i64 } }
extension UInt8: TensorElement { public static var dtype: TensorDType { .u8 } }
extension UInt16: TensorElement { public static var dtype: TensorDType { .u16 } }
extension UInt32: TensorElement { public static var dtype: TensorDType { .u32 } }
extension UInt64: TensorElement { public static var dtype: TensorDType { .u64 } }
#if _pointerBitWidth(_64)
/// `Int` is stored as I64 (it is 64 bits wide on every platform this code builds for).
extension Int: TensorElement { public static var dtype: TensorDType { .i64 } }
#endif
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
extension Float16: TensorElement { public static var dtype: TensorDType { .f16 } }
#endif

/// Where one tensor lives in an archive and how to read it.
public struct TensorInfo: Sendable, Equatable {
    public let name: String
    public let dtype: TensorDType
    /// Dimensions in row-major (C) order; `[]` is a scalar with one element.
    public let shape: [Int]
    /// Byte offset from the start of the data section (after the header), as in the header's
    /// `data_offsets`.
    public let byteOffset: Int
    /// Bytes occupied, equal to `elementCount × dtype.bitWidth / 8`.
    public let byteCount: Int

    public init(name: String, dtype: TensorDType, shape: [Int], byteOffset: Int, byteCount: Int) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.byteOffset = byteOffset
        self.byteCount = byteCount
    }

    /// The product of the dimensions.
    public var elementCount: Int { shape.reduce(1, *) }

    /// The header's `data_offsets`: begin and end relative to the data section.
    public var byteRange: Range<Int> { byteOffset..<(byteOffset + byteCount) }
}

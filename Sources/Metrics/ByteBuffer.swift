/// A growable byte buffer with unchecked writes, reused from line to line by one worker so that
/// the preprocessing passes allocate nothing per line. Not thread-safe: one per worker.
///
/// It is a `RawBuffer<UInt8>` that frees itself: the preprocessing passes hand it around by
/// reference, where the counters keep their `RawBuffer`s inline and free them by hand.
final class ByteBuffer {
    private var storage: RawBuffer<UInt8>

    init(capacity: Int = 1024) {
        storage = RawBuffer(capacity: capacity)
    }

    deinit { storage.free() }

    var base: UnsafeMutablePointer<UInt8> {
        @inline(__always) get { storage.base }
    }

    var capacity: Int {
        @inline(__always) get { storage.capacity }
    }

    /// The number of meaningful bytes, set by whoever last wrote the buffer.
    var count: Int {
        @inline(__always) get { storage.count }
        @inline(__always) set { storage.count = newValue }
    }

    /// Makes room for at least `needed` bytes, keeping the first `count` bytes. Amortised O(1).
    @inline(__always)
    func reserve(_ needed: Int) {
        storage.reserve(needed)
    }

    /// The meaningful bytes, valid until the buffer is next written or grown.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage.base, count: storage.count) }
}

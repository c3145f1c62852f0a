import KernelsAVX2
import Testing
@testable import Embeddings

/// The two compiled copies of the inner loop (`VectorKernels`: baseline x86-64 and AVX2) train
/// the same vectors bit for bit, for both output layers that use it and both methods, on the
/// grammar of `TrainingQualityTests`; and they still learn it.
struct VectorKernelsTests {
    typealias Quality = TrainingQualityTests

    @Test(arguments: [(TrainingMethod.skipgram, TrainingLoss.ns), (.skipgram, .hs), (.cbow, .ns), (.cbow, .hs)])
    func portableAndAVX2CopiesTrainTheSameVectors(method: TrainingMethod, loss: TrainingLoss) throws {
        let corpus = try Quality.corpus(Quality.sentences(2000, seed: 3))
        var options = Quality.options(method, loss)
        options.threads = 1
        options.vectorKernels = .portable
        let portable = try EmbeddingTrainer(options: options, corpus: corpus).train()
        options.vectorKernels = .avx2
        let avx2 = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(avx2.input == portable.input, "\(method) \(loss)")
        #expect(avx2.output == portable.output, "\(method) \(loss)")
        #expect(avx2.meanLoss == portable.meanLoss)
        #expect(Quality.groupedNeighbours(portable) >= 10, "\(method) \(loss)")
    }

    @Test func theAVX2CopyIsChosenWhereTheProcessorHasIt() {
        #expect(VectorKernels.automatic.usesAVX2 == AVX2Kernels.isSupported)
        #expect(VectorKernels.avx2.usesAVX2 == AVX2Kernels.isSupported)
        #expect(!VectorKernels.portable.usesAVX2)
    }
}

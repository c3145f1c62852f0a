// swift-tools-version:6.0
//
// nlpipe: small NLP programs that are Unix filters. See README.md and the module map in
// Sources/README.md: executables lean on CommandLineSupport and the domain modules; nothing
// imports upward, and only CICU talks to ICU.
import PackageDescription

// The only modules built for more than baseline x86-64 (they run only where cpuid says they can).
// Elsewhere they are built like the rest and never called.
#if arch(x86_64)
let avx2Settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let avx512Settings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let avx2Settings: [SwiftSetting] = []
let avx512Settings: [SwiftSetting] = []
#endif

let package = Package(
    name: "nlpipe",
    products: [
        .executable(name: "tokenize", targets: ["tokenize"]),
        .executable(name: "vocab", targets: ["vocab"]),
        .executable(name: "bleu", targets: ["bleu"]),
        .executable(name: "embed-query", targets: ["embed-query"]),
        .executable(name: "embed-train", targets: ["embed-train"]),
        .executable(name: "debias", targets: ["debias"]),
        .executable(name: "lm-train", targets: ["lm-train"]),
        .executable(name: "sample", targets: ["sample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Mechanism modules.
        .target(name: "Diagnostics"),
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "Text", dependencies: ["CICU", "JSONCore", "Diagnostics"]),
        .target(name: "JSONCore", dependencies: ["Diagnostics"]),
        .target(name: "Records", dependencies: ["JSONCore", "Diagnostics"]),
        .target(name: "ModelArchive", dependencies: ["JSONCore", "Diagnostics"]),
        .target(name: "Randomness"),
        // Debian's OpenBLAS through its C interface; only Kernels imports it.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .target(name: "Kernels", dependencies: ["CBLAS"]),
        // Kernels' word2vec inner loop and LSTM step compiled for AVX2, chosen at run time by cpuid.
        .target(name: "KernelsAVX2", dependencies: ["Kernels", "CCPUFeatures"], swiftSettings: avx2Settings),
        // The recurrent layers' per-step products compiled for AVX-512, chosen at run time by cpuid.
        .target(name: "KernelsAVX512", dependencies: ["CCPUFeatures"], swiftSettings: avx512Settings),
        // cpuid/xgetbv, for choosing OpenBLAS's kernels before it loads (CommandLineSupport) and the AVX2 copies of
        // word2vec's inner loop and the LSTM step (KernelsAVX2), and the recurrent products (KernelsAVX512); nothing else imports it.
        .target(name: "CCPUFeatures"),
        // Domain modules.
        .target(name: "Neural", dependencies: ["Kernels", "KernelsAVX2", "KernelsAVX512", "Randomness"]),
        .target(name: "Decoding", dependencies: ["Randomness"]),
        .target(name: "LanguageModels",
                dependencies: ["Neural", "Decoding", "Kernels", "VocabularyModule", "ModelArchive", "JSONCore", "Randomness", "Diagnostics"]),
        .target(name: "VocabularyModule", dependencies: ["ModelArchive", "JSONCore", "Diagnostics"]),
        .target(name: "Metrics", dependencies: ["JSONCore", "Randomness", "Diagnostics"]),
        .target(name: "Embeddings",
                dependencies: ["Kernels", "KernelsAVX2", "VocabularyModule", "ModelArchive", "JSONCore", "Randomness", "Diagnostics"]),
        // Command-line layer.
        .target(
            name: "CommandLineSupport",
            dependencies: ["Records", "JSONCore", "Diagnostics", "CCPUFeatures", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Executables: thin mains.
        .executableTarget(
            name: "tokenize",
            dependencies: ["CommandLineSupport", "Records", "Text",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "vocab",
            dependencies: ["CommandLineSupport", "Records", "VocabularyModule", "ModelArchive",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "embed-train",
            dependencies: ["CommandLineSupport", "Records", "Embeddings", "VocabularyModule", "JSONCore", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "bleu",
            dependencies: ["CommandLineSupport", "Records", "Metrics", "JSONCore", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "embed-query",
            dependencies: ["CommandLineSupport", "Records", "Embeddings", "Kernels", "ModelArchive", "JSONCore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "debias",
            dependencies: ["CommandLineSupport", "Records", "Embeddings", "Kernels", "ModelArchive", "JSONCore", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "lm-train",
            dependencies: ["CommandLineSupport", "Records", "LanguageModels", "Neural", "Kernels", "VocabularyModule",
                           "ModelArchive", "JSONCore", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "sample",
            dependencies: ["CommandLineSupport", "Records", "LanguageModels", "Decoding", "Randomness", "Kernels",
                           "JSONCore", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Tests.
        .target(name: "_TestSupport", path: "Tests/_TestSupport"),
        .testTarget(name: "TextTests", dependencies: ["Text", "_TestSupport"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "VocabularyModule", "_TestSupport"]),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore", "_TestSupport"]),
        .testTarget(name: "ModelArchiveTests", dependencies: ["ModelArchive", "JSONCore", "_TestSupport"]),
        .testTarget(name: "VocabularyModuleTests", dependencies: ["VocabularyModule", "ModelArchive", "JSONCore", "Records", "_TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Randomness", "_TestSupport"]),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels", "_TestSupport"]),
        .testTarget(name: "EmbeddingsTrainingTests",
                    dependencies: ["Embeddings", "JSONCore", "Kernels", "KernelsAVX2", "VocabularyModule", "Randomness", "_TestSupport"]),
        .testTarget(name: "EmbeddingsTests", dependencies: ["Embeddings", "Kernels", "ModelArchive", "JSONCore", "Diagnostics", "_TestSupport"]),
        .testTarget(name: "NeuralTests", dependencies: ["Neural", "Kernels", "KernelsAVX2", "KernelsAVX512", "Randomness", "_TestSupport"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "_TestSupport"]),
        .testTarget(name: "CommandLineSupportTests", dependencies: ["CommandLineSupport", "_TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["tokenize", "vocab", "bleu", "embed-query", "embed-train", "debias", "lm-train", "sample", "_TestSupport"]),
        .testTarget(name: "DecodingTests", dependencies: ["Decoding", "Randomness", "_TestSupport"]),
        .testTarget(name: "LanguageModelsTests", dependencies: ["LanguageModels", "JSONCore", "Neural", "ModelArchive", "VocabularyModule", "Randomness", "_TestSupport"]),
    ]
)

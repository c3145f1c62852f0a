/// sacreBLEU's reproducibility signature (`metrics/base.py` `Signature`), e.g.
/// `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`, or with `short`
/// `#:1|c:mixed|e:no|tok:13a|s:exp|v:2.6.0`.
///
/// Keys appear in sacreBLEU's order: `nrefs`, `bs`, `ar`, `seed`, `test`, `lang`, `origlang`,
/// `subset`, the metric's own keys, and `version` last; keys without a value are left out.
public struct MetricSignature: Sendable, Equatable, CustomStringConvertible {
    /// One `key:value` item with the key's short form.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var short: String
        public var value: String?

        public init(key: String, short: String, value: String?) {
            self.key = key
            self.short = short
            self.value = value
        }
    }

    /// The sacreBLEU version this implementation reproduces.
    public static let sacreBLEUVersion = "2.6.0"

    /// The entries in order, `version` excluded (it is always last).
    public private(set) var entries: [Entry]

    /// A signature from the shared keys and the metric's own entries.
    public init(references: ReferenceCount, resampling: Resampling? = nil, testSet: String? = nil,
                languagePair: String? = nil, originalLanguage: String? = nil, subset: String? = nil,
                metricEntries: [Entry]) {
        entries = [
            Entry(key: "nrefs", short: "#", value: references.signatureValue),
            Entry(key: "bs", short: "bs", value: resampling?.bootstrapResamples.map(String.init)),
            Entry(key: "ar", short: "ar", value: resampling?.randomizationTrials.map(String.init)),
            Entry(key: "seed", short: "rs", value: resampling.map { $0.seed.map(String.init) ?? "none" }),
            Entry(key: "test", short: "t", value: testSet),
            Entry(key: "lang", short: "l", value: languagePair),
            Entry(key: "origlang", short: "o", value: originalLanguage),
            Entry(key: "subset", short: "S", value: subset),
        ] + metricEntries
    }

    /// The value of `key`, if set.
    public subscript(key: String) -> String? {
        if key == "version" { return MetricSignature.sacreBLEUVersion }
        return entries.first { $0.key == key }?.value ?? nil
    }

    /// The set `key:value` pairs in order, `version` last (what sacreBLEU's JSON output lists).
    public var pairs: [(key: String, value: String)] {
        entries.compactMap { entry in entry.value.map { (entry.key, $0) } }
            + [("version", MetricSignature.sacreBLEUVersion)]
    }

    /// The signature string; `short` uses sacreBLEU's abbreviations (`--short`).
    public func format(short: Bool = false) -> String {
        var items = entries.compactMap { entry in entry.value.map { "\(short ? entry.short : entry.key):\($0)" } }
        items.append("\(short ? "v" : "version"):\(MetricSignature.sacreBLEUVersion)")
        return items.joined(separator: "|")
    }

    public var description: String { format() }
}

/// The number of references per segment, as the signature's `nrefs` shows it.
public enum ReferenceCount: Sendable, Equatable {
    /// Every segment has this many references.
    case fixed(Int)
    /// Segments have different numbers of references (`nrefs:var`).
    case variable

    /// `nrefs` for reference streams whose missing lines are absent references
    /// (sacreBLEU `_cache_references`).
    public init(streams: [TextLines]) {
        let segments = streams.first?.count ?? 0
        var seen = Set<Int>()
        for i in 0..<segments {
            seen.insert(streams.reduce(0) { $0 + ($1.isMissing(i) ? 0 : 1) })
        }
        if seen.count == 1, let only = seen.first {
            self = .fixed(only)
        } else if seen.isEmpty {
            self = .fixed(streams.count)
        } else {
            self = .variable
        }
    }

    var signatureValue: String {
        switch self {
        case .fixed(let count): return String(count)
        case .variable: return "var"
        }
    }
}

/// The resampling settings a signature records (`bs`, `ar`, `seed`).
public struct Resampling: Sendable, Equatable {
    /// Bootstrap resamples (`--confidence-n`, `--paired-bs-n`), if any.
    public var bootstrapResamples: Int?
    /// Approximate-randomisation trials (`--paired-ar-n`), if any.
    public var randomizationTrials: Int?
    /// The seed, nil for "none" (entropy from the system).
    public var seed: UInt64?

    public init(bootstrapResamples: Int? = nil, randomizationTrials: Int? = nil, seed: UInt64? = Significance.defaultSeed) {
        self.bootstrapResamples = bootstrapResamples
        self.randomizationTrials = randomizationTrials
        self.seed = seed
    }
}

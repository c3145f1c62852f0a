import Diagnostics
import JSONCore
import Metrics
import Records

/// Everything `bleu` prints: sacreBLEU's JSON and text formats for corpus scores, systems and
/// paired tests, JSON Lines for sentence scores and sufficient statistics.
struct Report {
    let format: Bleu.Format
    let width: Int
    let short: Bool
    let scoreOnly: Bool
    let out = OutputWriter()

    /// Corpus scores of one system (sacreBLEU's single-system output).
    func corpus(metrics: [ScoringMetric], tables: [StatisticsTable], references: ReferenceCount,
                confidence: (resamples: Int, seed: UInt64)?) throws {
        let summed = tables.map { $0.sum() }
        let estimates = zip(metrics, tables).map { metric, table in
            confidence.map { metric.confidence(table, resamples: $0.resamples, seed: $0.seed) }
        }
        let resampling = confidence.map { Resampling(bootstrapResamples: $0.resamples, seed: $0.seed) }
        try scores(metrics: metrics, summed: summed, references: references, resampling: resampling, estimates: estimates)
    }

    /// Prints the scores of summed statistics in the chosen format.
    func scores(metrics: [ScoringMetric], summed: [[Int]], references: ReferenceCount, resampling: Resampling?,
                estimates: [ConfidenceEstimate?]) throws {
        var objects: [String] = []
        for (k, metric) in metrics.enumerated() {
            let score = metric.score(summed: summed[k])
            let signature = metric.signature(references: references, resampling: resampling)
            if scoreOnly {
                out.write(score.formattedScore(width: width)); try out.endLine()
            } else if format == .text {
                out.write(score.textLine(signature: signature.format(short: short), width: width, confidence: estimates[k]))
                try out.endLine()
            } else {
                objects.append(score.json(signature: signature, width: width, confidence: estimates[k]))
            }
        }
        if !objects.isEmpty {
            out.write(objects.count == 1 ? objects[0] : "[\n" + objects.joined(separator: ",\n") + "\n]")
            try out.endLine()
        }
        try out.close()
    }

    /// Several systems without a test: sacreBLEU's table as JSON (`[{"system":…,"BLEU":"28.3"}]`)
    /// or one text line per system and metric.
    func systems(names: [String], metrics: [ScoringMetric], tables: [[StatisticsTable]], references: ReferenceCount) throws {
        var entries: [[(String, String)]] = []
        for (s, name) in names.enumerated() {
            var entry = [("system", jsonString(name))]
            for (k, metric) in metrics.enumerated() {
                let score = metric.score(summed: tables[s][k].sum())
                if format == .text || scoreOnly {
                    let text = scoreOnly ? score.formattedScore(width: width)
                        : score.textLine(signature: metric.signature(references: references, resampling: nil).format(short: short), width: width)
                    out.write("\(name)\t\(text)"); try out.endLine()
                }
                entry.append((metric.name, jsonString(score.formattedScore(width: width))))
            }
            entries.append(entry)
        }
        if format == .json && !scoreOnly { out.write(Self.indentedList(entries)); try out.endLine() }
        try out.close()
    }

    /// Paired tests: every system against the first, as sacreBLEU's JSON (`score`, `p_value`,
    /// `mean`, `ci` per metric) or one text line per system and metric.
    func paired(systems names: [String], metrics: [ScoringMetric], tables: [[StatisticsTable]], test: PairedTest,
                references: ReferenceCount, seed: UInt64) throws {
        let results = metrics.indices.map { k in
            metrics[k].paired(baseline: tables[0][k], systems: tables.dropFirst().map { $0[k] }, test: test, seed: seed)
        }
        var entries: [[(String, String)]] = []
        for (s, name) in names.enumerated() {
            let label = s == 0 ? "Baseline: \(name)" : name
            var entry = [("system", jsonString(label))]
            for (k, metric) in metrics.enumerated() {
                let result = results[k][s]
                func number(_ x: Double?) -> String { x.map(pythonFloatRepr) ?? "null" }
                entry.append((metric.name, "{\n            \"score\": \(number(result.score)),\n            \"p_value\": \(number(result.pValue)),"
                    + "\n            \"mean\": \(number(result.mean)),\n            \"ci\": \(number(result.ci))\n        }"))
                if format == .text {
                    var text = "\(label)\t\(metric.name) = \(formatFixed(result.score, decimals: width))"
                    if let mean = result.mean, let ci = result.ci {
                        text += " (μ = \(formatFixed(mean, decimals: width)) ± \(formatFixed(ci, decimals: width)))"
                    }
                    if let p = result.pValue { text += " (p = \(formatFixed(p, decimals: 4)))\(p < 0.05 ? "*" : "")" }
                    out.write(text); try out.endLine()
                }
            }
            entries.append(entry)
        }
        if format == .json {
            out.write(Self.indentedList(entries)); try out.endLine()
        } else {
            for metric in metrics {
                out.write("\(metric.name)\t\(metric.signature(references: references, resampling: test.resampling(seed: seed)).format(short: short))")
                try out.endLine()
            }
        }
        try out.close()
    }

    /// Sentence scores: one JSON Lines record per segment (input records' fields passed through),
    /// or sacreBLEU's text line per segment.
    func sentences(metrics: [ScoringMetric], tables: [StatisticsTable], records: [[UInt8]]?) throws {
        let parser = RecordParser()
        let segments = tables.first?.count ?? 0
        let signatures = metrics.map { $0.signature(references: .fixed(1), resampling: nil).format(short: short) }
        let keys = metrics.map(\.key)
        let scores = format == .text || scoreOnly ? [] : zip(metrics, tables).map { $0.rowScores($1) }
        for i in 0..<segments {
            if format == .text || scoreOnly {
                for k in metrics.indices {
                    let score = metrics[k].score(summed: Array(tables[k][i]))
                    out.write(scoreOnly ? score.formattedScore(width: width) : score.textLine(signature: signatures[k], width: width))
                    try out.endLine()
                }
                continue
            }
            out.beginRecord()
            if let records {
                try records[i].withUnsafeBufferPointer { line in
                    try parser.parse(line)
                    out.passThrough(parser, excluding: metrics.compactMap { parser.index(of: $0.key) })
                }
            } else {
                out.key("line"); out.integerValue(i + 1)
            }
            for k in keys.indices {
                out.key(keys[k]); out.doubleValue(scores[k][i])
            }
            try out.endRecord()
        }
        try out.close()
    }

    /// Sufficient statistics: one JSON line per metric with its signature, the segment count and
    /// the column sums, which `--from-stats` adds up exactly.
    func statistics(metrics: [ScoringMetric], tables: [StatisticsTable], references: ReferenceCount) throws {
        for (k, metric) in metrics.enumerated() {
            let signature = metric.signature(references: references, resampling: nil)
            let line: JSONValue = [
                "metric": JSONValue(metric.key),
                "signature": JSONValue(signature.format()),
                "nrefs": JSONValue(signature["nrefs"] ?? ""),
                "segments": JSONValue(tables[k].count),
                "stats": .array(tables[k].sum().map { JSONValue($0) }),
            ]
            out.write(line.jsonText); try out.endLine()
        }
        try out.close()
    }

    /// Scores the sum of statistics files, after checking they were made with these options.
    func fromStatistics(files: [String], metrics: [ScoringMetric]) throws {
        var summed = metrics.map { [Int](repeating: 0, count: $0.statisticsWidth) }
        var found = [Bool](repeating: false, count: metrics.count)
        var nrefs: ReferenceCount?
        for path in files {
            let input = LineInput(paths: [path])
            try input.forEachLine(readers: input.openAll(), validateUTF8: true, skipInvalid: false) { line, _ in
                let value = try JSONValue(parsing: UnsafeRawBufferPointer(line))
                guard let key = value["metric"]?.stringValue, let signature = value["signature"]?.stringValue,
                      let refs = value["nrefs"]?.stringValue, let stats = value["stats"]?.arrayValue?.compactMap(\.intValue) else {
                    throw RecordsError.invalidLine("not a statistics line from 'bleu --stats'")
                }
                guard let k = metrics.firstIndex(where: { $0.key == key }) else { return }
                let count: ReferenceCount = refs == "var" ? .variable : .fixed(Int(refs) ?? 0)
                let expected = metrics[k].signature(references: count, resampling: nil).format()
                guard expected == signature else {
                    throw Failure(.usage, "\(path): statistics made with \(signature), but these options give \(expected)")
                }
                guard stats.count == summed[k].count else { throw RecordsError.invalidLine("statistics of the wrong width") }
                if let nrefs, nrefs != count { throw Failure(.badData, "\(path): statistics with different reference counts") }
                nrefs = count
                for j in stats.indices { summed[k][j] += stats[j] }
                found[k] = true
            }
        }
        if let missing = found.firstIndex(of: false) {
            throw Failure(.badData, "no \(metrics[missing].name) statistics in the files given")
        }
        try scores(metrics: metrics, summed: summed, references: nrefs ?? .fixed(1), resampling: nil,
                   estimates: metrics.map { _ in nil })
    }

    /// A list of objects as Python's `json.dumps(…, indent=4)` prints it (values already JSON).
    static func indentedList(_ entries: [[(String, String)]]) -> String {
        "[\n" + entries.map { entry in
            "    {\n" + entry.map { "        \(jsonString($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n    }"
        }.joined(separator: ",\n") + "\n]"
    }
}

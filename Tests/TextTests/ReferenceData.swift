import Foundation
import _TestSupport

/// The shared multilingual sample and ICU 72's segmentation of it (`tokenize/README.md`).
enum ReferenceData {
    struct SampleLine {
        let line: Int
        let id: String
        let lang: String
        let text: String
        /// ICU 72.1 UBRK_WORD (locale "en") segments with rule statuses, and the non-White_Space ones.
        let segments: [(String, Int32)]
        let tokens: [String]
    }

    static let sample: [SampleLine] = {
        let meta = (try? SharedData.jsonLines("tokenize/multilingual-sample.jsonl")) ?? []
        let icu = (try? SharedData.jsonLines("tokenize/icu72-wordbreak.jsonl")) ?? []
        return zip(meta, icu).map { meta, icu in
            let segments = (icu["segments"] as? [[Any]] ?? []).map { pair in
                (pair[0] as? String ?? "", Int32((pair[1] as? NSNumber)?.intValue ?? -1))
            }
            return SampleLine(line: meta["line"] as? Int ?? 0, id: meta["id"] as? String ?? "",
                              lang: meta["lang"] as? String ?? "", text: icu["text"] as? String ?? "",
                              segments: segments, tokens: icu["tokens"] as? [String] ?? [])
        }
    }()

    /// The lines of the English benchmark corpus (21 MB, 139,800 lines), decompressed with `xz`.
    static let englishCorpus: [String] = {
        let url = SharedData.url("bleu/bench/en-wmt21-21MB.txt.xz")
        guard let result = try? Subprocess.run("/usr/bin/xz", ["-dc", url.path]), result.status == 0 else { return [] }
        var lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }()
}

extension Array where Element == String {
    /// The strings' UTF-8 bytes. Compare these, not the strings, whenever normalisation matters:
    /// Swift's `String ==` is canonical equivalence, so "é" == "e\u{301}".
    var utf8Bytes: [[UInt8]] { map { [UInt8]($0.utf8) } }
}

extension String {
    var utf8Bytes: [UInt8] { Array(utf8) }
}

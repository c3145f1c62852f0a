import ArgumentParser
import CommandLineSupport
import ModelArchive
import Records
import VocabularyModule

struct Show: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, tsv }

    static let configuration = CommandConfiguration(
        abstract: "Print the tokens of a vocabulary or counts file with their ids and counts.",
        discussion: "Rows are {\"token\",\"id\",\"count\"} (a counts file has no ids), or token, id and count separated by tabs with --format tsv.")

    @Option(name: .shortAndLong, help: ArgumentHelp("A vocabulary or counts file.", valueName: "file"), completion: .file())
    var model: String

    @Option(help: "Output format.")
    var format: Format = .jsonl

    func run() throws {
        let reader = try ArchiveReader(path: model)
        let out = OutputWriter()
        if reader.kind == TokenCounter.archiveKind {
            let counter = try TokenCounter(archive: reader)
            for (token, count) in counter.sortedByFrequency() {
                try row(out, token: token, id: nil, count: count)
            }
        } else {
            let vocabulary = try Vocabulary(archive: reader)
            for (id, token) in vocabulary.tokens.enumerated() {
                try row(out, token: token, id: id, count: vocabulary.counts[id])
            }
        }
        try out.close()
    }

    func row(_ out: OutputWriter, token: String, id: Int?, count: Int) throws {
        switch format {
        case .jsonl:
            out.beginRecord()
            out.key("token"); out.stringValue(token)
            if let id { out.key("id"); out.integerValue(id) }
            out.key("count"); out.integerValue(count)
            try out.endRecord()
        case .tsv:
            out.write(token)
            if let id { out.write("\t"); out.integerValue(id) }
            out.write("\t")
            out.integerValue(count)
            try out.endLine()
        }
    }
}

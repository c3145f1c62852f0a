import Foundation
import Testing
import _TestSupport

/// The man pages and completion scripts in the repository are generated from the programs'
/// argument definitions (`scripts/generate-docs.sh`). These tests fail when they go stale.
@Suite struct DocumentationTests {
    static let programs = ["tokenize", "vocab", "bleu", "embed-train", "embed-query", "debias", "lm-train", "sample"]

    @Test(arguments: programs)
    func completionScriptsMatchTheArgumentDefinitions(program: String) throws {
        for (shell, file) in [("bash", "completions/bash/\(program)"), ("zsh", "completions/zsh/_\(program)"),
                              ("fish", "completions/fish/\(program).fish")] {
            let generated = try Subprocess.nlpipe(program, ["--generate-completion-script", shell])
            #expect(generated.status == 0)
            let committed = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            #expect(generated.stdoutText == committed, "\(file) is stale: run scripts/generate-docs.sh")
        }
    }

    @Test(arguments: programs)
    func manPagesNameEveryOption(program: String) throws {
        let dump = try Subprocess.nlpipe(program, ["--experimental-dump-help"])
        #expect(dump.status == 0)
        let info = try JSONSerialization.jsonObject(with: dump.stdout) as! [String: Any]
        var options: [(command: String, name: String)] = []
        func collect(_ command: [String: Any], path: [String]) {
            let name = (path + [command["commandName"] as? String ?? ""]).joined(separator: ".")
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for n in argument["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    options.append((name, n["name"] as! String))
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                collect(sub, path: path + [command["commandName"] as? String ?? ""])
            }
        }
        collect(info["command"] as! [String: Any], path: [])
        #expect(!options.isEmpty)
        for option in options {
            let page = SharedData.repositoryRoot.appendingPathComponent("man/\(option.command).1")
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(text.contains("Fl -\(option.name)"), "man/\(option.command).1 lacks --\(option.name): run scripts/generate-docs.sh")
        }
    }
}

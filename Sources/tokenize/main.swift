import ArgumentParser
import CommandLineSupport

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tokenize", abstract: "Split text into tokens.", version: NLPipeVersion.string)
    @Option(help: "A test option.") var level: String = "word"
    func run() throws {}
}
ProgramRunner.main(Tokenize.self)

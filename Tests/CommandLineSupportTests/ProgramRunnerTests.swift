import Diagnostics
import Testing
@testable import CommandLineSupport

@Suite struct ProgramRunnerTests {
    @Test func failureKindsMapToTheDocumentedExitCodes() {
        #expect(ExitStatus(.usage).rawValue == 64)
        #expect(ExitStatus(.badData).rawValue == 65)
        #expect(ExitStatus(.noInput).rawValue == 66)
        #expect(ExitStatus(.io).rawValue == 74)
        #expect(ExitStatus(.other).rawValue == 1)
    }

    @Test func argumentParserMessagesStartWithTheProgramName() {
        let message = "Error: Unknown option '--bogus'\nUsage: tokenize [--level <level>]\n  See 'tokenize --help' for more information.\n"
        #expect(ProgramRunner.usageMessage(message, program: "tokenize")
                == "tokenize: unknown option '--bogus'\nUsage: tokenize [--level <level>]\n  See 'tokenize --help' for more information.")
    }

    @Test func acronymsKeepTheirCase() {
        #expect(ProgramRunner.usageMessage("Error: JSON is bad", program: "p") == "p: JSON is bad")
    }
}

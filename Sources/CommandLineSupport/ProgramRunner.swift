import ArgumentParser
import Diagnostics
import Records
#if canImport(Glibc)
import Glibc
#endif

/// The exit codes every nlpipe program documents (sysexits.h).
public enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    case ioError = 74

    public init(_ kind: FailureKind) {
        switch kind {
        case .usage: self = .usage
        case .badData: self = .dataError
        case .noInput: self = .noInput
        case .io: self = .ioError
        case .other: self = .failure
        }
    }
}

/// The one entry point of every nlpipe executable: parses the command line, runs the command, and
/// turns every way of ending into the documented behaviour — `prog: message` on standard error with
/// the exit code of DESIGN.md, help and version on standard output with exit 0, and a quiet exit 0
/// when standard output is a pipe whose reader went away (`prog | head`).
public enum ProgramRunner {
    /// Runs the root command `Command` (or the subcommand the arguments name) and exits.
    public static func main<Command: ParsableCommand>(_ root: Command.Type, arguments: [String]? = nil) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let name = root.configuration.commandName ?? String(describing: root).lowercased()
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(ExitStatus.success.rawValue)
        } catch is OutputClosed {
            exit(ExitStatus.success.rawValue)
        } catch let error as ClassifiedError {
            StandardError.print("\(name): \(error.description)")
            exit(ExitStatus(error.kind).rawValue)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if code == .success {
                // --help, --version, --generate-completion-script: data for standard output.
                print(message)
                exit(ExitStatus.success.rawValue)
            }
            StandardError.print(usageMessage(message, program: name))
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }

    /// Rewrites argument-parser's `Error: …` into `prog: …`, keeping its usage hint.
    static func usageMessage(_ message: String, program: String) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first {
            let trimmed = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
            lines[0] = "\(program): \(lowercasedFirst(trimmed))"
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func lowercasedFirst(_ s: String) -> String {
        guard let first = s.first, first.isUppercase, !(s.dropFirst().first?.isUppercase ?? false) else { return s }
        return first.lowercased() + s.dropFirst()
    }
}

/// Unbuffered writes to standard error (diagnostics never go into the data stream).
public enum StandardError {
    public static func print(_ message: String) {
        var line = message
        if !line.hasSuffix("\n") { line += "\n" }
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// True when standard error is a terminal (progress is drawn only then).
    public static var isTerminal: Bool { isatty(2) == 1 }
}

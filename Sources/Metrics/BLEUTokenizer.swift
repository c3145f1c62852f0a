import Diagnostics

/// The BLEU tokenisers of sacreBLEU 2.6.0 (`sacrebleu/tokenizers/`), byte-identical.
///
/// `ja-mecab`, `ko-mecab` and the SentencePiece tokenisers (`spm`, `flores101`, `flores200`,
/// `spBLEU-1K`) need external models and libraries and are not offered; asking for one is a
/// usage error that lists the supported names.
public enum BLEUTokenizer: String, CaseIterable, Sendable {
    /// `13a`, the default: mteval-v13a.pl's tokenisation (`tokenizer_13a.py`).
    case thirteenA = "13a"
    /// `intl`: mteval-v14.pl's international tokenisation on Unicode categories (`tokenizer_intl.py`).
    case intl
    /// `zh`: every CJK character of sacreBLEU's ranges becomes a token, the rest as 13a
    /// (`tokenizer_zh.py`).
    case zh
    /// `char`: every character is a token (`tokenizer_char.py`).
    case char
    /// `none`: whitespace-separated tokens as given (`tokenizer_none.py`).
    case none

    /// Names sacreBLEU knows that need libraries this implementation does not bundle.
    private static let unsupportedNames: Set<String> = [
        "ja-mecab", "ko-mecab", "spm", "flores101", "flores200", "spBLEU-1K",
    ]

    /// The supported names, in sacreBLEU's documentation order.
    public static let supportedNames: [String] = ["13a", "intl", "zh", "char", "none"]

    /// The tokeniser called `name` (as in `sacrebleu -tok NAME`).
    /// - Throws: a `.usage` failure naming the supported tokenisers for an unknown or
    ///   unsupported name.
    public init(name: String) throws {
        if let tokenizer = BLEUTokenizer(rawValue: name) {
            self = tokenizer
            return
        }
        let supported = BLEUTokenizer.supportedNames.joined(separator: ", ")
        if BLEUTokenizer.unsupportedNames.contains(name) {
            throw Failure(.usage, "tokenizer '\(name)' is not supported here (it needs an external "
                + "library or model); supported tokenizers: \(supported)")
        }
        throw Failure(.usage, "unknown tokenizer '\(name)'; supported tokenizers: \(supported)")
    }

    /// The name in sacreBLEU's signature (`tok:13a`).
    public var signatureName: String { rawValue }

    /// The tokeniser's output for one line, exactly `tokenizer(line)` in sacreBLEU: tokens joined
    /// by single spaces (for `char`, every character including whitespace joined by spaces; for
    /// `none`, the line itself). No lowercasing or stripping happens here.
    public func tokenize(_ line: String) -> String {
        var line = line
        let workspace = TokenizerWorkspace()
        return line.withUTF8 { bytes in
            let output = workspace.tokenize(bytes, with: self)
            switch self {
            case .none, .char:
                return String(decoding: output, as: UTF8.self)
            case .thirteenA, .intl, .zh:
                return String(decoding: BLEUTokenizer.joinTokens(output), as: UTF8.self)
            }
        }
    }

    /// The tokens BLEU counts for one line: `tokenizer(line).split()`.
    public func tokens(_ line: String) -> [String] {
        var line = line
        let workspace = TokenizerWorkspace()
        return line.withUTF8 { bytes in
            let output = workspace.tokenize(bytes, with: self)
            var tokens: [String] = []
            PythonText.forEachToken(output.baseAddress!, output.count) { start, end in
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: output[start..<end]), as: UTF8.self))
            }
            return tokens
        }
    }

    /// `' '.join(text.split())` on bytes.
    static func joinTokens(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var joined: [UInt8] = []
        joined.reserveCapacity(text.count)
        guard let base = text.baseAddress else { return joined }
        PythonText.forEachToken(base, text.count) { start, end in
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        }
        return joined
    }
}

/// The scratch space of the tokenisers: two ping-pong buffers that the rewriting passes write
/// into, reused from line to line. One per worker.
final class TokenizerWorkspace {
    let first = ByteBuffer()
    let second = ByteBuffer()

    /// Runs `tokenizer` over `line` and returns its output before whitespace normalisation (the
    /// tokens are its `str.split()`), valid until the next call. O(line length).
    func tokenize(_ line: UnsafeBufferPointer<UInt8>, with tokenizer: BLEUTokenizer) -> UnsafeBufferPointer<UInt8> {
        guard let base = line.baseAddress, !line.isEmpty else {
            // Every tokeniser maps the empty line to text without tokens.
            return UnsafeBufferPointer(start: first.base, count: 0)
        }
        switch tokenizer {
        case .none:
            return line
        case .char:
            return RegexpPasses.joinCharacters(base, line.count, into: first)
        case .thirteenA:
            return RegexpPasses.tokenize13a(base, line.count, first, second)
        case .zh:
            return ChineseTokenization.tokenize(base, line.count, first, second)
        case .intl:
            return InternationalTokenization.tokenize(base, line.count, first, second)
        }
    }
}

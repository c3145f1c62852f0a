/// How a token attaches to its neighbours.
enum Glue: Equatable {
    case none, left, right, both
    /// French: a no-break space before the token, or after it.
    case frenchBefore, frenchAfter

    var joinsPrevious: Bool { self == .left || self == .both }
    var joinsNext: Bool { self == .right || self == .both }
}

/// The open/closed state of straight and German quotes across a line.
///
/// Straight quotes pair up in order. When a line holds an odd number of them and does not start
/// with one, the first closes a quotation begun before the line (`time," the jockey's wife said`);
/// when it starts with one, the last stays open. A `'` after a word ending in `s`, with no single
/// quote open, is an apostrophe (`James' dog`) and takes no part in the pairing.
struct QuoteState {
    private var doubleOpen = false
    private var singleOpen = false
    private var germanOpen = false
    private var doubleUnbalanced: Bool
    private var singleUnbalanced: Bool

    init(_ tokens: [String]) {
        var doubles = 0, singles = 0, previous: String? = nil
        var firstDouble = -1, firstSingle = -1
        for (i, token) in tokens.enumerated() {
            if token == "\"" {
                doubles += 1
                if firstDouble < 0 { firstDouble = i }
            } else if token == "'" && !Self.isPossessive(previous, singleOpen: false) {
                singles += 1
                if firstSingle < 0 { firstSingle = i }
            }
            previous = token
        }
        doubleUnbalanced = doubles % 2 == 1 && firstDouble > 0
        singleUnbalanced = singles % 2 == 1 && firstSingle > 0
    }

    private static func isPossessive(_ previous: String?, singleOpen: Bool) -> Bool {
        guard !singleOpen, let last = previous?.last else { return false }
        return last == "s" || last == "S"
    }

    /// The glue of a quote token given what is open; other tokens keep `glue`.
    mutating func resolve(_ token: String, glue: Glue, previous: String?) -> Glue {
        switch token {
        case "\"":
            if doubleUnbalanced {
                doubleUnbalanced = false
                return .left
            }
            doubleOpen.toggle()
            return doubleOpen ? .right : .left
        case "'":
            if Self.isPossessive(previous, singleOpen: singleOpen) { return .left }
            if singleUnbalanced {
                singleUnbalanced = false
                return .left
            }
            singleOpen.toggle()
            return singleOpen ? .right : .left
        case "„":
            germanOpen = true
            return .right
        case "“" where germanOpen:
            germanOpen = false
            return .left
        default:
            return glue
        }
    }
}

extension Detokenizer {
    static let closing: Set<Character> = [".", ",", ";", ":", "!", "?", "%", "‰", "…", ")", "]", "}", ">", "”", "’", "»", "›",
                                          "\u{060C}", "\u{061B}", "\u{061F}", "\u{06D4}", "\u{0964}", "\u{0965}"]
    private static let opening: Set<String> = ["(", "[", "{", "<", "“", "‘", "„", "‚", "«", "‹", "¿", "¡", "$", "£", "€", "¥", "#"]
    private static let joining: Set<String> = ["-", "\u{2010}", "\u{2011}", "\u{2014}", "/"]
    private static let frenchSpaced: Set<String> = [":", ";", "!", "?", "»"]

    /// The glue a token has by itself, before quotes and numbers are considered.
    static func glue(of token: String, french: Bool) -> Glue {
        if french {
            if frenchSpaced.contains(token) { return .frenchBefore }
            if token == "«" { return .frenchAfter }
        }
        if joining.contains(token) { return .both }
        if opening.contains(token) { return .right }
        if token.allSatisfy(closing.contains) { return .left }
        return .none
    }

    /// Whether a token is a number: ASCII digits with `.` or `,` inside.
    static func isNumber(_ token: String) -> Bool {
        guard let first = token.first, first.isASCIIDigitLike, let last = token.last, last.isASCIIDigitLike else { return false }
        return token.allSatisfy { $0.isASCIIDigitLike || $0 == "." || $0 == "," }
    }

    static func closesGroup(_ token: String) -> Bool {
        token == ")" || token == "]" || token == "}"
    }

    /// Whether no space goes between two scalars because one of them belongs to a script written
    /// without spaces, or is CJK or full-width punctuation.
    static func isUnspaced(_ before: Unicode.Scalar?, _ after: Unicode.Scalar?) -> Bool {
        isUnspacedScript(before) || isUnspacedScript(after)
    }

    private static func isUnspacedScript(_ scalar: Unicode.Scalar?) -> Bool {
        guard let v = scalar?.value else { return false }
        switch v {
        case 0x0E00...0x0EFF,      // Thai, Lao
             0x1000...0x109F,      // Myanmar
             0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
             0x2E80...0x2FDF,      // CJK radicals, Kangxi radicals
             0x3000...0x303F,      // CJK symbols and punctuation
             0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
             0xFE30...0xFE4F,      // CJK compatibility forms
             0xFF00...0xFFEF,      // half-width and full-width forms
             0x20000...0x3FFFF:    // Han extensions
            return true
        default:
            return false
        }
    }
}

extension Character {
    /// An ASCII digit (the detokenizer's number rules are about ASCII numbers).
    var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}

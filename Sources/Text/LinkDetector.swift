import Glibc

/// Finds URLs and e-mail addresses in UTF-8 text, so the word tokenizer can keep each one whole.
///
/// Only ASCII is recognised (an IRI's non-ASCII part ends the link). Precisely:
/// - a URL with a scheme: `scheme://rest`, the scheme a letter followed by letters, digits, `+`,
///   `-` or `.` (RFC 3986, section 3.1), the rest one or more URL characters;
/// - a `www.` URL: `www.` in any case at a word start, followed by a letter or digit, then URL
///   characters;
/// - an e-mail address: `local@domain`, the local part letters, digits and `. _ % + -`, the domain
///   two or more dot-separated labels of letters, digits and `-`, the last at least two letters.
///
/// URL characters are RFC 3986's unreserved, reserved and `%` characters (letters, digits and
/// ``-._~:/?#[]@!$&'()*+,;=%``). A URL loses trailing `.,;:!?'*` and a closing `)` or `]` that has
/// no opening partner inside it, so "(see https://example.com/a)." ends at `a`. A link's span is
/// widened to the word-break segments it touches when the tokenizer merges them (`TokenWriter`).
enum LinkDetector {
    private static let urlCharacters: [Bool] = makeSet("-._~:/?#[]@!$&'()*+,;=%", alphanumerics: true)
    private static let schemeCharacters: [Bool] = makeSet("+-.", alphanumerics: true)
    private static let localCharacters: [Bool] = makeSet("._%+-", alphanumerics: true)
    private static let domainCharacters: [Bool] = makeSet(".-", alphanumerics: true)

    private static func makeSet(_ punctuation: String, alphanumerics: Bool) -> [Bool] {
        var set = [Bool](repeating: false, count: 256)
        for b in punctuation.utf8 { set[Int(b)] = true }
        if alphanumerics {
            for b in UInt8(ascii: "a")...UInt8(ascii: "z") { set[Int(b)] = true; set[Int(b - 32)] = true }
            for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(b)] = true }
        }
        return set
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) }

    /// The end of the `www.` URL that starts at byte `p`, if one does: `www.` in any case, followed
    /// by a letter or digit, not preceded by a URL character other than `(` or `[` (so the `www` of
    /// `http://www.…` or `x.www.…` does not start a second URL). O(length of the URL).
    @inline(__always)
    static func wwwURLEnd(_ base: UnsafePointer<UInt8>, _ n: Int, at p: Int) -> Int? {
        guard base[p] | 0x20 == 0x77, p + 4 < n, base[p + 1] | 0x20 == 0x77, base[p + 2] | 0x20 == 0x77,
              base[p + 3] == 0x2E, isAlphanumeric(base[p + 4]),
              p == 0 || !urlCharacters[Int(base[p - 1])] || base[p - 1] == 0x28 || base[p - 1] == 0x5B else { return nil }
        let end = urlEnd(base, n, from: p + 4)
        return end > p + 4 ? end : nil
    }

    /// Appends to `links` the URLs with a scheme and the e-mail addresses of `text`, found from
    /// their `:` and `@` (located with `memchr`), sorted and disjoint. O(n).
    static func findSchemeURLsAndAddresses(in text: UnsafeBufferPointer<UInt8>, into links: inout [Range<Int>]) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        let first = links.count
        var p = 0
        while p < n, let found = memchr(base + p, 0x3A, n - p) {
            let colon = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            p = colon + 1
            guard colon + 3 < n, base[colon + 1] == 0x2F, base[colon + 2] == 0x2F else { continue }
            var s = colon
            while s > 0 && schemeCharacters[Int(base[s - 1])] { s -= 1 }
            while s < colon && !isLetter(base[s]) { s += 1 }
            guard s < colon else { continue }
            let end = urlEnd(base, n, from: colon + 3)
            if end > colon + 3 { links.append(s..<end); p = end }
        }
        p = 0
        while p < n, let found = memchr(base + p, 0x40, n - p) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            p = at + 1
            if let address = emailAround(base, n, at: at) { links.append(address); p = address.upperBound }
        }
        guard links.count - first > 1 else { return }
        links[first...].sort { $0.lowerBound < $1.lowerBound }
        var kept = first
        for i in (first + 1)..<links.count {
            if links[i].lowerBound < links[kept].upperBound {
                links[kept] = links[kept].lowerBound..<max(links[kept].upperBound, links[i].upperBound)
            } else {
                kept += 1
                links[kept] = links[i]
            }
        }
        links.removeSubrange((kept + 1)...)
    }

    /// Where a URL whose body starts at `from` ends: the run of URL characters, less trailing
    /// punctuation and unbalanced closing brackets.
    private static func urlEnd(_ base: UnsafePointer<UInt8>, _ n: Int, from: Int) -> Int {
        var end = from
        var parentheses = 0, brackets = 0
        while end < n && urlCharacters[Int(base[end])] {
            switch base[end] {
            case 0x28: parentheses += 1
            case 0x29: parentheses -= 1
            case 0x5B: brackets += 1
            case 0x5D: brackets -= 1
            default: break
            }
            end += 1
        }
        while end > from {
            switch base[end - 1] {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x2A: end -= 1
            case 0x29 where parentheses < 0: end -= 1; parentheses += 1
            case 0x5D where brackets < 0: end -= 1; brackets += 1
            default: return end
            }
        }
        return end
    }

    /// The e-mail address whose `@` is at `at`, if the text around it is one.
    private static func emailAround(_ base: UnsafePointer<UInt8>, _ n: Int, at: Int) -> Range<Int>? {
        var start = at
        while start > 0 && localCharacters[Int(base[start - 1])] { start -= 1 }
        while start < at && base[start] == 0x2E { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        while end < n && domainCharacters[Int(base[end])] { end += 1 }
        while end > at + 1 && (base[end - 1] == 0x2E || base[end - 1] == 0x2D) { end -= 1 }
        // Labels must be non-empty and the last one (the top-level domain) at least two letters.
        var labelStart = at + 1, labels = 0
        var i = at + 1
        while i <= end {
            if i == end || base[i] == 0x2E {
                guard i > labelStart else { return nil }
                labels += 1
                if i == end {
                    guard i - labelStart >= 2 else { return nil }
                    for j in labelStart..<i where !isLetter(base[j]) { return nil }
                }
                labelStart = i + 1
            }
            i += 1
        }
        return labels >= 2 ? start..<end : nil
    }
}

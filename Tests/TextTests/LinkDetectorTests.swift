import Testing
@testable import Text

/// Which URLs and e-mail addresses the default word mode keeps whole (`LinkDetector`).
@Suite struct LinkDetectorTests {
    static func tokens(_ text: String) throws -> [String] { try Tokenizer().tokenize(text).tokens }

    @Test func schemeURLs() throws {
        #expect(try Self.tokens("Visit https://www.example.com/path?q=1&lang=en#top now")
                == ["Visit", "https://www.example.com/path?q=1&lang=en#top", "now"])
        #expect(try Self.tokens("HTTP://X.COM/A and ftp://files.example.org/x.tar.gz.")
                == ["HTTP://X.COM/A", "and", "ftp://files.example.org/x.tar.gz", "."])
        #expect(try Self.tokens("svn+ssh://host/repo, git://h/x; https://user@host.com:8080/x?y=1#z!")
                == ["svn+ssh://host/repo", ",", "git://h/x", ";", "https://user@host.com:8080/x?y=1#z", "!"])
        // Trailing punctuation and unbalanced closing brackets stay outside; balanced ones inside.
        #expect(try Self.tokens("(see https://en.wikipedia.org/wiki/Swift_(language)).")
                == ["(", "see", "https://en.wikipedia.org/wiki/Swift_(language)", ")", "."])
        #expect(try Self.tokens("[https://x.org/a] 'https://x.org/b'")
                == ["[", "https://x.org/a", "]", "'", "https://x.org/b", "'"])
        // Only ASCII belongs to a URL; the link then ends with the word it is in.
        #expect(try Self.tokens("https://de.wikipedia.org/wiki/Straße ok") == ["https://de.wikipedia.org/wiki/Straße", "ok"])
        // Not URLs: no body after ://, no scheme, a time.
        #expect(try Self.tokens("http:// 12:30 ://x") == ["http", ":", "/", "/", "12", ":", "30", ":", "/", "/", "x"])
    }

    @Test func wwwURLs() throws {
        #expect(try Self.tokens("www.example.com/path?x=1. WWW.X.ORG (www.y.net)")
                == ["www.example.com/path?x=1", ".", "WWW.X.ORG", "(", "www.y.net", ")"])
        // Not at a word start, or nothing after the dot.
        #expect(try Self.tokens("awww.x www. www") == ["awww.x", "www", ".", "www"])
    }

    @Test func emailAddresses() throws {
        #expect(try Self.tokens("mail jane.doe+tag@example.co.uk, or x_y%z@sub-d.example.com.")
                == ["mail", "jane.doe+tag@example.co.uk", ",", "or", "x_y%z@sub-d.example.com", "."])
        #expect(try Self.tokens("mailto:ann@b.io") == ["mailto", ":", "ann@b.io"])
        // Not addresses (ICU 72's own segmentation, where `@` is a letter, stays).
        #expect(try Self.tokens("@user a@b x@y.z 5@3.14") == ["@user", "a@b", "x@y.z", "5@3.14"])
        #expect(try Self.tokens("a+b@c") == ["a", "+", "b@c"])
    }

    /// With `keepURLs` off, ICU's segmentation is untouched.
    @Test func plainICU() throws {
        let plain = try Tokenizer(TokenizerOptions(keepURLs: false))
        #expect(try plain.tokenize("https://x.org/a b@c.de").tokens == ["https", ":", "/", "/", "x.org", "/", "a", "b@c.de"])
        #expect(try plain.tokenize("jane.doe+tag@example.co.uk").tokens == ["jane.doe", "+", "tag@example.co.uk"])
    }

    /// Links are found in text that ICU segments too (non-simple lines) and after NFKC.
    @Test func linksInICUPath() throws {
        // The scheme URL's host is not ASCII, so it is no link; the www URL ends at the Han character.
        #expect(try Self.tokens("访问https://例子.cn/a和www.example.com/b吧")
                == ["访问", "https", ":", "/", "/", "例子", ".", "cn", "/", "a", "和", "www.example.com/b", "吧"])
        let nfkc = try Tokenizer(TokenizerOptions(normalize: .nfkc))
        #expect(try nfkc.tokenize("見て：ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ　です").tokens
                == ["見", "て", ":", "https://example.com/a", "です"])
        #expect(try Self.tokens("😀 mail ann@b.io 😀") == ["😀", "mail", "ann@b.io", "😀"])
    }
}

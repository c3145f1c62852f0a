import Foundation
import Testing
import Embeddings
import _TestSupport

/// Cross-checks with gensim 4.4's `KeyedVectors` (the reference reader and writer of the
/// word2vec formats): gensim reads what we write, text and binary, with equal vectors, and we
/// read what gensim writes.
struct GensimInteropTests {
    @Test func gensimReadsOursAndWeReadGensims() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let original = try TestVectors.random(count: 300, dimension: 17, seed: 11)
        try Data(try original.exported(.word2vecText)).write(to: URL(fileURLWithPath: dir.path("ours.txt")))
        try Data(try original.exported(.word2vecBinary)).write(to: URL(fileURLWithPath: dir.path("ours.bin")))
        try original.write(to: dir.path("ours.nlpipe"))
        let script = """
        import sys, json, numpy as np
        from gensim.models import KeyedVectors
        from safetensors.numpy import load_file
        d = sys.argv[1]
        text = KeyedVectors.load_word2vec_format(d + '/ours.txt', binary=False)
        binary = KeyedVectors.load_word2vec_format(d + '/ours.bin', binary=True)
        stored = load_file(d + '/ours.nlpipe')['vectors']
        text.save_word2vec_format(d + '/gensim.txt', binary=False)
        binary.save_word2vec_format(d + '/gensim.bin', binary=True)
        print(json.dumps({
            'text_equal': bool(np.array_equal(text.vectors, stored)),
            'binary_equal': bool(np.array_equal(binary.vectors, stored)),
            'words_equal': text.index_to_key == binary.index_to_key,
            'words': binary.index_to_key,
        }))
        """
        let result = try #require(try pythonJSON(script, [dir.url.path]) as? [String: Any])
        #expect(result["text_equal"] as? Bool == true)
        #expect(result["binary_equal"] as? Bool == true)
        #expect(result["words_equal"] as? Bool == true)
        #expect(result["words"] as? [String] == original.words)
        for name in ["gensim.txt", "gensim.bin"] {
            let back = try WordVectors(contentsOf: dir.path(name))
            #expect(back.words == original.words, "\(name)")
            #expect(back.vectors == original.vectors, "\(name)")
        }
    }
}

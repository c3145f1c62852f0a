import Foundation
import Testing
import Kernels
import Embeddings
import _TestSupport

/// The PCA behind `--plot`, against numpy's SVD of the centred rows (components agree up to
/// sign), and the SVG it draws.
struct MapTests {
    @Test func principalComponentsMatchNumpy() throws {
        var random = TestRandom(seed: 21)
        let rows = (0..<12).map { r in (0..<9).map { c in Float(random.normal() * Double(1 + c % 3) + (r < 6 ? 2 : -2)) } }
        let pca = PrincipalComponents(rows: rows, components: 2)
        let script = """
        import sys, json, numpy as np
        x = np.array(json.loads(sys.argv[1]), dtype=np.float64)
        c = x - x.mean(axis=0)
        u, s, vt = np.linalg.svd(c, full_matrices=False)
        print(json.dumps({'coords': (c @ vt[:2].T).tolist(), 'variances': (s[:2] ** 2 / (len(x) - 1)).tolist(),
                          'total': float((c ** 2).sum() / (len(x) - 1))}))
        """
        let argument = String(decoding: try JSONSerialization.data(withJSONObject: rows.map { $0.map(Double.init) }), as: UTF8.self)
        let reference = try #require(try pythonJSON(script, [argument]) as? [String: Any])
        let coords = try #require(reference["coords"] as? [[Double]])
        let variances = try #require(reference["variances"] as? [Double])
        for k in 0..<2 {
            #expect(abs(pca.variances[k] - variances[k]) < 1e-9 * variances[k])
            let sign = (coords[0][k] * pca.coordinates[0][k]) < 0 ? -1.0 : 1.0
            for r in 0..<rows.count { #expect(abs(sign * coords[r][k] - pca.coordinates[r][k]) < 1e-7) }
        }
        #expect(abs(pca.totalVariance - (reference["total"] as? Double ?? 0)) < 1e-9)
    }

    @Test func theSVGEscapesLabelsAndNeedsTwoWords() throws {
        let v = try WordVectors(words: ["a<b", "c&d", "e"], vectors: FloatMatrix(rows: 3, columns: 2, values: [0, 0, 1, 0, 0, 1]))
        let svg = try EmbeddingMap(v, indices: [0, 1, 2]).svg()
        #expect(svg.contains(">a&lt;b</text>") && svg.contains(">c&amp;d</text>"))
        #expect(throws: EmbeddingsError.self) { try EmbeddingMap(v, indices: [0]) }
    }
}

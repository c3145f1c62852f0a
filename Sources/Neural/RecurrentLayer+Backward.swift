import Kernels

extension RecurrentLayer {
    /// Backpropagation through time over the last forward pass. `outputGradient` is dL/da⟨t⟩ from
    /// above for every step (steps·batch × H); no gradient arrives from beyond the last step
    /// (truncated BPTT). Adds dL/dW_x, dL/dW_h, dL/db to the parameters' gradients, writes dL/dX
    /// to `inputGradient` (dL/dT, V × I, after `forward(ids:table:…)`) and returns it; dL/d(initial
    /// state) is left in `initialStateGradient`.
    ///
    /// For each step t, from the last: da = dY⟨t⟩ + da⟨t⟩ (from step t+1), the gate derivatives of
    /// the cell (σ' = σ(1−σ), tanh' = 1 − tanh²) give dZ⟨t⟩, and da⟨t−1⟩ = dZ⟨t⟩·W_h. Then
    /// dW_x += dZᵀ·X, dW_h += dZᵀ·A_prev, db += Σ dZ, dX = dZ·W_x, each one product.
    @discardableResult
    public func backward(_ outputGradient: Matrix<T>) -> Matrix<T> { backward(outputGradient, deferring: nil) }

    /// `backward(_:)`, with dW_x, dW_h and db left to `work` when given (dX, which the layer below
    /// needs next, is computed at once, on this thread).
    func backward(_ outputGradient: Matrix<T>, deferring work: DeferredWork?) -> Matrix<T> {
        precondition(outputGradient.rows == steps * batch && outputGradient.columns == hiddenSize,
                     "RecurrentLayer.backward: gradient \(outputGradient.rows)×\(outputGradient.columns)")
        let h = hiddenSize, width = kind.blockCount * h, n = steps * batch
        gateGradients.reshape(rows: n, columns: width)
        let dh = initialStateGradient.hidden, dc = initialStateGradient.cell
        initialStateGradient.reset(batch: batch)
        if kind == .gru { resetGradient.reshape(rows: batch, columns: h) }
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let dY = outputGradient.row(t * batch)
            let dZ = gateGradients.row(t * batch)
            switch kind {
            case .rnn:
                let a = gates.row(t * batch)
                for i in 0..<(batch * h) {
                    let total = dY[i] + dh.base[i]
                    dZ[i] = total * (1 - a[i] * a[i])
                }
            case .lstm:
                lstmBackwardStep(t, dY: dY, dZ: dZ, dh: dh.base, dc: dc.base)
            case .gru:
                gruBackwardStep(t, dY: dY, dZ: dZ, dh: dh.base)
            }
            if recurrentProducts.enabled {
                // da⟨t−1⟩ = dZ⟨t⟩·W_h.
                RecurrentProducts.multiply(dZ, lda: width, hiddenWeight.value.base, ldb: h,
                                           m: batch, n: h, k: width, into: dh.base, ldc: h, accumulate: false)
            } else if kind != .gru {
                Products.multiply(dZ, lda: width, hiddenWeight.value.base, ldb: h,
                                  m: batch, n: h, k: width, into: dh.base, ldc: h)
            }
        }
        // Whole-sequence products.
        if let (table, ids) = tableInput {
            // Per table row: G = the dZ rows summed by id (V × blocks·H); dW_x += Gᵀ·T, dT = G·W_x.
            tableGates.reshape(rows: table.rows, columns: width)
            tableGates.zero()
            for (r, id) in ids.enumerated() {
                T.axpy(1, gateGradients.row(r), tableGates.row(Int(id)), count: width)
            }
        }
        if let work {
            work.add { self.addWeightGradients(threads: 1) }
        } else {
            addWeightGradients(threads: threads)
        }
        let productThreads = work == nil ? threads : 1
        if let table = tableInput?.table {
            inputGradient.reshape(rows: table.rows, columns: inputSize)
            Products.multiply(tableGates.base, lda: width, inputWeight.value.base, ldb: inputSize,
                              m: table.rows, n: inputSize, k: width, into: inputGradient.base, ldc: inputSize,
                              threads: productThreads)
        } else {
            inputGradient.reshape(rows: n, columns: inputSize)
            Products.multiply(gateGradients.base, lda: width, inputWeight.value.base, ldb: inputSize,
                              m: n, n: inputSize, k: width, into: inputGradient.base, ldc: inputSize,
                              threads: productThreads)
        }
        return inputGradient
    }

    /// dW_x += dZᵀ·X (Gᵀ·T per table row), dW_h += dZᵀ·A_prev (GRU: the update and relevance
    /// blocks on a⟨t−1⟩, the candidate block on r ∗ a⟨t−1⟩), db += Σ dZ.
    private func addWeightGradients(threads: Int) {
        let h = hiddenSize, width = kind.blockCount * h, n = steps * batch
        if let table = tableInput?.table {
            Products.multiply(tableGates.base, lda: width, transposeA: true, table.base, ldb: inputSize,
                              m: width, n: inputSize, k: table.rows, into: inputWeight.gradient.base, ldc: inputSize,
                              accumulate: true, threads: threads)
        } else {
            Products.multiply(gateGradients.base, lda: width, transposeA: true, input.base, ldb: inputSize,
                              m: width, n: inputSize, k: n, into: inputWeight.gradient.base, ldc: inputSize,
                              accumulate: true, threads: threads)
        }
        if kind == .gru {
            Products.multiply(gateGradients.base, lda: width, transposeA: true, previousHidden.base, ldb: h,
                              m: 2 * h, n: h, k: n, into: hiddenWeight.gradient.base, ldc: h, accumulate: true, threads: threads)
            Products.multiply(gateGradients.base + 2 * h, lda: width, transposeA: true, resetHidden.base, ldb: h,
                              m: h, n: h, k: n, into: hiddenWeight.gradient.base + 2 * h * h, ldc: h, accumulate: true,
                              threads: threads)
        } else {
            Products.multiply(gateGradients.base, lda: width, transposeA: true, previousHidden.base, ldb: h,
                              m: width, n: h, k: n, into: hiddenWeight.gradient.base, ldc: h, accumulate: true, threads: threads)
        }
        gateGradients.addRowSums(into: bias.gradient.base)
    }

    /// With da the total gradient of a⟨t⟩ and dc that of c⟨t⟩ from step t+1:
    /// dc ← dc + da∗Γ_o∗(1 − tanh²c); dZ_o = da∗tanh(c)∗Γ_o(1−Γ_o); dZ_u = dc∗c̃∗Γ_u(1−Γ_u);
    /// dZ_f = dc∗c⟨t−1⟩∗Γ_f(1−Γ_f); dZ_c = dc∗Γ_u∗(1−c̃²); dc⟨t−1⟩ = dc∗Γ_f.
    private func lstmBackwardStep(_ t: Int, dY: UnsafePointer<T>, dZ: UnsafeMutablePointer<T>,
                                  dh: UnsafeMutablePointer<T>, dc: UnsafeMutablePointer<T>) {
        let h = hiddenSize, width = 4 * h
        let cPrevious = t == 0 ? initialCell.base : cells.row((t - 1) * batch)
        if T.self == Float.self {
            // Kernels' `LSTMKernels`: the same expressions in the same order (so the same roundings).
            LSTMSteps.backward(batch: batch, hidden: h, gates: Self.float(gates.row(t * batch)),
                               cellTanh: Self.float(cellTanh.row(t * batch)), previousCell: Self.float(cPrevious),
                               outputGradient: Self.float(dY), hiddenGradient: Self.float(dh),
                               cellGradient: Self.float(dc), gateGradients: Self.float(dZ))
            return
        }
        for s in 0..<batch {
            let g = gates.row(t * batch + s), z = dZ + s * width, tc = cellTanh.row(t * batch + s)
            let cPrev = cPrevious + s * h
            let dYs = dY + s * h, dhs = dh + s * h, dcs = dc + s * h
            for j in 0..<h {
                LSTMKernels.backwardUnit(j, hidden: h, gates: g, cellTanh: tc[j], previousCell: cPrev[j], outputGradient: dYs[j],
                                         hiddenGradient: dhs[j], cellGradient: &dcs[j], gateGradients: z)
            }
        }
    }

    /// With da the total gradient of a⟨t⟩ = c⟨t⟩: dZ_c = da∗Γ_u∗(1−c̃²); dZ_u = da∗(c̃ − c⟨t−1⟩)∗Γ_u(1−Γ_u);
    /// d(Γ_r∗c⟨t−1⟩) = dZ_c·W_hc; dZ_r = that∗c⟨t−1⟩∗Γ_r(1−Γ_r);
    /// dc⟨t−1⟩ = da∗(1−Γ_u) + d(Γ_r∗c⟨t−1⟩)∗Γ_r + [dZ_r, dZ_u]·W_h[r, u].
    private func gruBackwardStep(_ t: Int, dY: UnsafePointer<T>, dZ: UnsafeMutablePointer<T>, dh: UnsafeMutablePointer<T>) {
        let h = hiddenSize, width = 3 * h
        let previous = previousHidden.row(t * batch)
        for s in 0..<batch {
            let g = gates.row(t * batch + s), z = dZ + s * width, p = previous + s * h
            let dYs = dY + s * h, dhs = dh + s * h
            for j in 0..<h {
                let u = g[h + j], candidate = g[2 * h + j]
                let da = dYs[j] + dhs[j]
                z[2 * h + j] = da * u * (1 - candidate * candidate)
                z[h + j] = da * (candidate - p[j]) * u * (1 - u)
                dhs[j] = da * (1 - u)
            }
        }
        let dRH = resetGradient.base
        Products.multiply(dZ + 2 * h, lda: width, hiddenWeight.value.base + 2 * h * h, ldb: h,
                          m: batch, n: h, k: h, into: dRH, ldc: h)
        for s in 0..<batch {
            let g = gates.row(t * batch + s), z = dZ + s * width, p = previous + s * h
            let q = dRH + s * h, dhs = dh + s * h
            for j in 0..<h {
                let r = g[j]
                z[j] = q[j] * p[j] * r * (1 - r)
                dhs[j] += q[j] * r
            }
        }
        Products.multiply(dZ, lda: width, hiddenWeight.value.base, ldb: h,
                          m: batch, n: h, k: 2 * h, into: dh, ldc: h, accumulate: true)
    }
}

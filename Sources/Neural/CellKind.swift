/// The three recurrent cells of the course (Sequence Models, week 1), with the gates each
/// computes from [a⟨t−1⟩, x⟨t⟩]:
///
/// - `rnn`: a⟨t⟩ = tanh(W_a[a⟨t−1⟩, x⟨t⟩] + b_a) — one block;
/// - `gru` (the full GRU): Γ_r = σ(W_r[c⟨t−1⟩, x⟨t⟩] + b_r), Γ_u = σ(W_u[c⟨t−1⟩, x⟨t⟩] + b_u),
///   c̃⟨t⟩ = tanh(W_c[Γ_r ∗ c⟨t−1⟩, x⟨t⟩] + b_c), c⟨t⟩ = Γ_u ∗ c̃⟨t⟩ + (1 − Γ_u) ∗ c⟨t−1⟩,
///   a⟨t⟩ = c⟨t⟩ — blocks r, u, c̃;
/// - `lstm`: Γ_u, Γ_f, Γ_o = σ(W_{u,f,o}[a⟨t−1⟩, x⟨t⟩] + b), c̃⟨t⟩ = tanh(W_c[a⟨t−1⟩, x⟨t⟩] + b_c),
///   c⟨t⟩ = Γ_u ∗ c̃⟨t⟩ + Γ_f ∗ c⟨t−1⟩, a⟨t⟩ = Γ_o ∗ tanh(c⟨t⟩) — blocks u, f, o, c̃.
///
/// W[a, x] is stored as two matrices, W = [W_h | W_x], so that W[a, x] = W_h·a + W_x·x: the
/// input half of every step is then one product over the whole sequence.
public enum CellKind: String, CaseIterable, Sendable {
    case rnn, gru, lstm

    /// How many H-wide blocks of pre-activations one step computes.
    public var blockCount: Int {
        switch self {
        case .rnn: return 1
        case .gru: return 3
        case .lstm: return 4
        }
    }
}

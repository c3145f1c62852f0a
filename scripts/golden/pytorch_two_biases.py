"""Golden numbers for Tests/NeuralTests/BiasRateTests.swift, from PyTorch 2.13 (CPU, float64).

A 2-layer LSTM language model (vocabulary 6, embedding 3, hidden 4) as nn.Embedding, nn.LSTM and
nn.Linear, whose every gate has PyTorch's two bias vectors b_ih and b_hh, trained on one fixed
batch (2 streams x 3 steps, the state zero each time, the loss summed over the steps and divided
by the streams) for 4 steps of Adam (lr 0.01) or SGD (lr 0.5), no clipping. Every weight is
0.3 sin(1.7 i + 0.9 k) for element i (row-major, in nlpipe's layout) of nlpipe's k-th parameter
tensor; the LSTM's b_ih takes nlpipe's bias and b_hh starts at zero, so the two models start
as the same function. Prints the loss before each step and after the last.

  python3 scripts/golden/pytorch_two_biases.py
"""
import math
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
V, E, H, LAYERS, STEPS, BATCH = 6, 3, 4, 2, 3, 2
INPUTS = [0, 3, 1, 4, 5, 2]    # time-major: step t, stream b at t * BATCH + b
TARGETS = [3, 1, 4, 5, 2, 0]


def values(k, count):
    return [0.3 * math.sin(1.7 * i + 0.9 * k) for i in range(count)]


def torch_gates(rows):
    """nlpipe's LSTM blocks are u, f, o, c~; PyTorch's are i, f, g, o."""
    u, f, o, c = rows.split(H)
    return torch.cat([u, f, c, o])


def model():
    embedding, lstm, out = nn.Embedding(V, E), nn.LSTM(E, H, LAYERS), nn.Linear(H, V)
    k = 0
    with torch.no_grad():
        embedding.weight.copy_(torch.tensor(values(k, V * E)).view(V, E)); k += 1
        for layer in range(LAYERS):
            size = E if layer == 0 else H
            getattr(lstm, f"weight_ih_l{layer}").copy_(torch_gates(torch.tensor(values(k, 4 * H * size)).view(4 * H, size))); k += 1
            getattr(lstm, f"weight_hh_l{layer}").copy_(torch_gates(torch.tensor(values(k, 4 * H * H)).view(4 * H, H))); k += 1
            getattr(lstm, f"bias_ih_l{layer}").copy_(torch_gates(torch.tensor(values(k, 4 * H)))); k += 1
            getattr(lstm, f"bias_hh_l{layer}").zero_()
        out.weight.copy_(torch.tensor(values(k, V * H)).view(V, H)); k += 1
        out.bias.copy_(torch.tensor(values(k, V)))
    return embedding, lstm, out


def losses(optimizer):
    embedding, lstm, out = model()
    parameters = list(embedding.parameters()) + list(lstm.parameters()) + list(out.parameters())
    opt = torch.optim.Adam(parameters, lr=0.01) if optimizer == "adam" else torch.optim.SGD(parameters, lr=0.5)
    x = torch.tensor(INPUTS).view(STEPS, BATCH)
    y = torch.tensor(TARGETS).view(STEPS, BATCH)
    result = []
    for step in range(5):
        y_hat, _ = lstm(embedding(x))
        loss = nn.functional.cross_entropy(out(y_hat).reshape(-1, V), y.reshape(-1), reduction="sum") / BATCH
        result.append(loss.item())
        if step == 4:
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    return result


for name in ("adam", "sgd"):
    print(name, ", ".join(repr(x) for x in losses(name)))

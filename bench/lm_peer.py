"""PyTorch (CPU) peer of lm-train and sample for bench/lm.sh: the same model, data layout,
loss scaling, optimiser, clipping and evaluation as nlpipe's lm-train, so the two are compared
at equal work.

  python3 lm_peer.py word TRAIN VALID THREADS EPOCHS        # Zaremba et al.'s small PTB model
  python3 lm_peer.py char TRAIN VALID THREADS EPOCHS [SECONDS [DECAY]]  # 2 x 128 LSTM, seq 100, batch 50, Adam 2e-3
  python3 lm_peer.py sample TRAIN THREADS LENGTH            # batch-1 sampling speed of a char model

With SECONDS (> 0), training stops at the first batch boundary after that many seconds of training
(validation excluded), as lm-train --time-limit does, even inside an epoch; EPOCHS is then an upper
bound. With DECAY > 1, lm-train's plateau schedule: the validation loss is evaluated after every
full epoch (outside the timed training) and when it is not below the best so far the learning rate
is divided by DECAY, as lm-train --lr-decay DECAY does. Prints one JSON line: tokens, seconds
(training only), tokens_per_s, cpu_seconds (processor time of the training, all threads),
tokens_per_cpu_s, valid_loss, valid_ppl, batches, stopped ("time_limit" when the budget ended the
run), decays and the final lr.

Environment: PEER_SEED (default 1) seeds torch; PEER_ONE_BIAS=1 fixes nn.LSTM's second bias
vector (bias_hh) at zero, so each gate has one bias as in lm-train's cell. With Adam the default
two vectors move a gate's bias twice as fast: on a 270k-character slice (3 epochs, seeds 1-3)
PyTorch's validation loss was 2.371 (mean) with two biases, 2.394 with one, and lm-train's 2.388.
lm-train --bias-lr-scale 2 trains its single bias as the two move (bench/lm.sh uses it).
"""
import json, math, os, sys, time
import torch
import torch.nn as nn


def read(path, level):
    seqs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if level == "word":
                toks = line.split()
                if toks:
                    seqs.append(toks)
            else:
                seqs.append(list(line))
    return seqs


def stream(seqs, vocab, boundary):
    ids = [vocab[boundary]]
    unk = vocab.get("<unk>", 0)
    for s in seqs:
        ids += [vocab.get(t, unk) for t in s]
        ids.append(vocab[boundary])
    return torch.tensor(ids, dtype=torch.long)


class LM(nn.Module):
    def __init__(self, v, embed, hidden, layers):
        super().__init__()
        self.embedding = nn.Embedding(v, embed)
        self.rnn = nn.LSTM(embed, hidden, layers)
        self.out = nn.Linear(hidden, v)

    def forward(self, x, state):
        y, state = self.rnn(self.embedding(x), state)
        return self.out(y), state


def batches(ids, batch, bptt):
    n = (len(ids) - 1) // batch
    x = ids[: n * batch].view(batch, n).t().contiguous()
    y = ids[1 : n * batch + 1].view(batch, n).t().contiguous()
    for start in range(0, n, bptt):
        yield x[start : start + bptt], y[start : start + bptt]


def evaluate(model, ids, batch, bptt, hidden, layers):
    """nlpipe's scheme: min(batch, n // bptt) segments (at least 1), the rest at batch 1."""
    model.eval()
    n = len(ids) - 1
    segments = max(1, min(batch, n // bptt))
    length = n // segments
    total = 0.0
    with torch.no_grad():
        for offset, count, b in [(0, length, segments), (length * segments, n - length * segments, 1)]:
            if count == 0:
                continue
            part = ids[offset : offset + count * b + 1]
            state = (torch.zeros(layers, b, hidden), torch.zeros(layers, b, hidden))
            x = part[: count * b].view(b, count).t()
            y = part[1 : count * b + 1].view(b, count).t()
            for s in range(0, count, bptt):
                logits, state = model(x[s : s + bptt], state)
                total += nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), y[s : s + bptt].reshape(-1), reduction="sum").item()
    model.train()
    return total / n


def train(level, train_path, valid_path, threads, epochs, budget=0.0, decay=1.0):
    torch.set_num_threads(threads)
    torch.manual_seed(int(os.environ.get("PEER_SEED", "1")))
    tr, va = read(train_path, level), read(valid_path, level)
    boundary = "</s>" if level == "word" else "\n"
    counts = {}
    for s in tr:
        for t in s:
            counts[t] = counts.get(t, 0) + 1
    words = sorted(counts, key=lambda t: (-counts[t], t))
    specials = ["<unk>", "<s>", "</s>", "<pad>"] if level == "word" else ["<unk>"]
    vocab = {t: i for i, t in enumerate(specials + [w for w in words if w not in specials] + ([] if level == "word" or "\n" in counts else ["\n"]))}
    if level == "word":
        hidden = embed = 200; layers = 2; bptt = 20; batch = 20
    else:
        hidden = embed = 128; layers = 2; bptt = 100; batch = 50
    model = LM(len(vocab), embed, hidden, layers)
    for p in model.parameters():
        nn.init.uniform_(p, -0.1, 0.1)
    if os.environ.get("PEER_ONE_BIAS") == "1":
        for name, p in model.rnn.named_parameters():
            if name.startswith("bias_hh"):
                nn.init.zeros_(p)
                p.requires_grad_(False)
    opt = torch.optim.SGD(model.parameters(), lr=1.0) if level == "word" else torch.optim.Adam(model.parameters(), lr=2e-3)
    ids, vids = stream(tr, vocab, boundary), stream(va, vocab, boundary)
    tokens, seconds, cpu, done, stopped = 0, 0.0, 0.0, 0, None
    best, decays, valid = None, 0, None
    for _ in range(epochs):
        if stopped:
            break
        state = (torch.zeros(layers, batch, hidden), torch.zeros(layers, batch, hidden))
        t0, c0 = time.perf_counter(), time.process_time()
        for x, y in batches(ids, batch, bptt):
            state = tuple(s.detach() for s in state)
            logits, state = model(x, state)
            # Summed over the steps, averaged over the streams (Zaremba et al.).
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), reduction="sum") / batch
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            tokens += x.numel()
            done += 1
            if budget > 0 and seconds + time.perf_counter() - t0 >= budget:
                stopped = "time_limit"
                break
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
        valid = None
        if decay > 1 and not stopped:
            valid = evaluate(model, vids, batch, bptt, hidden, layers)
            if best is not None and valid >= best:
                decays += 1
                for group in opt.param_groups:
                    group["lr"] /= decay
            else:
                best = valid
    if valid is None:  # the last epoch's evaluation is of the final model unless training went on
        valid = evaluate(model, vids, batch, bptt, hidden, layers)
    print(json.dumps({"tool": "pytorch", "tokens": tokens, "seconds": seconds, "tokens_per_s": tokens / seconds,
                      "cpu_seconds": cpu, "tokens_per_cpu_s": tokens / cpu, "valid_loss": valid, "valid_ppl": math.exp(valid), "threads": threads,
                      "torch_threads": torch.get_num_threads(), "batches": done, "stopped": stopped, "decays": decays,
                      "lr": opt.param_groups[0]["lr"]}))


def sample(train_path, threads, length):
    """Batch-1 generation speed of an (untrained) 2 x 128 char LSTM: one step per character."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    chars = sorted(set(open(train_path, encoding="utf-8").read()))
    model = LM(len(chars) + 1, 128, 128, 2).eval()
    state = (torch.zeros(2, 1, 128), torch.zeros(2, 1, 128))
    x = torch.zeros(1, 1, dtype=torch.long)
    t0 = time.perf_counter()
    with torch.no_grad():
        for _ in range(length):
            logits, state = model(x, state)
            x = torch.multinomial(torch.softmax(logits[0, 0], -1), 1).view(1, 1)
    seconds = time.perf_counter() - t0
    print(json.dumps({"tool": "pytorch", "tokens": length, "seconds": seconds, "tokens_per_s": length / seconds}))


if __name__ == "__main__":
    if sys.argv[1] == "sample":
        sample(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        train(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]),
              float(sys.argv[6]) if len(sys.argv) > 6 else 0.0, float(sys.argv[7]) if len(sys.argv) > 7 else 1.0)

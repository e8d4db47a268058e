"""Speed of one training step (steps 1–5 on one batch), side by side:

- bpcore.train                       — the package the book teaches with
- a hand-written numpy loop          — the same network, no abstractions
                                       (bench/handwritten.py)
- PyTorch CPU, nn + optim.SGD        — optional: pip install torch==2.13.0
- the step's matrix products alone   — for the large network

Times are the best of several repeats, the implementations interleaved so
that machine noise hits them alike. A step's time includes its share of the
train call's one-off set-up (input checks, one transposed copy of X for the
mini-batches), spread over the run's epochs as in real use. Run: `make bench`. Prints a Markdown
table (copied into README.md) and the ratios the project holds itself to.
"""
from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import bpcore as bp  # noqa: E402
import handwritten  # noqa: E402

try:
    import torch
except ImportError:
    torch = None


def best_time(fns: dict, repeats: int) -> dict:
    """Seconds per call of each fn: the minimum over ``repeats`` rounds,
    every round calling each fn once, in turn."""
    best = {name: np.inf for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def torch_steps(net, X, Y, loss, lr, epochs, batch_size, seed, dtype):
    """A closure that trains a torch copy of ``net`` for ``epochs`` epochs."""
    acts = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}
    torch.manual_seed(0)
    layers = []
    for l in range(1, net.L + 1):
        lin = torch.nn.Linear(net.sizes[l - 1], net.sizes[l]).to(dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(net.W[l]))
            lin.bias.copy_(torch.from_numpy(net.b[l].ravel()))
        layers.append(lin)
        if net.sigma[l].name != "softmax":
            layers.append(acts[net.sigma[l].name]())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    Xt = torch.from_numpy(np.ascontiguousarray(X.T)).to(dtype)
    if loss == "mse":
        Yt = torch.from_numpy(np.ascontiguousarray(Y.T)).to(dtype)
    else:
        Yt = torch.from_numpy(Y.argmax(axis=0))
    m = Xt.shape[0]
    rng = np.random.default_rng(seed)

    def run():
        for _ in range(epochs):
            order = torch.from_numpy(rng.permutation(m))
            for start in range(0, m, batch_size):
                idx = order[start:start + batch_size]
                xb, yb = Xt[idx], Yt[idx]
                opt.zero_grad()
                out = model(xb)
                if loss == "mse":
                    J = 0.5 * ((out - yb) ** 2).sum() / xb.shape[0]
                else:
                    J = torch.nn.functional.cross_entropy(out, yb)
                J.backward()
                opt.step()
    return run


def matmuls_only(net, X, Y, loss, batch_size, epochs):
    """The step's matrix products alone — W⁽ˡ⁾ a⁽ˡ⁻¹⁾ (step 1), (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾
    (step 3) and δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ (step 4) — on the very arrays of a real step
    (a mini-batch taken as train takes it), as many times as train runs."""
    m, L = X.shape[1], net.L
    idx = np.random.default_rng(0).permutation(m)[:batch_size]
    Xb = np.ascontiguousarray(X.T)[idx].T
    Yb = np.ascontiguousarray(Y.T)[idx].T
    trace = bp.forward(net, Xb)
    a, delta, W = trace.a, bp.backward(net, trace, Yb, loss).delta, net.W

    def run():
        for _ in range(epochs):
            for _ in range(0, m, batch_size):
                for l in range(1, L + 1):
                    W[l] @ a[l - 1]
                for l in range(L, 1, -1):
                    W[l].T @ delta[l]
                for l in range(1, L + 1):
                    delta[l] @ a[l - 1].T
    return run


def case(name, net, X, Y, loss, lr, epochs, batch_size, repeats, hand, with_torch, with_matmul):
    m = X.shape[1]
    steps = epochs * (-(-m // (batch_size or m)))
    nets = {"bpcore": net.copy()}
    fns = {
        "bpcore": lambda: bp.train(nets["bpcore"], X, Y, loss=loss, lr=lr, epochs=epochs,
                                   batch_size=batch_size, seed=0),
        "numpy by hand": lambda: hand(net.W, net.b, X, Y, lr, epochs),
    }
    if with_torch and torch is not None:
        dtype = torch.float64 if net.dtype == np.float64 else torch.float32
        fns["PyTorch"] = torch_steps(net, X, Y, loss, lr, epochs, batch_size or m, 0, dtype)
    if with_matmul:
        fns["matmuls only"] = matmuls_only(net, X, Y, loss, batch_size, epochs)
    t = best_time(fns, repeats)
    # the hand loop must reproduce bpcore bit for bit, or the comparison is void
    check = net.copy()
    h = bp.train(check, X, Y, loss=loss, lr=lr, epochs=epochs, batch_size=batch_size, seed=0)
    W, _, losses = hand(net.W, net.b, X, Y, lr, epochs)
    same = losses == h.loss and all(np.array_equal(W[l], check.W[l]) for l in W)
    return {"name": name, "steps": steps, "us": {k: v / steps * 1e6 for k, v in t.items()},
            "same": same}


def main():
    X, Y = bp.xor()
    xor_net = bp.Network([2, 4, 1], "sigmoid", seed=0)
    d = bp.digits(seed=0)
    dig_net = bp.Network([64, 32, 10], ["tanh", "softmax"], seed=0)
    rng = np.random.default_rng(0)
    m_big = 128 * 8
    X_big = rng.standard_normal((784, m_big)).astype(np.float32)
    Y_big = bp.one_hot(rng.integers(0, 10, m_big), 10).astype(np.float32)
    big_net = bp.Network([784, 256, 128, 10], ["relu", "relu", "softmax"], seed=0,
                         dtype=np.float32)

    def hand_mb(hidden, batch_size):
        return lambda W, b, X, Y, lr, epochs: handwritten.minibatch_softmax_ce(
            W, b, X, Y, lr, epochs, batch_size, 0, hidden)

    results = [
        case("XOR 2-4-1 sigmoid, mse, batch 4, float64", xor_net, X, Y, "mse", 2.0,
             2000, None, 7, handwritten.xor_sigmoid_mse, True, False),
        case("digits 64-32-10 tanh/softmax, batch 32, float64", dig_net, d.X_train,
             d.Y_train, "cross_entropy", 0.1, 5, 32, 7, hand_mb("tanh", 32), True, False),
        case("784-256-128-10 relu/softmax, batch 128, float32", big_net, X_big, Y_big,
             "cross_entropy", 0.01, 10, 128, 5, hand_mb("relu", 128), False, True),
    ]
    cols = ["bpcore", "numpy by hand", "PyTorch", "matmuls only"]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, numpy {np.__version__}"
          + (f", torch {torch.__version__}" if torch else ", torch not installed"))
    print()
    print("| network (one step = steps 1–5 on one batch) | " + " | ".join(f"{c} µs/step" for c in cols)
          + " | bpcore ÷ by hand | PyTorch ÷ bpcore | bpcore ÷ matmuls |")
    print("|---" * (len(cols) + 4) + "|")
    ok = True
    for r in results:
        us = r["us"]
        cells = [f"{us[c]:.1f}" if c in us else "—" for c in cols]
        hand_ratio = us["bpcore"] / us["numpy by hand"]
        torch_ratio = us["PyTorch"] / us["bpcore"] if "PyTorch" in us else None
        mm_ratio = us["bpcore"] / us["matmuls only"] if "matmuls only" in us else None
        fmt = lambda x: "—" if x is None else f"{x:.2f}"
        print(f"| {r['name']} | " + " | ".join(cells)
              + f" | {fmt(hand_ratio)} | {fmt(torch_ratio)} | {fmt(mm_ratio)} |")
        ok &= r["same"] and hand_ratio <= 1.2
        ok &= torch_ratio is None or torch_ratio >= 4
        ok &= mm_ratio is None or mm_ratio <= 1.3
    print()
    print("bpcore and the hand-written loops give bit-identical weights and losses: "
          + ("yes" if all(r["same"] for r in results) else "NO"))
    print("targets (bpcore ≤ 1.2× by hand, PyTorch ≥ 4× bpcore, ≤ 1.3× matmuls): "
          + ("met" if ok else "NOT met"))
    if torch is None:
        print("PyTorch column skipped: `pip install torch==2.13.0` (CPU build) to fill it.")


if __name__ == "__main__":
    main()

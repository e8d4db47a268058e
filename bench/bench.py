"""Speed of one training step (steps 1–5 on one batch), side by side:

- bpcore.train                       — the package the book teaches with
- a hand-written numpy loop          — the same network, no abstractions
                                       (bench/handwritten.py)
- PyTorch CPU, nn + optim.SGD        — optional: pip install torch==2.13.0
- the step's matrix products alone   — for the large network
- the five step functions alone      — for XOR: bpcore's steps in a bare loop,
                                       without train's checks and bookkeeping

Each implementation runs many short rounds, interleaved with the others so
that machine noise hits them alike; a time is the fastest round, and each
ratio is also given as the median of the ratios of the same rounds. A step's
time includes its share of the train call's one-off set-up (input checks),
spread over the call's epochs. Run: `make bench`. Prints a Markdown table
(copied into README.md) and the ratios the project holds itself to.
"""
from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import handwritten  # noqa: E402

import bpcore as bp  # noqa: E402

try:
    import torch
except ImportError:
    torch = None


def timings(fns: dict, rounds: int) -> dict:
    """Seconds per call of each fn in each of ``rounds`` rounds; every round
    calls each fn once, in turn."""
    t = {name: np.empty(rounds) for name in fns}
    for r in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            t[name][r] = time.perf_counter() - start
    return t


def torch_steps(net, X, Y, loss, lr, epochs, batch_size, seed, dtype):
    """A closure that trains a torch copy of ``net`` for ``epochs`` epochs,
    starting from ``net``'s parameters at every call."""
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
    start_params = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    Xt = torch.from_numpy(np.ascontiguousarray(X.T)).to(dtype)
    if loss == "mse":
        Yt = torch.from_numpy(np.ascontiguousarray(Y.T)).to(dtype)
    else:
        Yt = torch.from_numpy(Y.argmax(axis=0))
    m = Xt.shape[0]
    rng = np.random.default_rng(seed)

    def run():
        with torch.no_grad():
            for p, p0 in zip(model.parameters(), start_params, strict=True):
                p.copy_(p0)
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


def steps_only(net, X, Y, loss, lr, epochs):
    """A closure running bpcore's step functions in a bare full-batch loop on
    a copy of ``net`` (returned): the cost of the per-layer dicts and the five
    functions themselves, without train's input checks, history and stopping
    conditions."""
    def run():
        trained = net.copy()
        for _ in range(epochs):
            trace = bp.forward(trained, X, check=False)
            bp.loss_value(trained, trace, Y, loss, check=False)
            bp.update(trained, bp.backward(trained, trace, Y, loss, check=False), lr)
        return trained
    return run


def case(name, net, X, Y, loss, lr, epochs, batch_size, rounds, hand, *,
         with_torch: bool, with_matmul: bool):
    """Times one network: bpcore.train against ``hand`` (a loop of
    bench/handwritten.py), PyTorch if ``with_torch`` (and torch is
    installed), the step's matrix products alone if ``with_matmul``, and the
    five step functions in a bare loop when ``batch_size`` is None (full
    batch). Also checks that the hand loop reproduces train bit for bit."""
    m = X.shape[1]
    steps = epochs * (-(-m // (batch_size or m)))
    # every implementation starts each call from net's parameters (the hand
    # loop copies them too), so all of them time the same epochs
    fns = {
        "bpcore": lambda: bp.train(net.copy(), X, Y, loss=loss, lr=lr, epochs=epochs,
                                   batch_size=batch_size, seed=0),
        "numpy by hand": lambda: hand(net.W, net.b, X, Y, lr, epochs),
    }
    if with_torch and torch is not None:
        dtype = torch.float64 if net.dtype == np.float64 else torch.float32
        fns["PyTorch"] = torch_steps(net, X, Y, loss, lr, epochs, batch_size or m, 0, dtype)
    if with_matmul:
        fns["matmuls only"] = matmuls_only(net, X, Y, loss, batch_size, epochs)
    if batch_size is None:
        fns["steps only"] = steps_only(net, X, Y, loss, lr, epochs)
    t = timings(fns, rounds)
    # the hand loop must reproduce bpcore bit for bit, or the comparison is void
    check = net.copy()
    h = bp.train(check, X, Y, loss=loss, lr=lr, epochs=epochs, batch_size=batch_size, seed=0)
    W, _, losses = hand(net.W, net.b, X, Y, lr, epochs)
    same = losses == h.loss and all(np.array_equal(W[l], check.W[l]) for l in W)
    ratios = {}
    for key, (a, b) in {"hand": ("bpcore", "numpy by hand"), "torch": ("PyTorch", "bpcore"),
                        "matmul": ("bpcore", "matmuls only"),
                        "steps/hand": ("steps only", "numpy by hand"),
                        "hand/matmul": ("numpy by hand", "matmuls only")}.items():
        if a in t and b in t:
            ratios[key] = (t[a].min() / t[b].min(), float(np.median(t[a] / t[b])))
    return {"name": name, "us": {k: v.min() / steps * 1e6 for k, v in t.items()},
            "ratios": ratios, "same": same}


TARGETS = {"hand": ("bpcore ÷ by hand", lambda r: r <= 1.2),
           "torch": ("PyTorch ÷ bpcore", lambda r: r >= 4),
           "matmul": ("bpcore ÷ matmuls", lambda r: r <= 1.3)}


def main():
    X, Y = bp.xor()
    xor_net = bp.Network([2, 4, 1], "sigmoid", seed=0)
    d = bp.digits(seed=0)
    dig_net = bp.Network([64, 32, 10], ["tanh", "softmax"], seed=0)
    rng = np.random.default_rng(0)
    m_big = 128 * 8
    # data arrive one example per row (as MNIST's images do); X is their transpose
    X_big = rng.standard_normal((m_big, 784)).astype(np.float32).T
    Y_big = bp.one_hot(rng.integers(0, 10, m_big), 10).astype(np.float32)
    big_net = bp.Network([784, 256, 128, 10], ["relu", "relu", "softmax"], seed=0,
                         dtype=np.float32)

    def hand_mb(hidden, batch_size):
        return lambda W, b, X, Y, lr, epochs: handwritten.minibatch_softmax_ce(
            W, b, X, Y, lr, epochs, batch_size, 0, hidden)

    results = [
        case("XOR 2-4-1 sigmoid, mse, batch 4, float64", xor_net, X, Y, "mse",
             lr=2.0, epochs=200, batch_size=None, rounds=150,
             hand=handwritten.xor_sigmoid_mse, with_torch=True, with_matmul=False),
        case("digits 64-32-10 tanh/softmax, batch 32, float64", dig_net, d.X_train,
             d.Y_train, "cross_entropy", lr=0.1, epochs=5, batch_size=32, rounds=60,
             hand=hand_mb("tanh", 32), with_torch=True, with_matmul=False),
        case("784-256-128-10 relu/softmax, batch 128, float32", big_net, X_big, Y_big,
             "cross_entropy", lr=0.01, epochs=5, batch_size=128, rounds=60,
             hand=hand_mb("relu", 128), with_torch=False, with_matmul=True),
    ]
    cols = ["bpcore", "numpy by hand", "PyTorch", "matmuls only"]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, numpy {np.__version__}"
          + (f", torch {torch.__version__}" if torch else ", torch not installed"))
    print()
    print("| network (one step = steps 1–5 on one batch) | "
          + " | ".join(f"{c} µs/step" for c in cols) + " | "
          + " | ".join(label for label, _ in TARGETS.values()) + " |")
    print("|---" * (len(cols) + len(TARGETS) + 1) + "|")
    same = all(r["same"] for r in results)
    ok = same
    for r in results:
        cells = [f"{r['us'][c]:.1f}" if c in r["us"] else "—" for c in cols]
        for key, (_, met) in TARGETS.items():
            if key in r["ratios"]:
                fastest, median = r["ratios"][key]
                cells.append(f"{fastest:.2f} ({median:.2f})")
                ok &= met(fastest)
            else:
                cells.append("—")
        print(f"| {r['name']} | " + " | ".join(cells) + " |")
    print()
    print("Times are the fastest of many interleaved rounds; each ratio is the ratio of those "
          "fastest rounds, and in brackets the median of the ratios of the same rounds.")
    for r in results:
        for key, what in (("steps/hand", "the five step functions alone, in a bare loop, "
                                         "÷ the hand loop"),
                          ("hand/matmul", "the hand loop ÷ its matrix products")):
            if key in r["ratios"]:
                print(f"{r['name'].split(',')[0]}: {what}: "
                      "{:.2f} ({:.2f})".format(*r["ratios"][key]))
    print("bpcore and the hand-written loops give bit-identical weights and losses: "
          + ("yes" if same else "NO"))
    print("targets (bpcore ≤ 1.2× by hand, PyTorch ≥ 4× bpcore, ≤ 1.3× matmuls): "
          + ("met" if ok else "NOT met"))
    if torch is None:
        print("PyTorch column skipped: `pip install torch==2.13.0` (CPU build) to fill it.")


if __name__ == "__main__":
    main()

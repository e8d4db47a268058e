"""The same training loops as ``bpcore.train``, written out by hand in plain
numpy with no abstractions: the reference that bpcore's speed is measured
against (bench/bench.py) and whose results bpcore must reproduce bit for
bit (tests/test_reference.py).

Each function trains in place on copies of the given W, b (dicts keyed
1..L) and returns (W, b, losses), one loss per epoch.
"""
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def xor_sigmoid_mse(W, b, X, Y, lr, epochs):
    """2-4-1 sigmoid network, mean squared error, full batch."""
    W1, W2, b1, b2 = W[1].copy(), W[2].copy(), b[1].copy(), b[2].copy()
    m = X.shape[1]
    losses = []
    for _ in range(epochs):
        z1 = W1 @ X + b1
        a1 = sigmoid(z1)
        z2 = W2 @ a1 + b2
        a2 = sigmoid(z2)
        losses.append(float(0.5 * ((a2 - Y) ** 2).sum() / m))
        d2 = (a2 - Y) / m * (a2 * (1.0 - a2))
        d1 = (W2.T @ d2) * (a1 * (1.0 - a1))
        W2 -= lr * (d2 @ a1.T)
        b2 -= lr * d2.sum(axis=1, keepdims=True)
        W1 -= lr * (d1 @ X.T)
        b1 -= lr * d1.sum(axis=1, keepdims=True)
    return {1: W1, 2: W2}, {1: b1, 2: b2}, losses


def _log_softmax(z):
    s = z - z.max(axis=0, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=0, keepdims=True))


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def minibatch_softmax_ce(W, b, X, Y, lr, epochs, batch_size, seed, hidden):
    """Hidden layers with activation ``hidden`` ("tanh" or "relu"), a
    softmax output, cross-entropy, shuffled mini-batches from
    default_rng(seed). Any depth; every hidden layer uses ``hidden``."""
    W = {l: w.copy() for l, w in W.items()}
    b = {l: v.copy() for l, v in b.items()}
    L = len(W)
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    # gather rows of Xᵀ: picking scattered columns of X is a slow strided copy
    X_rows, Y_rows = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(m)
        total = 0.0
        for start in range(0, m, batch_size):
            idx = order[start:start + batch_size]
            Xb, Yb = X_rows[idx].T, Y_rows[idx].T
            mb = Xb.shape[1]
            a = [Xb]
            zs = [None]
            for l in range(1, L):
                zl = W[l] @ a[-1] + b[l]
                zs.append(zl)
                a.append(np.tanh(zl) if hidden == "tanh" else np.maximum(zl, 0))
            zL = W[L] @ a[-1] + b[L]
            yhat = _softmax(zL)
            total += float(-(Yb * _log_softmax(zL)).sum() / mb) * mb
            d = (yhat - Yb) / mb
            grads = []
            for l in range(L, 0, -1):
                grads.append((l, d @ a[l - 1].T, d.sum(axis=1, keepdims=True)))
                if l > 1:
                    back = W[l].T @ d
                    if hidden == "tanh":
                        d = back * (1.0 - a[l - 1] * a[l - 1])
                    else:
                        d = back * (zs[l - 1] > 0).astype(zs[l - 1].dtype)
            for l, dW, db in grads:
                W[l] -= lr * dW
                b[l] -= lr * db
        losses.append(total / m)
    return W, b, losses

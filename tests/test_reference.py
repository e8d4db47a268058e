"""bpcore.train against independent references: the hand-written numpy
loops of bench/handwritten.py (bit for bit), and the five step functions
called one by one on plainly sliced mini-batches."""
import sys
from pathlib import Path

import numpy as np
import pytest

import bpcore as bp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import handwritten  # noqa: E402 (importable only once bench/ is on sys.path, above)


def test_xor_matches_hand_loop_bit_for_bit():
    X, Y = bp.xor()
    net = bp.Network([2, 4, 1], "sigmoid", seed=3)
    W, b, losses = handwritten.xor_sigmoid_mse(net.W, net.b, X, Y, lr=2.0, epochs=300)
    history = bp.train(net, X, Y, loss="mse", lr=2.0, epochs=300)
    assert history.loss == losses
    for l in (1, 2):
        assert np.array_equal(net.W[l], W[l]) and np.array_equal(net.b[l], b[l])


@pytest.mark.parametrize("hidden, sizes, dtype", [
    ("tanh", [64, 32, 10], np.float64),
    ("relu", [64, 24, 16, 10], np.float32),
])
def test_minibatch_softmax_matches_hand_loop_bit_for_bit(hidden, sizes, dtype):
    d = bp.digits(seed=1)
    X, Y = d.X_train.astype(dtype), d.Y_train.astype(dtype)
    net = bp.Network(sizes, [hidden] * (len(sizes) - 2) + ["softmax"], seed=2, dtype=dtype)
    W, b, losses = handwritten.minibatch_softmax_ce(
        net.W, net.b, X, Y, lr=0.05, epochs=2, batch_size=50, seed=7, hidden=hidden)
    history = bp.train(net, X, Y, loss="cross_entropy", lr=0.05, epochs=2,
                       batch_size=50, seed=7)
    assert history.loss == losses
    for l in W:
        assert net.W[l].dtype == dtype
        assert np.array_equal(net.W[l], W[l]) and np.array_equal(net.b[l], b[l])


def test_train_is_the_five_steps_on_shuffled_column_batches():
    """One epoch of train = steps 1–5 on the columns order[k:k+B] of X, the
    order drawn by default_rng(seed).permutation(m)."""
    X, y = bp.moons(m=90, seed=4)
    Y = y[None, :].astype(float)
    net = bp.Network([2, 5, 1], ["tanh", "sigmoid"], seed=5)
    ref = net.copy()
    history = bp.train(net, X, Y, lr=0.3, epochs=1, batch_size=20, seed=11)
    order = np.random.default_rng(11).permutation(90)
    total = 0.0
    for start in range(0, 90, 20):
        cols = order[start:start + 20]
        trace = bp.forward(ref, X[:, cols])
        total += bp.loss_value(ref, trace, Y[:, cols]) * len(cols)
        bp.update(ref, bp.backward(ref, trace, Y[:, cols]), lr=0.3)
    assert history.loss[0] == pytest.approx(total / 90, rel=1e-12)
    for l in (1, 2):
        np.testing.assert_allclose(net.W[l], ref.W[l], rtol=0, atol=1e-12)
        np.testing.assert_allclose(net.b[l], ref.b[l], rtol=0, atol=1e-12)


def test_bench_measures_the_same_training():
    """bench.py's comparisons are only meaningful if what it times is the
    same computation: its bare step loop trains like train from the same
    start at every call, its table's bit-identity check holds, and it reports
    every ratio it prints."""
    import bench

    X, Y = bp.xor()
    net = bp.Network([2, 4, 1], "sigmoid", seed=0)
    start = net.copy()
    run = bench.steps_only(net, X, Y, "mse", 2.0, 50)
    bare, again, trained = run(), run(), net.copy()
    bp.train(trained, X, Y, loss="mse", lr=2.0, epochs=50)
    for l in (1, 2):
        assert np.array_equal(bare.W[l], trained.W[l]) and np.array_equal(bare.b[l], trained.b[l])
        # every call starts from net, which stays as it was
        assert np.array_equal(again.W[l], bare.W[l]) and np.array_equal(net.W[l], start.W[l])

    r = bench.case("XOR", net, X, Y, "mse", lr=2.0, epochs=20, batch_size=None, rounds=2,
                   hand=handwritten.xor_sigmoid_mse, with_torch=False, with_matmul=False)
    assert r["same"]
    assert set(r["ratios"]) == {"hand", "steps/hand"}
    assert set(r["us"]) == {"bpcore", "numpy by hand", "steps only"}
    assert all(v > 0 for v in r["us"].values())

"""Shapes and the public contract: the network, the trace, the gradients,
saving and loading, numerical stability, float32, and the data sets."""
import re
import warnings

import numpy as np
import pytest

import bpcore as bp
from bpcore import activations as act
from bpcore import losses


@pytest.fixture
def net():
    return bp.Network([2, 4, 1], activations=["tanh", "sigmoid"], seed=0)


@pytest.fixture(scope="module")
def digits():
    return bp.digits(test_size=0.25, seed=0)


def params(net):
    return [net.W[l] for l in range(1, net.L + 1)] + [net.b[l] for l in range(1, net.L + 1)]


# --- the network ---------------------------------------------------------------

def test_network_shapes(net):
    assert net.L == 2
    assert net.sizes == [2, 4, 1]
    assert net.activations == ["tanh", "sigmoid"]
    assert sorted(net.W) == sorted(net.b) == [1, 2]
    assert net.W[1].shape == (4, 2) and net.W[2].shape == (1, 4)
    assert net.b[1].shape == (4, 1) and net.b[2].shape == (1, 1)
    assert not net.b[1].any() and not net.b[2].any()
    assert net.W[1].any()
    assert all(P.dtype == np.float64 for P in params(net))


def test_seeded_initialisation_is_reproducible():
    a, b, c = (bp.Network([3, 5, 2], "relu", seed=s) for s in (7, 7, 8))
    for l in (1, 2):
        assert np.array_equal(a.W[l], b.W[l])
    assert not np.array_equal(a.W[1], c.W[1])


@pytest.mark.parametrize("activation, std", [
    ("tanh", np.sqrt(2 / (400 + 400))),     # Glorot / Xavier
    ("sigmoid", np.sqrt(2 / (400 + 400))),
    ("relu", np.sqrt(2 / 400)),             # He
])
def test_initial_weight_scale(activation, std):
    W = bp.Network([400, 400], activations=activation, seed=0).W[1]
    assert W.std() == pytest.approx(std, rel=0.05)
    assert abs(W.mean()) < 0.05 * std


def test_one_activation_name_for_every_layer():
    net = bp.Network([2, 3, 3, 1], activations="relu", seed=0)
    assert net.activations == ["relu", "relu", "relu"]
    assert [net.sigma[l].name for l in (1, 2, 3)] == ["relu"] * 3


def test_from_params_accepts_1d_b_and_copies():
    W = {1: np.arange(6.0).reshape(3, 2), 2: np.ones((1, 3))}
    b = {1: np.array([1.0, 2.0, 3.0]), 2: np.array([0.5])}
    net = bp.Network.from_params(W, b, activations="sigmoid")
    assert net.sizes == [2, 3, 1] and net.activations == ["sigmoid", "sigmoid"]
    assert net.b[1].shape == (3, 1) and net.b[1][:, 0].tolist() == [1.0, 2.0, 3.0]
    assert net.b[2].shape == (1, 1)
    W[1][0, 0] = 99.0
    b[1][0] = 99.0
    assert net.W[1][0, 0] == 0.0 and net.b[1][0, 0] == 1.0


def test_copy_is_independent(net):
    twin = net.copy()
    twin.W[1][0, 0] += 1.0
    assert twin.W[1][0, 0] != net.W[1][0, 0]
    assert twin.activations == net.activations and twin.sizes == net.sizes


# --- trace and gradients ----------------------------------------------------------

def test_trace_and_gradient_shapes(net):
    X = np.random.default_rng(0).standard_normal((2, 5))
    Y = np.ones((1, 5)) * 0.5
    trace = bp.forward(net, X)
    assert sorted(trace.a) == [0, 1, 2] and sorted(trace.z) == [1, 2]
    assert np.array_equal(trace.a[0], X)
    for l, n in ((1, 4), (2, 1)):
        assert trace.z[l].shape == trace.a[l].shape == (n, 5)
    assert trace.y_hat is trace.a[2]
    np.testing.assert_allclose(trace.z[1], net.W[1] @ X + net.b[1])
    np.testing.assert_allclose(trace.a[1], np.tanh(trace.z[1]))
    grads = bp.backward(net, trace, Y, loss="mse")
    for l in (1, 2):
        assert grads.delta[l].shape == trace.z[l].shape
        assert grads.dW[l].shape == net.W[l].shape
        assert grads.db[l].shape == net.b[l].shape


def test_reprs_show_sizes_activations_and_shapes(net):
    text = repr(net)
    assert "[2, 4, 1]" in text and "'tanh'" in text and "'sigmoid'" in text
    assert "W[1] (4, 2)" in text and "b[2] (1, 1)" in text

    X = np.zeros((2, 3))
    trace = bp.forward(net, X)
    text = repr(trace)
    for part in ("m=3", "a[0] (2, 3)", "z[1] (4, 3)", "a[2] (1, 3)"):
        assert part in text, part

    text = repr(bp.backward(net, trace, np.zeros((1, 3))))
    assert "delta[2] (1, 3)" in text and "dW[1] (4, 2)" in text and "db[1] (4, 1)" in text

    history = bp.train(net, X, np.zeros((1, 3)), lr=0.1, epochs=3)
    text = repr(history)
    assert "3 epochs" in text and "'epochs'" in text
    assert re.search(r"final loss \d", text)


# --- saving and loading ---------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_save_load_round_trip(tmp_path, dtype):
    net = bp.Network([3, 5, 2], activations=["relu", "softmax"], seed=1, dtype=dtype)
    net.b[1][:] = 0.25                      # non-zero biases survive too
    path = net.save(tmp_path / "net.npz")
    assert path.exists()
    back = bp.Network.load(path)
    assert back.sizes == net.sizes and back.activations == net.activations
    assert back.dtype == np.dtype(dtype)
    for P, Q in zip(params(net), params(back), strict=True):
        assert Q.dtype == np.dtype(dtype) and np.array_equal(P, Q)
    with np.load(path, allow_pickle=False) as f:   # plain arrays, no pickles
        assert {"sizes", "activations", "W1", "b1", "W2", "b2"} <= set(f.files)


def test_save_adds_the_npz_suffix(tmp_path, net):
    path = net.save(tmp_path / "model")
    assert path == tmp_path / "model.npz" and path.exists()
    assert np.array_equal(bp.Network.load(path).W[2], net.W[2])


def test_loading_an_incomplete_file(tmp_path, net):
    path = tmp_path / "incomplete.npz"
    np.savez(path, sizes=np.array(net.sizes), activations=np.array(net.activations),
             W1=net.W[1], b1=net.b[1])                  # W2, b2 missing
    with pytest.raises(ValueError, match=r"lacks the arrays \['W2', 'b2'\]"):
        bp.Network.load(path)
    other = tmp_path / "other.npz"
    np.savez(other, weights=net.W[1])
    with pytest.raises(ValueError, match=r"not a saved bpcore network"):
        bp.Network.load(other)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_loading_a_corrupted_file(tmp_path, net, damage):
    path = net.save(tmp_path / "net.npz")
    data = path.read_bytes()
    damaged = data[: len(data) // 2] if damage == "truncated" else b"\x00not a network" * 20
    path.write_bytes(damaged)
    # a ValueError (as for every bad input) that names the damaged file
    with pytest.raises(ValueError, match=re.escape(str(path))):
        bp.Network.load(path)


# --- numerical stability ----------------------------------------------------------

def test_large_z_gives_no_warnings_and_finite_results():
    z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = act.sigmoid(z)
        assert np.array_equal(s, [[1.0, 0.0], [0.0, 1.0]])
        assert np.array_equal(act.sigmoid_prime(z), np.zeros((2, 2)))
        p = act.softmax(z)
        assert np.array_equal(p, [[1.0, 0.0], [0.0, 1.0]])
        # column 1: z = (1000, −1000) but y = (0, 1): −log ŷ_2 = 2000;
        # column 2 is right (loss 0); J = (2000 + 0)/m with m = 2
        Y = np.array([[0.0, 0.0], [1.0, 1.0]])
        J = losses.cross_entropy(Y, z)
        assert np.isfinite(J) and J == pytest.approx(2000 / 2, rel=1e-12)

        # the same through the public steps: a softmax network with z⁽¹⁾ = b⁽¹⁾
        net = bp.Network.from_params({1: np.zeros((2, 3))}, {1: [1000.0, -1000.0]}, "softmax")
        trace = bp.forward(net, np.ones((3, 2)))
        assert bp.loss_value(net, trace, [1, 0], loss="cross_entropy") == pytest.approx(1000.0)
        grads = bp.backward(net, trace, [1, 0], loss="cross_entropy")
        assert all(np.isfinite(g).all() for g in (grads.delta[1], grads.dW[1], grads.db[1]))


def test_float32_is_kept_through_the_five_steps():
    net = bp.Network([3, 4, 2], activations=["relu", "softmax"], seed=0, dtype=np.float32)
    X = np.random.default_rng(0).standard_normal((3, 6))      # float64 in, float32 used
    trace = bp.forward(net, X)
    assert all(A.dtype == np.float32 for A in (*trace.z.values(), *trace.a.values()))
    grads = bp.backward(net, trace, [0, 1, 1, 0, 1, 0], loss="cross_entropy")
    for l in (1, 2):
        assert grads.delta[l].dtype == grads.dW[l].dtype == grads.db[l].dtype == np.float32
    W1 = net.W[1].copy()
    bp.update(net, grads, lr=0.5)
    assert all(P.dtype == np.float32 for P in params(net))
    assert not np.array_equal(net.W[1], W1)


# --- data sets --------------------------------------------------------------------

def test_xor():
    X, Y = bp.xor()
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    assert np.array_equal(Y[0], np.logical_xor(X[0], X[1]).astype(float))


@pytest.mark.parametrize("make, n_classes", [(bp.moons, 2), (bp.spirals, 3)])
def test_moons_and_spirals(make, n_classes):
    X, y = make(m=120, seed=3)
    assert X.shape == (2, 120) and y.shape == (120,)
    assert set(np.unique(y)) == set(range(n_classes))
    assert np.all(np.bincount(y) == 120 // n_classes)
    X2, y2 = make(m=120, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = make(m=120, seed=4)
    assert not np.array_equal(X, X3)
    assert np.isfinite(X).all()


def test_digits_split(digits):
    d = digits
    n_test = round(1797 * 0.25)                                   # 449
    assert d.X_train.shape == (64, 1797 - n_test) == (64, 1348)
    assert d.X_test.shape == (64, n_test) == (64, 449)
    assert d.Y_train.shape == (10, 1348) and d.Y_test.shape == (10, 449)
    assert d.y_train.shape == (1348,) and d.y_test.shape == (449,)
    # standardised with the training statistics; the constant corner pixels
    # (std 0) are only centred, not divided by 0
    assert np.isfinite(d.X_train).all() and np.isfinite(d.X_test).all()
    np.testing.assert_allclose(d.X_train.mean(axis=1), 0.0, atol=1e-12)
    std = d.X_train.std(axis=1)
    assert (std == 0).any()
    np.testing.assert_allclose(std[std > 0], 1.0, rtol=1e-12)
    for Y, y in ((d.Y_train, d.y_train), (d.Y_test, d.y_test)):
        assert np.array_equal(Y.sum(axis=0), np.ones(Y.shape[1]))
        assert np.array_equal(Y.argmax(axis=0), y)


def test_digits_split_is_seeded(digits):
    again = bp.digits(test_size=0.25, seed=0)
    assert np.array_equal(again.X_train, digits.X_train)
    assert np.array_equal(again.y_test, digits.y_test)
    other = bp.digits(test_size=0.25, seed=1)
    assert not np.array_equal(other.y_test, digits.y_test)


def test_one_hot_of_whole_float_labels():
    Y = bp.one_hot(np.array([2.0, 0.0, 1.0, 2.0]), 3)
    assert np.array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    assert np.array_equal(Y, bp.one_hot([2, 0, 1, 2], 3))

"""Training: repeat the five steps until a stopping condition holds (chapter 5)."""
import re

import numpy as np
import pytest

import bpcore as bp


def regression(m=40, seed=0):
    """A small regression problem: X (3, m), Y (1, m)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((3, m))
    Y = np.sin(X[:1]) + 0.5 * X[1:2] * X[2:3]
    return X, Y


def params(net):
    return [net.W[l] for l in range(1, net.L + 1)] + [net.b[l] for l in range(1, net.L + 1)]


def test_xor_is_learned():
    # measured: max |ŷ − y| = 0.027 after 2000 full-batch epochs (~0.2 s)
    X, Y = bp.xor()
    net = bp.Network([2, 4, 1], activations="sigmoid", seed=0)
    history = bp.train(net, X, Y, loss="mse", lr=5.0, epochs=2000)
    assert history.stop == "epochs" and history.epochs == 2000
    assert history.loss[-1] < history.loss[0]
    assert np.abs(bp.forward(net, X).y_hat - Y).max() < 0.1


def test_digits_test_accuracy():
    # measured: test accuracy 0.964 after 30 epochs (~0.4 s)
    d = bp.digits(test_size=0.25, seed=0)
    net = bp.Network([64, 32, 10], activations=["tanh", "softmax"], seed=0)
    history = bp.train(net, d.X_train, d.Y_train, loss="cross_entropy", lr=0.1,
                       epochs=30, batch_size=32, seed=0)
    assert history.epochs == 30
    accuracy = np.mean(bp.forward(net, d.X_test).y_hat.argmax(axis=0) == d.y_test)
    assert accuracy >= 0.95


def _run(train_seed, net_seed=0):
    X, Y = regression()
    net = bp.Network([3, 6, 1], activations=["tanh", "identity"], seed=net_seed)
    history = bp.train(net, X, Y, loss="mse", lr=0.05, epochs=15, batch_size=8, seed=train_seed)
    return net, history


def test_seeded_training_is_reproducible_bit_for_bit():
    net_a, h_a = _run(train_seed=1)
    net_b, h_b = _run(train_seed=1)
    assert h_a.loss == h_b.loss
    for P, Q in zip(params(net_a), params(net_b), strict=True):
        assert np.array_equal(P, Q)


def test_different_seeds_shuffle_differently():
    net_a, h_a = _run(train_seed=1)
    net_b, h_b = _run(train_seed=2)
    assert h_a.loss != h_b.loss
    assert not np.array_equal(net_a.W[1], net_b.W[1])


def test_tol_stops_early_when_converged():
    X, Y = regression()
    net = bp.Network([3, 6, 1], activations=["tanh", "identity"], seed=0)
    history = bp.train(net, X, Y, loss="mse", lr=0.1, epochs=5000, tol=1e-6)
    assert history.stop == "converged"
    assert "converged" in history.message
    assert 1 < history.epochs < 5000
    assert abs(history.loss[-1] - history.loss[-2]) < 1e-6
    assert all(abs(a - b) >= 1e-6
               for a, b in zip(history.loss[:-2], history.loss[1:-1], strict=True))


# numpy's own overflow warning on the way to inf is expected noise here
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.parametrize("batch_size", [None, 5])
def test_divergence_stops_with_a_warning_and_keeps_history(batch_size):
    X, Y = regression(m=20)
    net = bp.Network([3, 8, 1], activations=["relu", "identity"], seed=0)
    with pytest.warns(bp.DivergenceWarning, match="smaller learning rate"):
        history = bp.train(net, X, Y, loss="mse", lr=1e3, epochs=50,
                           batch_size=batch_size, seed=0)
    assert history.stop == "diverged"
    epoch = int(re.search(r"epoch (\d+)", history.message).group(1))
    assert "smaller learning rate" in history.message
    # every epoch that finished is kept, and all of them were finite
    assert history.epochs == epoch - 1 < 50
    assert np.all(np.isfinite(history.loss))
    # the update that would have used the NaN/inf loss was not applied
    assert all(np.isfinite(P).all() for P in params(net))


def test_snapshots_include_first_and_last_epoch_and_are_copies():
    X, Y = regression()
    net = bp.Network([3, 4, 1], activations=["tanh", "identity"], seed=0)
    W1_start = net.W[1].copy()
    history = bp.train(net, X, Y, loss="mse", lr=0.1, epochs=10, snapshot_every=4)
    assert [s.epoch for s in history.snapshots] == [0, 4, 8, 10]
    first, last = history.snapshots[0], history.snapshots[-1]
    assert np.array_equal(first.W[1], W1_start)
    assert not np.array_equal(first.W[1], net.W[1])     # training moved W[1]
    for l in range(1, net.L + 1):
        assert np.array_equal(last.W[l], net.W[l]) and np.array_equal(last.b[l], net.b[l])
        assert last.W[l] is not net.W[l] and not np.shares_memory(last.W[l], net.W[l])
    net.W[1][0, 0] += 1.0
    assert last.W[1][0, 0] != net.W[1][0, 0]


def test_validation_fills_val_loss():
    X, Y = regression(m=60)
    X_val, Y_val = regression(m=20, seed=1)
    net = bp.Network([3, 6, 1], activations=["tanh", "identity"], seed=0)
    history = bp.train(net, X, Y, loss="mse", lr=0.1, epochs=7, validation=(X_val, Y_val))
    assert len(history.val_loss) == 7
    final = bp.loss_value(net, bp.forward(net, X_val), Y_val, loss="mse")
    assert history.val_loss[-1] == pytest.approx(final, rel=1e-12)
    assert history.val_loss[0] != history.val_loss[-1]


def test_callback_is_called_once_per_epoch():
    X, Y = regression()
    net = bp.Network([3, 4, 1], activations=["tanh", "identity"], seed=0)
    seen = []
    bp.train(net, X, Y, loss="mse", lr=0.1, epochs=6, batch_size=16, seed=0,
             callback=lambda h: seen.append(len(h.loss)))
    assert seen == [1, 2, 3, 4, 5, 6]


def test_minibatch_loss_has_one_entry_per_epoch():
    X, Y = regression(m=50)
    net = bp.Network([3, 4, 1], activations=["tanh", "identity"], seed=0)
    history = bp.train(net, X, Y, loss="mse", lr=0.05, epochs=9, batch_size=7, seed=0)
    assert len(history.loss) == history.epochs == 9
    assert history.stop == "epochs"
    assert history.loss[-1] < history.loss[0]


def test_float32_network_trains_and_stays_float32():
    X, Y = regression()
    net = bp.Network([3, 5, 1], activations=["tanh", "identity"], seed=0, dtype=np.float32)
    history = bp.train(net, X, Y, loss="mse", lr=0.1, epochs=20, batch_size=10, seed=0)
    assert history.loss[-1] < history.loss[0]
    for P in params(net):
        assert P.dtype == np.float32
    trace = bp.forward(net, X)
    for l in range(net.L + 1):
        assert trace.a[l].dtype == np.float32
    for l in range(1, net.L + 1):
        assert trace.z[l].dtype == np.float32
    grads = bp.backward(net, trace, Y, loss="mse")
    for l in range(1, net.L + 1):
        assert grads.delta[l].dtype == grads.dW[l].dtype == grads.db[l].dtype == np.float32


# --- why a run stopped: bp.Stop -------------------------------------------------

@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_stop_values_are_stop_members_equal_to_their_strings():
    X, Y = regression(m=20)
    runs = {}
    runs["epochs"] = bp.train(bp.Network([3, 4, 1], ["tanh", "identity"], seed=0), X, Y,
                              lr=0.05, epochs=3)
    runs["converged"] = bp.train(bp.Network([3, 4, 1], ["tanh", "identity"], seed=0), X, Y,
                                 lr=0.1, epochs=5000, tol=1e-6)
    with pytest.warns(bp.DivergenceWarning):
        runs["diverged"] = bp.train(bp.Network([3, 8, 1], ["relu", "identity"], seed=0), X, Y,
                                    lr=1e3, epochs=50)
    for name, history in runs.items():
        assert isinstance(history.stop, bp.Stop)
        assert history.stop is bp.Stop(name)
        assert history.stop == name and str(history.stop) == name and f"{history.stop}" == name
        assert f"stop={name!r}" in repr(history)
        assert all(history.stop != other for other in runs if other != name)
    assert [s.value for s in bp.Stop] == ["epochs", "converged", "diverged"]
    assert bp.History().stop is bp.Stop.EPOCHS


# --- Snapshot.network -------------------------------------------------------------

def test_snapshot_network_round_trip():
    X, Y = regression()
    net = bp.Network([3, 4, 2, 1], activations=["relu", "tanh", "identity"], seed=0)
    start = net.copy()
    history = bp.train(net, X, Y, loss="mse", lr=0.05, epochs=6, snapshot_every=3)
    first, last = history.snapshots[0], history.snapshots[-1]
    assert first.activations == last.activations == ["relu", "tanh", "identity"]
    for snap, ref in ((first, start), (last, net)):
        rebuilt = snap.network()
        assert isinstance(rebuilt, bp.Network)
        assert rebuilt.sizes == ref.sizes and rebuilt.activations == ref.activations
        for l in range(1, ref.L + 1):
            np.testing.assert_array_equal(rebuilt.W[l], ref.W[l])
            np.testing.assert_array_equal(rebuilt.b[l], ref.b[l])
        np.testing.assert_array_equal(bp.forward(rebuilt, X).y_hat, bp.forward(ref, X).y_hat)
        # a copy: changing the rebuilt network leaves the snapshot alone
        rebuilt.W[1][0, 0] += 1.0
        assert snap.W[1][0, 0] != rebuilt.W[1][0, 0]
        assert snap.network() is not rebuilt
    # J of the snapshot after e epochs is what train recorded for epoch e + 1
    mid = history.snapshots[1]
    assert mid.epoch == 3
    J_mid = bp.loss_value(mid.network(), bp.forward(mid.network(), X), Y)
    assert J_mid == pytest.approx(history.loss[3], rel=1e-12)

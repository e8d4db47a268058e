"""Backpropagation agrees with centred finite differences (chapter 4).

The property test draws random architectures, activations, losses and
batches and asks ``bp.gradcheck`` for the Ng relative error
‖g − g̃‖ / (‖g‖ + ‖g̃‖) over every W[l] and b[l]: below 1e-7 in float64.
"""
import numpy as np
import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

import bpcore as bp
from bpcore import activations as act
from bpcore import losses

HIDDEN = ["sigmoid", "tanh", "relu", "identity"]
OUTPUT = [("sigmoid", "mse"), ("tanh", "mse"), ("relu", "mse"),
          ("identity", "mse"), ("softmax", "cross_entropy")]


def random_problem(sizes, activations, loss, m, seed):
    """A network with moderately scaled weights, a batch X (n_0, m) and
    targets Y (n_L, m) that suit the loss (columns are examples)."""
    rng = np.random.default_rng(seed)
    W, b = {}, {}
    for l in range(1, len(sizes)):
        n_in, n_out = sizes[l - 1], sizes[l]
        # std 0.3..1.2 over √n_in keeps z⁽ˡ⁾ of order 1: sigmoid and tanh
        # are far from saturation, so the gradients are not vanishingly small
        # (the relative error's floor is roundoff / ‖g‖).
        scale = rng.uniform(0.3, 1.2) / np.sqrt(n_in)
        W[l] = scale * rng.standard_normal((n_out, n_in))
        b[l] = 0.3 * rng.standard_normal((n_out, 1))
    net = bp.Network.from_params(W, b, activations)
    X = rng.standard_normal((sizes[0], m))
    n_L = sizes[-1]
    if loss == "cross_entropy":
        # one-hot columns, so each sums to 1 exactly: δ⁽ᴸ⁾ = (ŷ − y)/m assumes
        # Σ_k y_k = 1, and with n_L = 1 a column summing to 1 − 1e-17 would
        # leave a 1e-17 "gradient" against a true gradient of exactly 0.
        Y = bp.one_hot(rng.integers(0, n_L, m), n_L)
    elif activations[-1] == "sigmoid":
        Y = rng.uniform(0.05, 0.95, (n_L, m))
    elif activations[-1] == "tanh":
        Y = rng.uniform(-0.9, 0.9, (n_L, m))
    else:
        Y = rng.standard_normal((n_L, m))
    return net, X, Y


@st.composite
def problems(draw):
    n_hidden = draw(st.integers(1, 4))
    sizes = ([draw(st.integers(1, 4))]
             + [draw(st.integers(1, 5)) for _ in range(n_hidden)]
             + [draw(st.integers(1, 4))])
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(n_hidden)]
    out, loss = draw(st.sampled_from(OUTPUT))
    m = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    return sizes, hidden + [out], loss, m, seed


@settings(max_examples=60, deadline=None, database=None)
@given(problems())
def test_gradcheck_random_networks(problem):
    sizes, activations, loss, m, seed = problem
    net, X, Y = random_problem(sizes, activations, loss, m, seed)
    trace = bp.forward(net, X)
    # relu is not differentiable at z = 0. If some z⁽ˡ⁾ of a relu layer is
    # within 1e-4 of 0, the ±1e-6 nudges of the finite differences could
    # cross the kink and the two "gradients" measure different things; that
    # is not a backprop bug, so such draws are discarded (they are rare:
    # about one in a hundred).
    for l in range(1, net.L + 1):
        if activations[l - 1] == "relu":
            assume(np.abs(trace.z[l]).min() > 1e-4)
    err = bp.gradcheck(net, X, Y, loss=loss)
    note(f"sizes={sizes} activations={activations} loss={loss} m={m} err={err:.3g}")
    assert err < 1e-7


def small_problem(loss="mse", seed=1):
    sizes = [3, 4, 3, 2]
    acts = (["tanh", "sigmoid", "softmax"] if loss == "cross_entropy"
            else ["tanh", "sigmoid", "sigmoid"])
    return random_problem(sizes, acts, loss, m=5, seed=seed)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_backward_is_steps_2_to_4_in_a_row(loss):
    net, X, Y = small_problem(loss)
    trace = bp.forward(net, X)
    grads = bp.backward(net, trace, Y, loss=loss)

    delta_L = bp.output_delta(net, trace, Y, loss)          # step 2
    delta = bp.backprop_deltas(net, trace, delta_L)        # step 3
    dW, db = bp.param_grads(trace, delta)                  # step 4

    assert sorted(grads.delta) == sorted(delta) == [1, 2, 3]
    for l in range(1, net.L + 1):
        assert np.array_equal(grads.delta[l], delta[l])
        assert np.array_equal(grads.dW[l], dW[l])
        assert np.array_equal(grads.db[l], db[l])


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_numerical_grads_match_backward_entry_by_entry(loss):
    net, X, Y = small_problem(loss)
    grads = bp.backward(net, bp.forward(net, X), Y, loss=loss)
    dW_num, db_num = bp.numerical_grads(net, X, Y, loss=loss)
    for l in range(1, net.L + 1):
        assert dW_num[l].shape == net.W[l].shape and db_num[l].shape == net.b[l].shape
        np.testing.assert_allclose(grads.dW[l], dW_num[l], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(grads.db[l], db_num[l], rtol=1e-6, atol=1e-9)


def test_gradcheck_per_layer_is_keyed_by_layer():
    net, X, Y = small_problem()
    errs = bp.gradcheck(net, X, Y, loss="mse", per_layer=True)
    assert sorted(errs) == [1, 2, 3]
    assert all(0 <= e < 1e-7 for e in errs.values())


def _backward_with(delta_L_of):
    """A backward pass whose step 2 is replaced by delta_L_of(trace, Y)."""
    def backward(net, trace, Y, loss):
        delta = bp.backprop_deltas(net, trace, delta_L_of(trace, Y))
        dW, db = bp.param_grads(trace, delta)
        return bp.Gradients(delta, dW, db)
    return backward


@pytest.mark.parametrize("bug", ["sigma_prime_of_y_hat", "missing_sigma_prime"])
def test_gradcheck_catches_a_broken_backward(bug):
    net, X, Y = small_problem()
    if bug == "sigma_prime_of_y_hat":
        # the classic slip: the sigmoid-derivative routine called on ŷ, so it
        # computes σ(ŷ)(1 − σ(ŷ)) instead of σ′(z⁽ᴸ⁾) = ŷ(1 − ŷ)
        broken = _backward_with(lambda t, Y: losses.mse_grad(Y, t.y_hat)
                                * act.sigmoid_prime(t.y_hat))
    else:
        broken = _backward_with(lambda t, Y: losses.mse_grad(Y, t.y_hat))
    assert bp.gradcheck(net, X, Y, loss="mse") < 1e-7       # the problem is fine
    assert bp.gradcheck(net, X, Y, loss="mse", backward=broken) > 1e-3


def test_gradcheck_of_float32_network_uses_float64_copy():
    net64, X, Y = small_problem()
    net = bp.Network.from_params({l: W.astype(np.float32) for l, W in net64.W.items()},
                                 {l: b.astype(np.float32) for l, b in net64.b.items()},
                                 net64.activations)
    W_before = {l: W.copy() for l, W in net.W.items()}
    b_before = {l: b.copy() for l, b in net.b.items()}
    assert bp.gradcheck(net, X.astype(np.float32), Y, loss="mse") < 1e-7
    for l in range(1, net.L + 1):
        assert net.W[l].dtype == np.float32 and net.b[l].dtype == np.float32
        assert np.array_equal(net.W[l], W_before[l])
        assert np.array_equal(net.b[l], b_before[l])


def test_softmax_jacobian_times_cross_entropy_grad_is_y_hat_minus_y_over_m():
    rng = np.random.default_rng(3)
    n_L, m = 4, 5
    z = rng.standard_normal((n_L, m))
    Y = rng.dirichlet(np.ones(n_L), size=m).T
    Y_hat = act.softmax(z)
    dJ_dy_hat = losses.cross_entropy_grad(Y, Y_hat)         # −y / (m ŷ)
    delta_L = np.empty_like(z)
    for i in range(m):
        y_hat = Y_hat[:, [i]]
        jacobian = np.diagflat(y_hat) - y_hat @ y_hat.T   # ∂ŷ_k/∂z_j, symmetric
        delta_L[:, i] = (jacobian.T @ dJ_dy_hat[:, [i]]).ravel()
    np.testing.assert_allclose(delta_L, (Y_hat - Y) / m, rtol=1e-12, atol=1e-15)
    # and bpcore's step 2 uses exactly that shortcut
    net = bp.Network([3, n_L], activations="softmax", seed=0)
    trace = bp.forward(net, rng.standard_normal((3, m)))
    np.testing.assert_allclose(bp.output_delta(net, trace, Y, "cross_entropy"),
                               (trace.y_hat - Y) / m, rtol=0, atol=0)


# --- gradcheck_report -------------------------------------------------------------

@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradcheck_report_is_gradcheck_layer_by_layer(loss):
    net, X, Y = small_problem(loss)
    report = bp.gradcheck_report(net, X, Y, loss=loss)
    assert isinstance(report, bp.GradcheckReport)
    assert report.rel_err == bp.gradcheck(net, X, Y, loss=loss, per_layer=True)
    assert report.total == bp.gradcheck(net, X, Y, loss=loss)
    assert sorted(report.rel_err) == [1, 2, 3]
    assert report.total < bp.FINE and all(e < bp.FINE for e in report.rel_err.values())
    # what it holds: backward's gradients, the centred differences, the trace
    grads = bp.backward(net, bp.forward(net, X), Y, loss=loss)
    dW_num, db_num = bp.numerical_grads(net, X, Y, loss=loss)
    for l in range(1, net.L + 1):
        np.testing.assert_array_equal(report.grads.dW[l], grads.dW[l])
        np.testing.assert_array_equal(report.grads.db[l], grads.db[l])
        np.testing.assert_array_equal(report.dW_num[l], dW_num[l])
        np.testing.assert_array_equal(report.db_num[l], db_num[l])
        np.testing.assert_array_equal(report.trace.a[l], bp.forward(net, X).a[l])
        # layer l's error, written out: W⁽ˡ⁾ and b⁽ˡ⁾ together
        g = np.concatenate([grads.dW[l].ravel(), grads.db[l].ravel()])
        n = np.concatenate([dW_num[l].ravel(), db_num[l].ravel()])
        expected = np.linalg.norm(g - n) / (np.linalg.norm(g) + np.linalg.norm(n))
        assert report.rel_err[l] == pytest.approx(expected, rel=1e-9)
    assert report.net is not net and report.net.activations == net.activations


def test_gradcheck_report_of_a_broken_layer():
    net, X, Y = small_problem()
    broken = _backward_with(lambda t, Y: losses.mse_grad(Y, t.y_hat))   # no σ_L′
    report = bp.gradcheck_report(net, X, Y, loss="mse", backward=broken)
    assert all(e > bp.BUG for e in report.rel_err.values())          # δ⁽ᴸ⁾ feeds every layer
    assert report.total > bp.BUG
    assert bp.FINE < bp.BUG


@pytest.mark.parametrize("l", [1, 2, 3])
def test_gradcheck_report_names_the_layer_of_a_wrong_shape(l):
    net, X, Y = small_problem()

    def db_without_keepdims(net, trace, Y, loss):
        g = bp.backward(net, trace, Y, loss)
        db = dict(g.db)
        db[l] = g.delta[l].sum(axis=1)                    # shape (n_l,), not (n_l, 1)
        return bp.Gradients(g.delta, g.dW, db)

    n_l = net.sizes[l]
    with pytest.raises(ValueError, match=rf"layer {l}: backward gave .*db \({n_l},\).*"
                                         rf"b\[{l}\].*\({n_l}, 1\)"):
        bp.gradcheck_report(net, X, Y, loss="mse", backward=db_without_keepdims)
    with pytest.raises(ValueError, match=rf"layer {l}:"):
        bp.gradcheck(net, X, Y, loss="mse", backward=db_without_keepdims)

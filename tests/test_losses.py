"""bpcore.losses: the registry of losses (LOSSES, get, Loss) against formulas
written out here and centred finite differences.

δ⁽ᴸ⁾ := ∂J/∂z⁽ᴸ⁾. For cross-entropy with a softmax output the registry
gives it in closed form, (ŷ − y)/m (equation 2.2); here it is checked three
ways: against ∂J/∂z⁽ᴸ⁾ by finite differences, against ∂J/∂ŷ multiplied by the
softmax Jacobian (chapter 2's route), and through step 2.
"""
import numpy as np
import pytest

import bpcore as bp
from bpcore import activations as act
from bpcore import losses
from bpcore.equations import EQUATIONS


@pytest.fixture
def batch():
    """z⁽ᴸ⁾ (4, 5), its softmax ŷ, one-hot targets Y and soft targets P."""
    rng = np.random.default_rng(7)
    z = rng.standard_normal((4, 5))
    Y = bp.one_hot(rng.integers(0, 4, 5), 4)
    P = rng.dirichlet(np.ones(4), size=5).T
    return z, act.softmax(z), Y, P


def centred(f, A, eps=1e-6):
    """∂f/∂A by centred differences, entry by entry."""
    G = np.empty_like(A)
    for i in np.ndindex(A.shape):
        plus, minus = A.copy(), A.copy()
        plus[i] += eps
        minus[i] -= eps
        G[i] = (f(plus) - f(minus)) / (2 * eps)
    return G


def test_the_registry():
    assert list(bp.LOSSES) == ["mse", "cross_entropy"]
    assert bp.LOSSES is losses.LOSSES
    for name, loss in bp.LOSSES.items():
        assert isinstance(loss, bp.Loss) and loss.name == name
        assert loss.equation in EQUATIONS
        assert losses.get(name) is loss
        assert repr(loss) == f"Loss({name!r})"
    mse, ce = bp.LOSSES["mse"], bp.LOSSES["cross_entropy"]
    assert (mse.output, mse.delta, mse.equation) == (None, None, "eq-loss-mse")
    assert (ce.output, ce.equation) == ("softmax", "eq-loss-ce") and ce.delta is not None


@pytest.mark.parametrize("name", ["l2", "MSE", "cross-entropy", "", None, 3, ["mse"]])
def test_unknown_name_is_a_value_error_naming_the_known_losses(name):
    with pytest.raises(ValueError, match=r"unknown loss .*'mse'.*'cross_entropy'") as info:
        losses.get(name)
    assert repr(name) in str(info.value)


def test_mse_value_and_grad(batch):
    _, y_hat, _, P = batch
    m = P.shape[1]
    mse = bp.LOSSES["mse"]
    J = sum(0.5 * np.sum((y_hat[:, i] - P[:, i]) ** 2) for i in range(m)) / m
    assert mse.value(P, y_hat, None) == pytest.approx(J, rel=1e-14)
    np.testing.assert_allclose(mse.grad(P, y_hat),
                               centred(lambda A: mse.value(P, A, None), y_hat),
                               rtol=1e-7, atol=1e-10)


def test_cross_entropy_value_is_computed_from_z(batch):
    z, y_hat, Y, P = batch
    m = Y.shape[1]
    ce = bp.LOSSES["cross_entropy"]
    for T in (Y, P):
        J = -sum(T[k, i] * np.log(y_hat[k, i]) for k in range(4) for i in range(m)) / m
        assert ce.value(T, y_hat, z) == pytest.approx(J, rel=1e-12)
    # the value comes from z⁽ᴸ⁾ (log-softmax), so it stays finite where ŷ rounds to 0
    big = np.array([[1000.0], [-1000.0]])
    assert ce.value(np.array([[0.0], [1.0]]), act.softmax(big), big) == pytest.approx(2000.0)


def test_cross_entropy_grad_is_dJ_dy_hat(batch):
    z, y_hat, _, P = batch
    ce = bp.LOSSES["cross_entropy"]

    def J_of_y_hat(A):
        """J = −(1/m) Σ y log ŷ, with ŷ as the free variable."""
        return -np.sum(P * np.log(A)) / P.shape[1]

    np.testing.assert_allclose(ce.grad(P, y_hat), centred(J_of_y_hat, y_hat),
                               rtol=1e-6, atol=1e-9)


def test_cross_entropy_delta_is_dJ_dz(batch):
    z, y_hat, Y, P = batch
    ce = bp.LOSSES["cross_entropy"]
    for T in (Y, P):                               # one-hot and soft targets
        delta = ce.delta(T, y_hat)
        np.testing.assert_allclose(delta, (y_hat - T) / T.shape[1], rtol=1e-14, atol=0)
        # finite differences of J as a function of z⁽ᴸ⁾
        dJ_dz = centred(lambda A, T=T: ce.value(T, act.softmax(A), A), z)
        np.testing.assert_allclose(delta, dJ_dz, rtol=1e-6, atol=1e-9)
        # chapter 2's route: the softmax Jacobian times ∂J/∂ŷ, column by column
        g = ce.grad(T, y_hat)
        for i in range(T.shape[1]):
            s = y_hat[:, [i]]
            jacobian = np.diagflat(s) - s @ s.T   # ∂ŷ_k/∂z_j
            np.testing.assert_allclose(delta[:, [i]], jacobian.T @ g[:, [i]],
                                       rtol=1e-10, atol=1e-15)


def test_step_2_uses_the_closed_form_delta(batch):
    _, _, Y, _ = batch
    net = bp.Network([3, 4], activations="softmax", seed=0)
    trace = bp.forward(net, np.random.default_rng(1).standard_normal((3, 5)))
    np.testing.assert_array_equal(bp.output_delta(net, trace, Y, "cross_entropy"),
                                  bp.LOSSES["cross_entropy"].delta(Y, trace.y_hat))


def test_mse_delta_is_grad_times_sigma_prime_of_z():
    """mse has no closed form: step 2 multiplies ∂J/∂ŷ by σ_L′(z⁽ᴸ⁾); the
    product is ∂J/∂z⁽ᴸ⁾ (finite differences through the sigmoid)."""
    rng = np.random.default_rng(2)
    W, b = {1: rng.standard_normal((2, 3))}, {1: rng.standard_normal(2)}
    net = bp.Network.from_params(W, b, "sigmoid")
    X, Y = rng.standard_normal((3, 4)), rng.uniform(size=(2, 4))
    trace = bp.forward(net, X)
    mse = bp.LOSSES["mse"]
    dJ_dz = centred(lambda A: mse.value(Y, act.sigmoid(A), A), trace.z[1])
    np.testing.assert_allclose(bp.output_delta(net, trace, Y, "mse"), dJ_dz,
                               rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("step", ["loss_value", "output_delta", "backward"])
def test_an_unknown_loss_is_an_error_even_unchecked(step):
    """check=False skips the data checks, not the loss lookup: a misspelt
    loss raises instead of silently running cross-entropy (or mse)."""
    net = bp.Network([2, 3, 2], activations=["tanh", "softmax"], seed=0)
    X, Y = np.ones((2, 3)), bp.one_hot([0, 1, 1], 2)
    trace = bp.forward(net, X)
    with pytest.raises(ValueError, match=r"unknown loss 'crossentropy'"):
        getattr(bp, step)(net, trace, Y, "crossentropy", check=False)

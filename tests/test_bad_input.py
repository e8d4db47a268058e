"""Bad input gets a ValueError that says what is wrong and how to fix it,
and a call that fails changes nothing (DESIGN.md, "Bad input")."""
import numpy as np
import pytest

import bpcore as bp


@pytest.fixture
def net():
    return bp.Network([3, 4, 2], activations=["tanh", "sigmoid"], seed=0)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.standard_normal((3, 5)), rng.uniform(0, 1, (2, 5))


@pytest.fixture
def classifier():
    return bp.Network([64, 8, 10], activations=["tanh", "softmax"], seed=0)


def snapshot(net):
    return ({l: W.copy() for l, W in net.W.items()}, {l: b.copy() for l, b in net.b.items()})


def assert_unchanged(net, before):
    W, b = before
    for l in range(1, net.L + 1):
        assert np.array_equal(net.W[l], W[l]) and np.array_equal(net.b[l], b[l])


# --- X -----------------------------------------------------------------------

def test_digits_in_rows_suggests_transpose(classifier):
    d = bp.digits(test_size=0.25, seed=0)
    X_rows = d.X_train.T                                    # (1348, 64): one example per row
    with pytest.raises(ValueError, match=r"\(1348, 64\).*64 rows.*did you mean X\.T"):
        bp.forward(classifier, X_rows)
    with pytest.raises(ValueError, match=r"did you mean X\.T"):
        bp.train(classifier, X_rows, d.y_train, loss="cross_entropy", epochs=1)


@pytest.mark.parametrize("call", ["forward", "train", "gradcheck"])
def test_one_dimensional_X(net, data, call):
    X, Y = data
    with pytest.raises(ValueError, match=r"2-D.*one column per example.*X\.reshape\(-1, 1\)"):
        if call == "forward":
            bp.forward(net, X[:, 0])
        elif call == "train":
            bp.train(net, X[:, 0], Y[:, :1])
        else:
            bp.gradcheck(net, X[:, 0], Y[:, :1])


def test_X_without_examples(net):
    with pytest.raises(ValueError, match=r"\(3, 0\).*no examples"):
        bp.forward(net, np.empty((3, 0)))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_X(net, data, bad):
    X, Y = data
    X = X.copy()
    X[1, 2] = bad
    with pytest.raises(ValueError, match=r"X contains 1 NaN or inf.*\(1, 2\)"):
        bp.forward(net, X)
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"NaN or inf"):
        bp.train(net, X, Y)
    assert_unchanged(net, before)


def test_nan_in_Y(net, data):
    X, Y = data
    Y = Y.copy()
    Y[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"Y contains 1 NaN or inf"):
        bp.train(net, X, Y)


# --- Y -----------------------------------------------------------------------

def test_Y_of_wrong_shape(net, data):
    X, Y = data
    trace = bp.forward(net, X)
    with pytest.raises(ValueError, match=r"Y has shape \(3, 5\).*\(2, 5\)") as info:
        bp.backward(net, trace, np.zeros((3, 5)))
    assert "Y.T" not in str(info.value)


def test_Y_transposed(net, data):
    X, Y = data
    with pytest.raises(ValueError, match=r"Y has shape \(5, 2\).*did you mean Y\.T"):
        bp.backward(net, bp.forward(net, X), Y.T)
    with pytest.raises(ValueError, match=r"did you mean Y\.T"):
        bp.train(net, X, Y.T)


def test_labels_outside_the_classes(classifier):
    d = bp.digits(test_size=0.25, seed=0)
    labels = d.y_train.copy()
    labels[7] = 10                                           # classes are 0..9
    with pytest.raises(ValueError,
                       match=r"label 10 is outside the classes 0\.\.9.*output layer has 10"):
        bp.train(classifier, d.X_train, labels, loss="cross_entropy", epochs=1)
    with pytest.raises(ValueError, match=r"label 10 is outside the classes 0\.\.9"):
        bp.one_hot(labels, 10)
    with pytest.raises(ValueError, match=r"label -1 is outside"):
        bp.one_hot([0, -1, 2], 3)


def test_one_hot_rejects_fractional_labels():
    with pytest.raises(ValueError, match=r"whole numbers"):
        bp.one_hot([0.0, 1.5], 3)


def test_cross_entropy_needs_distributions():
    net = bp.Network([3, 2, 3], activations=["tanh", "softmax"], seed=0)
    X = np.ones((3, 2))
    for Y in (np.array([[0.5, 1.0], [0.5, 1.0], [0.0, 0.0]]),    # 2nd column sums to 2
              np.array([[1.5, 0.0], [-0.5, 1.0], [0.0, 0.0]])):  # negative entry
        with pytest.raises(ValueError, match=r"distribution.*one_hot"):
            bp.backward(net, bp.forward(net, X), Y, loss="cross_entropy")


# --- activations and losses ---------------------------------------------------

def test_unknown_activation_lists_known_names():
    with pytest.raises(ValueError, match=r"unknown activation 'sigmoidd'") as info:
        bp.Network([2, 3, 1], activations=["sigmoidd", "sigmoid"])
    for name in ("sigmoid", "tanh", "relu", "identity", "softmax"):
        assert repr(name) in str(info.value)


def test_unknown_loss(net, data):
    X, Y = data
    with pytest.raises(ValueError, match=r"unknown loss 'l2'.*'mse'.*'cross_entropy'"):
        bp.train(net, X, Y, loss="l2")


def test_softmax_with_mse():
    net = bp.Network([2, 3], activations="softmax", seed=0)
    with pytest.raises(ValueError, match=r"softmax.*loss='cross_entropy'"):
        bp.train(net, np.ones((2, 4)), bp.one_hot([0, 1, 2, 0], 3), loss="mse")


def test_cross_entropy_with_sigmoid_output(net, data):
    X, Y = data
    with pytest.raises(ValueError, match=r"needs a softmax output layer.*'sigmoid'"):
        bp.gradcheck(net, X, [0, 1, 1, 0, 1], loss="cross_entropy")


def test_softmax_in_a_hidden_layer():
    with pytest.raises(ValueError, match=r"softmax is for the output layer only.*layer 1"):
        bp.Network([2, 3, 2], activations=["softmax", "softmax"])


def test_wrong_number_of_activations():
    with pytest.raises(ValueError, match=r"3 activation.*2 layer.*one name per layer"):
        bp.Network([2, 3, 1], activations=["tanh", "tanh", "sigmoid"])


# --- learning rate, epochs, batch size -----------------------------------------

@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "0.1", None])
def test_bad_learning_rate(net, data, lr):
    X, Y = data
    before = snapshot(net)
    grads = bp.backward(net, bp.forward(net, X), Y)
    with pytest.raises(ValueError, match=r"learning rate lr must be a number > 0"):
        bp.update(net, grads, lr=lr)
    assert_unchanged(net, before)
    with pytest.raises(ValueError, match=r"learning rate lr must be a number > 0"):
        bp.train(net, X, Y, lr=lr)
    assert_unchanged(net, before)


@pytest.mark.parametrize("name", ["epochs", "batch_size"])
def test_zero_epochs_or_batch_size(net, data, name):
    X, Y = data
    with pytest.raises(ValueError, match=rf"{name} must be a whole number ≥ 1, got 0"):
        bp.train(net, X, Y, **{name: 0})


# --- sizes and parameters -----------------------------------------------------

def test_zero_width_layer():
    with pytest.raises(ValueError, match=r"layer 1 has size 0.*≥ 1"):
        bp.Network([2, 0, 1])


def test_sizes_of_length_one():
    with pytest.raises(ValueError, match=r"at least the input and the output layer"):
        bp.Network([3])


def test_from_params_names_layer_and_expected_shape():
    W = {1: np.zeros((4, 2)), 2: np.zeros((1, 3))}
    b = {1: np.zeros(4), 2: np.zeros(1)}
    with pytest.raises(ValueError,
                       match=r"W\[2\] has shape \(1, 3\).*layer 1 has 4 units.*\(1, 4\)"):
        bp.Network.from_params(W, b)
    with pytest.raises(ValueError, match=r"b\[1\] has shape \(3,\).*\(4, 1\)"):
        bp.Network.from_params({1: np.zeros((4, 2)), 2: np.zeros((1, 4))},
                               {1: np.zeros(3), 2: np.zeros(1)})


@pytest.mark.parametrize("l, expected", [(1, r"\(4, 2\)"), (2, r"\(1, 4\)")])
def test_from_params_transposed_W_gets_a_transpose_hint(l, expected):
    # the 2-4-1 network: W[1] (4, 2), W[2] (1, 4); one of them given transposed.
    # b[1] (4 units) and b[2] (1 unit) pin the sizes down, so the message can
    # name the right shape and suggest the transpose.
    W = {1: np.zeros((4, 2)), 2: np.zeros((1, 4))}
    W[l] = W[l].T
    b = {1: np.zeros(4), 2: np.zeros(1)}
    with pytest.raises(ValueError, match=rf"W\[{l}\].*{expected}.*W\[{l}\]\.T"):
        bp.Network.from_params(W, b)


@pytest.mark.parametrize("where", ["W", "b"])
def test_from_params_with_nan(where):
    W = {1: np.ones((4, 2)), 2: np.ones((1, 4))}
    b = {1: np.zeros(4), 2: np.zeros(1)}
    if where == "W":
        W[2][0, 3] = np.nan
    else:
        b[2][0] = np.nan
    with pytest.raises(ValueError, match=rf"{where}\[2\] contains NaN or inf"):
        bp.Network.from_params(W, b)


# --- a failed call changes nothing ---------------------------------------------

def test_failed_train_changes_nothing(net, data):
    X, Y = data
    before = snapshot(net)
    # every check here fails only after the data, loss and lr passed theirs
    for kwargs, message in (({"validation": (X.T, Y)}, r"X has shape \(5, 3\).*X\.T"),
                            ({"snapshot_every": 0}, r"snapshot_every must be .* got 0"),
                            ({"batch_size": -1}, r"batch_size must be .* got -1")):
        with pytest.raises(ValueError, match=message):
            bp.train(net, X, Y, lr=0.5, epochs=3, **kwargs)
        assert_unchanged(net, before)

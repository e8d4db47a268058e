"""The class a column stands for: bp.classes (targets or outputs) and
bp.predict_classes (a network's prediction), on networks whose outputs are
known by construction."""
import numpy as np
import pytest

import bpcore as bp


def test_one_row_is_thresholded_at_one_half():
    # a 0/1 target row, or one sigmoid output: 1 where ŷ ≥ ½
    np.testing.assert_array_equal(bp.classes([[0.0, 0.49, 0.5, 0.51, 1.0]]), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(bp.classes([[0.0, 1.0, 1.0, 0.0]]), [0, 1, 1, 0])


def test_several_rows_give_the_row_of_the_largest_entry():
    Y_hat = np.array([[0.7, 0.1, 0.2, 0.3],
                      [0.2, 0.1, 0.5, 0.3],
                      [0.1, 0.8, 0.3, 0.4]])
    np.testing.assert_array_equal(bp.classes(Y_hat), [0, 2, 1, 2])
    # two rows are not thresholded: a column (0.4, 0.3) is class 0
    np.testing.assert_array_equal(bp.classes([[0.4, 0.1], [0.3, 0.2]]), [0, 1])


@pytest.mark.parametrize("k", [2, 3, 10])
def test_classes_inverts_one_hot(k):
    labels = np.random.default_rng(k).integers(0, k, 50)
    got = bp.classes(bp.one_hot(labels, k))
    assert got.shape == (50,)
    np.testing.assert_array_equal(got, labels)


def test_classes_needs_a_matrix():
    with pytest.raises(ValueError, match=r"2-D with one column per example.*\(4,\)"):
        bp.classes(np.array([0.1, 0.9, 0.2, 0.7]))


def test_predict_classes_one_sigmoid_output():
    # ŷ = σ(x₁): class 1 exactly where x₁ ≥ 0
    net = bp.Network.from_params({1: [[1.0, 0.0]]}, {1: [0.0]}, "sigmoid")
    X = np.array([[-1.0, -1e-9, 0.0, 2.0],
                  [5.0, 5.0, -5.0, -5.0]])
    np.testing.assert_array_equal(bp.predict_classes(net, X), [0, 0, 1, 1])


def test_predict_classes_softmax_is_the_argmax():
    # z = (x₁, x₂, −x₁ − x₂): the largest of the three
    net = bp.Network.from_params({1: [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]},
                                 {1: [0.0, 0.0, 0.0]}, "softmax")
    X = np.array([[2.0, 1.0, -2.0],
                  [1.0, 3.0, -2.0]])
    np.testing.assert_array_equal(bp.predict_classes(net, X), [0, 1, 2])


def test_predict_classes_checks_its_input():
    net = bp.Network([3, 4, 2], activations=["tanh", "softmax"], seed=0)
    with pytest.raises(ValueError, match=r"did you mean X\.T"):
        bp.predict_classes(net, np.ones((5, 3)))

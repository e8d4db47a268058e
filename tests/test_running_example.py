"""The running example (bp.running_example) that chapters 1-5 carry through
the five steps, and the box of its numbers that opens chapters 2-6."""
import numpy as np
import pytest

import bpcore as bp
from bpcore.notebook import running_box


def test_running_example_is_chapter_1s_network_and_the_xor_batch():
    ex = bp.running_example()
    assert ex.net.sizes == [2, 3, 1] and ex.net.activations == ["sigmoid", "sigmoid"]
    np.testing.assert_array_equal(ex.net.W[1], [[0.8, 0.2], [-0.5, 0.4], [0.3, -0.7]])
    np.testing.assert_array_equal(ex.net.W[2], [[1.0, -1.5, 0.5]])
    np.testing.assert_array_equal(ex.net.b[1], [[-0.1], [0.2], [0.0]])
    np.testing.assert_array_equal(ex.net.b[2], [[0.2]])
    X, Y = bp.xor()
    np.testing.assert_array_equal(ex.X, X)
    np.testing.assert_array_equal(ex.Y, Y)
    assert (ex.loss, ex.lr) == ("mse", 2.0)


def test_each_call_returns_fresh_arrays():
    a, b = bp.running_example(), bp.running_example()
    bp.update(a.net, bp.backward(a.net, bp.forward(a.net, a.X), a.Y), a.lr)
    a.X[0, 0] = 7.0
    assert not np.array_equal(a.net.W[1], b.net.W[1])
    assert b.X[0, 0] == 0.0 and bp.running_example().net.W[1][0, 0] == 0.8


def test_one_update_of_chapter_5_lowers_chapter_1s_loss():
    """Chapter 5's J after one update with η = ex.lr is below chapter 1's J,
    and the first-order prediction −η‖∇J‖² is close to the real decrease."""
    ex = bp.running_example()
    trace = bp.forward(ex.net, ex.X)
    J1 = bp.loss_value(ex.net, trace, ex.Y, ex.loss)
    grads = bp.backward(ex.net, trace, ex.Y, ex.loss)
    squared = sum(float((grads.dW[l] ** 2).sum() + (grads.db[l] ** 2).sum())
                  for l in grads.dW)
    bp.update(ex.net, grads, ex.lr)
    J5 = bp.loss_value(ex.net, bp.forward(ex.net, ex.X), ex.Y, ex.loss)
    assert J5 < J1
    assert J1 - J5 == pytest.approx(ex.lr * squared, rel=0.2)


def test_running_box_grows_one_line_per_step():
    for step in range(6):
        lines = running_box(step).splitlines()
        assert len(lines) == step + 1 and all(line.startswith("- ") for line in lines)
    box = running_box(5)
    assert "{doc}`ch1_forward`" in box and "{doc}`ch5_update`" in box
    assert r"J \approx 0.1277" in box and "降到 $0.1269$" in box
    with pytest.raises(ValueError, match="step must be 0..5"):
        running_box(6)

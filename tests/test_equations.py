"""bpcore.equations: one table of the book's numbered equations, and the
choice of the equation a computation uses (loss_label, delta_label), which
the slider panels and the classroom explorer cite."""
import pytest

import bpcore as bp
from bpcore import equations


def test_numbers_are_unique_and_follow_the_chapters():
    numbers = [equations.number(label) for label in equations.EQUATIONS]
    assert len(set(numbers)) == len(numbers)
    # chapter c holds step c's equations, in the book's order
    assert numbers == sorted(numbers, key=lambda n: tuple(map(int, n.split("."))))
    assert equations.number("eq-delta-l") == "3.1"
    assert equations.latex("eq-grad-W").startswith(r"\frac{\partial J}{\partial W^{(l)}}")


@pytest.mark.parametrize("loss, label, number", [("mse", "eq-loss-mse", "1.3"),
                                                 ("cross_entropy", "eq-loss-ce", "1.4")])
def test_loss_label(loss, label, number):
    assert equations.loss_label(loss) == label == bp.LOSSES[loss].equation
    assert equations.number(label) == number


def test_loss_label_of_an_unknown_loss():
    with pytest.raises(ValueError, match=r"unknown loss 'l1'"):
        equations.loss_label("l1")


@pytest.mark.parametrize("loss, output_label", [("mse", "eq-delta-out"),
                                                ("cross_entropy", "eq-delta-out-softmax")])
@pytest.mark.parametrize("L", [1, 2, 4])
def test_delta_label(loss, output_label, L):
    # step 2 at the output layer: 2.1 in general, 2.2 for softmax + cross-entropy
    assert equations.delta_label(L, L, loss) == output_label
    assert equations.number(output_label) == ("2.1" if loss == "mse" else "2.2")
    # step 3 below it, whatever the loss
    for l in range(1, L):
        assert equations.delta_label(l, L, loss) == "eq-delta-l"


def test_delta_label_of_an_unknown_loss_at_the_output():
    with pytest.raises(ValueError, match=r"unknown loss 'msee'"):
        equations.delta_label(2, 2, "msee")


def test_delta_label_of_an_unknown_loss_below_the_output():
    with pytest.raises(ValueError, match=r"unknown loss 'msee'"):
        equations.delta_label(1, 2, "msee")

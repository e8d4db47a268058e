"""Two worked examples, every quantity checked against numbers not made by
bpcore: Matt Mazur's published example, and an exact one worked on paper."""
from fractions import Fraction as F

import numpy as np
import pytest

import bpcore as bp

# ---------------------------------------------------------------------------
# (a) Matt Mazur, "A Step by Step Backpropagation Example" (2015):
# a 2-2-2 sigmoid network, one example, E = Σ ½(target − out)², which is
# bpcore's mse with m = 1. His w1..w4 feed the hidden layer
# (net_h1 = w1 x1 + w2 x2 + b1), w5..w8 the output layer.
# ---------------------------------------------------------------------------
MAZUR_W = {1: np.array([[0.15, 0.20],     # w1 w2
                        [0.25, 0.30]]),   # w3 w4
           2: np.array([[0.40, 0.45],     # w5 w6
                        [0.50, 0.55]])}   # w7 w8
MAZUR_B = {1: np.array([0.35, 0.35]), 2: np.array([0.60, 0.60])}
MAZUR_X = np.array([[0.05], [0.10]])
MAZUR_Y = np.array([[0.01], [0.99]])

# His printed numbers, as he prints them (strings keep trailing zeros).
MAZUR_PUBLISHED = {
    "net_h1": "0.3775",
    "out_h1": "0.593269992", "out_h2": "0.596884378",
    "out_o1": "0.75136507", "out_o2": "0.772928465",
    "E_total": "0.298371109",
    "dE/dw5": "0.082167041",
    "w5+": "0.35891648", "w6+": "0.408666186",
    "w7+": "0.511301270", "w8+": "0.561370121",
    "w1+": "0.149780716", "w2+": "0.19956143",
    "w3+": "0.24975114", "w4+": "0.29950229",
}


def half_a_unit_in_the_last_digit(printed: str) -> float:
    """Mazur rounds what he prints, so a correct value lies within half a
    unit of his last printed digit: '0.3775' -> 5e-5."""
    return 0.5 * 10.0 ** -len(printed.split(".")[1])


@pytest.fixture(scope="module")
def mazur():
    net = bp.Network.from_params(MAZUR_W, MAZUR_B, activations="sigmoid")
    trace = bp.forward(net, MAZUR_X)
    J = bp.loss_value(net, trace, MAZUR_Y, loss="mse")
    grads = bp.backward(net, trace, MAZUR_Y, loss="mse")
    # backward runs before update, so the hidden-layer gradients use the OLD
    # output weights — exactly as Mazur does. He does not update the biases
    # (bpcore does), so only the weights are compared afterwards.
    bp.update(net, grads, lr=0.5)
    W = net.W
    return {
        "net_h1": trace.z[1][0, 0],
        "out_h1": trace.a[1][0, 0], "out_h2": trace.a[1][1, 0],
        "out_o1": trace.y_hat[0, 0], "out_o2": trace.y_hat[1, 0],
        "E_total": J,
        "dE/dw5": grads.dW[2][0, 0],
        "w5+": W[2][0, 0], "w6+": W[2][0, 1], "w7+": W[2][1, 0], "w8+": W[2][1, 1],
        "w1+": W[1][0, 0], "w2+": W[1][0, 1], "w3+": W[1][1, 0], "w4+": W[1][1, 1],
    }


@pytest.mark.parametrize("name", list(MAZUR_PUBLISHED))
def test_mazur_published_numbers(mazur, name):
    printed = MAZUR_PUBLISHED[name]
    assert abs(mazur[name] - float(printed)) <= half_a_unit_in_the_last_digit(printed), \
        f"{name}: bpcore {mazur[name]!r}, Mazur {printed}"


# ---------------------------------------------------------------------------
# (b) An exact example. Every number below is a small dyadic fraction, so
# binary floating point represents each one — and every sum and product on
# the way — exactly: bpcore must reproduce them to 1e-12 (in fact exactly).
#
# Network 2-2-2, relu hidden layer, identity output, mse, m = 2, lr = 1/2.
#
#   W[1] = [ 1/2  1/4 ]   b[1] = [ 0  ]     W[2] = [ 1   -1/2 ]   b[2] = [  1/4 ]
#          [-1/2  1/2 ]          [ 1/8]            [ 1/2  1   ]          [ -1/4 ]
#
#   X = [ 1    1/2 ]   (columns x⁽¹⁾ = (1, 1/2), x⁽²⁾ = (1/2, 1))
#       [ 1/2  1   ]
#   Y = [ 1  0 ]
#       [ 0  1 ]
#
# Step 1.  z[1] = W[1] X + b[1]
#   column 1: 1/2·1 + 1/4·1/2 + 0 = 5/8 ;  −1/2·1 + 1/2·1/2 + 1/8 = −1/8
#   column 2: 1/2·1/2 + 1/4·1 + 0 = 1/2 ;  −1/2·1/2 + 1/2·1 + 1/8 = 3/8
#   z[1] = [5/8 1/2; −1/8 3/8],  a[1] = relu(z[1]) = [5/8 1/2; 0 3/8]
#   (unit 2 is inactive on example 1: relu′ = 0 there)
#   z[2] = W[2] a[1] + b[2]
#   column 1: 5/8 − 0 + 1/4 = 7/8 ;  5/16 + 0 − 1/4 = 1/16
#   column 2: 1/2 − 3/16 + 1/4 = 9/16 ;  1/4 + 3/8 − 1/4 = 3/8
#   ŷ = a[2] = z[2] = [7/8 9/16; 1/16 3/8]
#   ŷ − Y = [−1/8 9/16; 1/16 −5/8]
#   J = (1/2)·½·(1/64 + 81/256 + 1/256 + 100/256) = 186/1024 = 93/512
#
# Step 2.  delta[2] = (ŷ − Y)/m ⊙ identity′ = [−1/16 9/32; 1/32 −5/16]
# Step 3.  W[2]ᵀ delta[2]: W[2]ᵀ = [1 1/2; −1/2 1]
#   column 1: −1/16 + 1/64 = −3/64 ;  1/32 + 1/32 = 1/16   ⊙ relu′ (1, 0)
#   column 2:  9/32 − 5/32 = 1/8   ; −9/64 − 20/64 = −29/64 ⊙ relu′ (1, 1)
#   delta[1] = [−3/64 1/8; 0 −29/64]        (the 1/16 is stopped by relu′ = 0)
# Step 4.  dW[2] = delta[2] a[1]ᵀ, a[1]ᵀ = [5/8 0; 1/2 3/8]
#   [−5/128 + 9/64, 0 + 27/256; 5/256 − 5/32, 0 − 15/128]
#   = [13/128 27/256; −35/256 −15/128]
#   db[2] = row sums of delta[2] = [7/32; −9/32]
#   dW[1] = delta[1] Xᵀ, Xᵀ = [1 1/2; 1/2 1]
#   [−3/64 + 1/16, −3/128 + 1/8; 0 − 29/128, 0 − 29/64]
#   = [1/64 13/128; −29/128 −29/64]
#   db[1] = [−3/64 + 1/8; −29/64] = [5/64; −29/64]
# Step 5.  W ← W − ½ dW, b ← b − ½ db
#   W[1] = [1/2 − 1/128, 1/4 − 13/256; −1/2 + 29/256, 1/2 + 29/128]
#        = [63/128 51/256; −99/256 93/128]
#   b[1] = [0 − 5/128; 1/8 + 29/128] = [−5/128; 45/128]
#   W[2] = [1 − 13/256, −1/2 − 27/512; 1/2 + 35/512, 1 + 15/256]
#        = [243/256 −283/512; 291/512 271/256]
#   b[2] = [1/4 − 7/64; −1/4 + 9/64] = [9/64; −7/64]
# ---------------------------------------------------------------------------
W0 = {1: [[1/2, 1/4], [-1/2, 1/2]], 2: [[1, -1/2], [1/2, 1]]}
b0 = {1: [[0], [1/8]], 2: [[1/4], [-1/4]]}
X = [[1, 1/2], [1/2, 1]]
Y = [[1, 0], [0, 1]]
LR = 1/2

HAND = {
    "z1": [[5/8, 1/2], [-1/8, 3/8]],
    "a1": [[5/8, 1/2], [0, 3/8]],
    "z2": [[7/8, 9/16], [1/16, 3/8]],
    "y_hat": [[7/8, 9/16], [1/16, 3/8]],
    "J": 93/512,
    "delta2": [[-1/16, 9/32], [1/32, -5/16]],
    "delta1": [[-3/64, 1/8], [0, -29/64]],
    "dW2": [[13/128, 27/256], [-35/256, -15/128]],
    "db2": [[7/32], [-9/32]],
    "dW1": [[1/64, 13/128], [-29/128, -29/64]],
    "db1": [[5/64], [-29/64]],
    "W1_new": [[63/128, 51/256], [-99/256, 93/128]],
    "b1_new": [[-5/128], [45/128]],
    "W2_new": [[243/256, -283/512], [291/512, 271/256]],
    "b2_new": [[9/64], [-7/64]],
}


def by_fractions():
    """The same five steps in exact rational arithmetic, with plain lists:
    an independent check of the hand-worked literals above."""
    def mat(A):
        return [[F(v) for v in row] for row in A]

    def mul(A, B):
        return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))]
                for i in range(len(A))]

    def T(A):
        return [list(col) for col in zip(*A, strict=True)]

    def add_col(A, c):
        return [[v + c[i][0] for v in row] for i, row in enumerate(A)]

    def ew(f, A, B):
        return [[f(x, y) for x, y in zip(ra, rb, strict=True)]
                for ra, rb in zip(A, B, strict=True)]

    W1, W2, b1, b2, x, y = map(mat, (W0[1], W0[2], b0[1], b0[2], X, Y))
    m, lr = 2, F(1, 2)
    z1 = add_col(mul(W1, x), b1)
    a1 = [[max(v, F(0)) for v in row] for row in z1]
    z2 = add_col(mul(W2, a1), b2)
    err = ew(lambda p, q: p - q, z2, y)
    J = sum(e * e for row in err for e in row) / 2 / m
    d2 = [[e / m for e in row] for row in err]
    d1 = ew(lambda g, z: g if z > 0 else F(0), mul(T(W2), d2), z1)
    dW2, dW1 = mul(d2, T(a1)), mul(d1, T(x))
    db2, db1 = [[sum(r)] for r in d2], [[sum(r)] for r in d1]

    def step(P, G):
        return ew(lambda p, g: p - lr * g, P, G)

    return {"z1": z1, "a1": a1, "z2": z2, "y_hat": z2, "J": J,
            "delta2": d2, "delta1": d1, "dW2": dW2, "db2": db2, "dW1": dW1, "db1": db1,
            "W1_new": step(W1, dW1), "b1_new": step(b1, db1),
            "W2_new": step(W2, dW2), "b2_new": step(b2, db2)}


def test_hand_literals_agree_with_exact_fractions():
    exact = by_fractions()
    for name, value in HAND.items():
        assert np.array_equal(np.array(exact[name], dtype=float), np.array(value)), name


def test_hand_example_every_quantity():
    net = bp.Network.from_params({l: np.array(W) for l, W in W0.items()},
                                 {l: np.array(b) for l, b in b0.items()},
                                 activations=["relu", "identity"])
    trace = bp.forward(net, X)
    J = bp.loss_value(net, trace, Y, loss="mse")
    grads = bp.backward(net, trace, Y, loss="mse")
    got = {"z1": trace.z[1], "a1": trace.a[1], "z2": trace.z[2], "y_hat": trace.y_hat,
           "J": J, "delta2": grads.delta[2], "delta1": grads.delta[1],
           "dW2": grads.dW[2], "db2": grads.db[2], "dW1": grads.dW[1], "db1": grads.db[1]}
    bp.update(net, grads, lr=LR)
    got.update(W1_new=net.W[1], b1_new=net.b[1], W2_new=net.W[2], b2_new=net.b[2])
    for name, value in HAND.items():
        np.testing.assert_allclose(got[name], value, rtol=0, atol=1e-12, err_msg=name)
        assert np.shape(got[name]) == np.shape(value), name

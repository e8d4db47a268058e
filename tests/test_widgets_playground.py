"""The playground of chapter 7 on the Python side (bpcore/widgets/live):
its configuration (the page's URL hash) read and written as the page does,
the premise that makes the page's initial W⁽ˡ⁾ bpcore's, the one inline
module script it is delivered in, the data it carries, and its palette.
The page itself is tested in a browser by tests/test_playground.py.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from conftest import CJK
from matplotlib.colors import to_hex

import bpcore as bp
import bpcore.widgets.live as live
from bpcore.data import circles
from bpcore.messages_en import EN
from bpcore.viz import style
from bpcore.widgets.live.config import (
    CUSTOM,
    DATASETS,
    KEYS,
    MAX_HIDDEN,
    MAX_WEIGHTS,
    MAX_WIDTH,
    N_OUT,
    OUTPUT,
    SEEDS,
    Setup,
    normals,
    parse,
)
from tools.i18n import load_pairs, translate_value

SETUPS = [
    Setup(),
    Setup(data="xor", hidden=(2,), activation="sigmoid", lr=8.0, seed=1, speed=5),
    Setup(data="moons", hidden=(), activation="relu", loss="cross_entropy", lr=0.05,
          batch=16, seed=19, speed=100, example=200),
    Setup(data="custom", hidden=(8, 8, 8), points=((0.5, -1.25, 1), (2.0, 3.0, 0)), example=2),
]


@pytest.mark.parametrize("setup", SETUPS, ids=str)
def test_a_hash_reads_back_as_the_same_setup(setup):
    assert parse(str(setup)) == setup
    assert parse("#" + str(setup)) == setup
    assert str(setup).startswith(f"data:{setup.data}&net:{'-'.join(map(str, setup.sizes))}&")


def test_sizes_and_activations_follow_the_loss():
    s = Setup(hidden=(4, 3), activation="relu", loss="cross_entropy")
    assert s.sizes == [2, 4, 3, 2] and s.activations == ["relu", "relu", "softmax"]
    s = Setup(hidden=(), loss="mse")
    assert s.sizes == [2, 1] and s.activations == ["sigmoid"]
    assert parse("lr:0.5") == Setup(lr=0.5)                     # keys left out keep defaults
    assert str(Setup(lr=3.0)).count("&lr:3&") == 1              # written as String(3) in JS


@pytest.mark.parametrize("text, fix", [
    ("data:spiral", "use one of xor, moons, spirals, circles, custom"),
    ("net:3-8-1", "from 2 inputs to the output"),
    ("net:2-9-1", "1 to 8 units"),
    ("net:2-8-8-8-8-1", "0 to 3 hidden layers"),
    ("net:2-8-2", "needs 1 output unit"),
    ("net:2-x-1", "net must be a whole number"),
    ("act:softmax", "use one of sigmoid, tanh, relu"),
    ("loss:ce", "use one of mse, cross_entropy"),
    ("lr:0", "must be a number > 0"),
    ("lr:nan", "must be a number > 0"),
    ("lr:fast", "the learning rate must be a number"),
    ("batch:3", "use one of 1, 2, 4, 8, 16, 32, 64"),
    ("seed:20", "a whole number 0..19"),
    ("speed:7", "use one of 1, 2, 5, 10, 20, 50, 100"),
    ("i:0", "must lie in 1..200"),
    ("data:xor&i:5", "must lie in 1..4"),
    ("pts:1,2,0", "go with data:custom"),
    ("data:custom&pts:1,2,3", "class 0 or 1"),
    ("data:custom&pts:1;2", "is not x₁,x₂,class"),
    ("colour:red", "unknown key 'colour'"),
    ("lr=0.5", "is not key:value"),
])
def test_bad_configuration_says_what_to_fix(text, fix):
    with pytest.raises(ValueError, match=re.escape(fix)):
        parse(text)


def test_examples_are_bpcores_data_sets():
    for name, make in DATASETS.items():
        for loss in ("mse", "cross_entropy"):
            X, Y, labels = Setup(data=name, loss=loss).examples()
            X0, labels0 = make()
            assert np.array_equal(X, X0) and np.array_equal(labels, labels0)
            assert np.array_equal(bp.classes(Y), labels)            # Y encodes the labels
            assert Y.shape == (1 if loss == "mse" else 2, X.shape[1])
    X, Y, labels = Setup(data="custom", points=((1.0, 2.0, 1), (3.0, 4.0, 0))).examples()
    assert X.tolist() == [[1.0, 3.0], [2.0, 4.0]] and labels.tolist() == [1, 0]
    assert Setup(data="custom").examples()[0].shape == (2, 0)


@pytest.mark.parametrize("seed", [0, 7, SEEDS - 1])
def test_one_stream_of_normals_gives_bpcores_initial_weights(seed):
    """The page's W⁽ˡ⁾: std × the seed's normals taken in order, row by row,
    layer after layer (playground.js initialNetwork), for any sizes — which
    holds because Network draws every W⁽ˡ⁾ from one default_rng stream."""
    z = normals(seed)
    assert z.shape == (MAX_WEIGHTS,)
    for hidden, act in [((MAX_WIDTH,) * MAX_HIDDEN, "relu"), ((3, 5), "tanh"), ((), "sigmoid")]:
        for loss in ("mse", "cross_entropy"):
            setup = Setup(hidden=hidden, activation=act, loss=loss, seed=seed)
            net, n, used = setup.network(), setup.sizes, 0
            for l in range(1, net.L + 1):
                relu = setup.activations[l - 1] == "relu"
                std = np.sqrt(2.0 / n[l - 1]) if relu else np.sqrt(2.0 / (n[l - 1] + n[l]))
                W = std * z[used:used + n[l] * n[l - 1]].reshape(n[l], n[l - 1])
                used += W.size
                assert np.array_equal(W, net.W[l]) and not net.b[l].any()
    assert used <= MAX_WEIGHTS
    big = Setup(hidden=(MAX_WIDTH,) * MAX_HIDDEN, loss="cross_entropy")
    assert sum(big.network().W[l].size for l in range(1, MAX_HIDDEN + 2)) == MAX_WEIGHTS


def test_train_is_bp_train_on_the_setup():
    setup = SETUPS[1]
    net, history = setup.train(50)
    ref = setup.network()
    X, Y, _ = setup.examples()
    assert history.loss == bp.train(ref, X, Y, "mse", lr=8.0, epochs=50).loss
    assert np.array_equal(net.W[1], ref.W[1])


# --------------------------------------------------------------------------
# The cell output: one inline module script
# --------------------------------------------------------------------------
def test_module_source_is_the_twin_then_its_namespace_then_the_page():
    src, twin = live.module_source(), (live.HERE / "bp-live.js").read_text(encoding="utf-8")
    assert src.startswith(twin)                              # the twin, unchanged
    names = re.findall(r"^export (?:function|const) (\w+)", twin, flags=re.M)
    namespace = re.search(r"^const bpLive = Object\.freeze\(\{(.*)\}\);$", src, flags=re.M)
    assert namespace and namespace.group(1).split(", ") == names
    assert {"forward", "lossValue", "outputDelta", "backpropDeltas", "paramGrads", "backward",
            "update", "train", "makeNetwork", "initNetwork", "predictClasses"} <= set(names)
    assert live.IMPORT not in src and "window.bpLive = bpLive;" in src
    body = src[namespace.end():]
    assert body.lstrip().startswith("{") and body.rstrip().endswith("}")   # a block of its own


def test_module_source_refuses_what_it_cannot_inline(tmp_path, monkeypatch):
    for name in ("bp-live.js", "playground.js", "playground.css"):
        shutil.copy(live.HERE / name, tmp_path / name)
    monkeypatch.setattr(live, "HERE", tmp_path)
    twin = (tmp_path / "bp-live.js").read_text(encoding="utf-8")
    (tmp_path / "bp-live.js").write_text(twin + "\nexport {mat as matrix};\n", encoding="utf-8")
    with pytest.raises(ValueError, match="an export this page cannot read"):
        live.module_source()
    (tmp_path / "bp-live.js").write_text(twin + "\n// </script>\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'</script'"):
        live.module_source()
    ui = (tmp_path / "playground.js").read_text(encoding="utf-8")
    (tmp_path / "playground.js").write_text(ui.replace(live.IMPORT, ""), encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one line"):
        live.module_source()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_module_source_is_valid_javascript(tmp_path):
    """A syntax check of the whole inline module (names declared twice in one
    scope, a stray export in the block: the page would not run at all)."""
    path = tmp_path / "playground.mjs"
    path.write_text(live.module_source(), encoding="utf-8")
    done = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_playground_output_carries_the_data_and_the_presets():
    presets = {"try-xor": "data:xor&net:2-2-1&act:sigmoid&lr:8&seed:1"}
    out = live.playground("data:moons&lr:0.5", presets=presets).data
    root = re.search(r'<div class="bp-playground" data-config="([^"]*)">', out)
    assert root and parse(html.unescape(root.group(1))) == Setup(data="moons", lr=0.5)
    blob = re.search(r'<script type="application/json" class="bp-playground-data">(.*?)</script>',
                     out, flags=re.S).group(1)
    assert "</" not in blob                                 # cannot end its <script> early
    data = json.loads(blob)
    assert data["presets"] == {"try-xor": str(parse(presets["try-xor"]))}
    for name, make in DATASETS.items():
        X, labels = make()
        assert np.array_equal(np.array(data["datasets"][name]["X"]), X)   # exact floats
        assert data["datasets"][name]["labels"] == labels.tolist()
    assert np.array_equal(np.array(data["normals"]), np.array([normals(s) for s in range(SEEDS)]))
    assert out.count('<script type="module">') == 1 and live.module_source() in out
    assert (live.HERE / "playground.css").read_text(encoding="utf-8") in out
    assert live.playground().data.count('data-config="data:spirals&amp;net:2-8-8-1&amp;') == 1


def test_playground_rejects_a_bad_configuration_or_preset():
    with pytest.raises(ValueError, match="lr:-1"):
        live.playground("lr:-1")
    with pytest.raises(ValueError, match="unknown key"):
        live.playground(presets={"x": "speed:10&colour:red"})


def test_the_palette_is_bpcores():
    """playground.css's light colours are bpcore.viz.style's, one by one."""
    css = (live.HERE / "playground.css").read_text(encoding="utf-8")
    light_css, dark_css = css.split('html[data-theme="dark"] .bp-playground {')
    light = dict(re.findall(r"--bp-([a-z0-9]+): (#[0-9a-f]{6});", light_css))
    tab10 = [to_hex(c) for c in style.CLASS_COLOURS]
    assert light == {
        "positive": style.POSITIVE, "negative": style.NEGATIVE, "current": style.CURRENT,
        "curve": style.CURVE, "class0": tab10[0], "class1": tab10[1], "layer1": tab10[2],
        "layer2": tab10[4], "layer3": tab10[9], "layer4": tab10[5], "ink": style.INK,
        "muted": style.MUTED, "bad": style.BAD, "grid": style.PENDING, "paper": "#ffffff"}
    dark = dark_css.split("}")[0]
    used = set(re.findall(r"--bp-([a-z0-9]+)", (live.HERE / "playground.js").read_text()))
    assert used <= set(light), used - set(light)            # the script reads only these
    assert {"positive", "negative", "ink", "paper", "grid"} <= set(re.findall(r"--bp-(\w+):",
                                                                             dark))


# --------------------------------------------------------------------------
# The circles data set
# --------------------------------------------------------------------------
def test_circles_are_two_rings():
    X, y = circles(m=400, noise=0.0, factor=0.3, seed=1)
    assert X.shape == (2, 400) and y.tolist() == [0, 1] * 200
    r = np.hypot(*X)
    assert np.allclose(r[y == 0], 1.0) and np.allclose(r[y == 1], 0.3)
    X2, y2 = circles(m=400, noise=0.0, factor=0.3, seed=1)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    with pytest.raises(ValueError, match="between 0 and 1"):
        circles(factor=1.5)


# --------------------------------------------------------------------------
# The words: all from bpcore.i18n.t, none in the script
# --------------------------------------------------------------------------
PLAYGROUND_JS = (live.HERE / "playground.js").read_text(encoding="utf-8")
NEEDS_SCRIPT = "练习场需要浏览器运行 JavaScript：在网页版里打开本页即可使用。"
# the cell output the English edition translates: the chapter's call, as a kernel makes it
CELL = ('import bpcore.widgets.live as live\n'
        'print(live.playground("data:moons", presets={"play-xor": "data:xor"}).data, end="")')


def fields_of(word) -> set[str]:
    """The {fields} a word leaves for the page (of every string in a list or dict)."""
    if isinstance(word, str):
        return set(re.findall(r"\{(\w+)\}", word))
    return set().union(*map(fields_of, word.values() if isinstance(word, dict) else word))


def object_keys(js: str, start: int) -> set[str]:
    """The keys of the object literal opening at js[start]: {k, n: f(a, b)} -> {k, n}."""
    depth, parts = 0, [""]
    for ch in js[start:]:
        if ch in ")]}":
            depth -= 1
            if depth == 0:
                break
        if depth == 1 and ch == ",":
            parts.append("")
        elif depth >= 1:
            parts[-1] += ch
        if ch in "([{":
            depth += 1
    return {re.match(r"\s*(\w+)", part).group(1) for part in parts if part.strip()}


def word_uses(js: str) -> list[tuple[str, str, set[str]]]:
    """(name, how, fields given) of every T.name in the script: "fill" with
    the keys of fill(T.name, {...}), "joined" with {items, item} (joined(T.name,
    list) fills those), or "plain" with none."""
    uses = []
    for m in re.finditer(r"\bT\.(\w+)", js):
        if js[:m.start()].endswith("fill("):
            uses.append((m.group(1), "fill", object_keys(js, js.index("{", m.end()))))
        elif js[:m.start()].endswith("joined("):
            uses.append((m.group(1), "joined", {"items", "item"}))
        else:
            uses.append((m.group(1), "plain", set()))
    return uses


def test_no_chinese_in_the_scripts_and_styles():
    """The page's words come from Python (words.py): no .js or .css of the
    playground holds a CJK character, which the English edition would show."""
    files = sorted([*live.HERE.glob("*.js"), *live.HERE.glob("*.css")])
    assert {f.name for f in files} >= {"bp-live.js", "playground.js", "playground.css"}
    found = [f"{f.name}:{k}: {line.strip()}" for f in files
             for k, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
             if CJK.search(line)]
    assert not found, "\n".join(found)


def test_the_script_reads_every_word_with_the_fields_it_fills():
    """Each name the script reads (T.name) is a word of words(), and each word
    is read; fill(T.name, {...}) passes exactly the word's {fields}, and a
    word read as it is has none left open."""
    words = live.words()
    uses = word_uses(PLAYGROUND_JS)
    assert {name for name, _, _ in uses} == set(words)
    wrong = [f"T.{name} ({how}) gives {sorted(given)}, the word has "
             f"{sorted(fields_of(words[name]))}"
             for name, how, given in uses if fields_of(words[name]) != given]
    assert not wrong, "\n".join(wrong)
    assert object_keys("{k, n: f(a, b), s: `${g(1, 2)}`}", 0) == {"k", "n", "s"}


def test_the_words_name_every_choice():
    words = live.words()
    assert list(words["data"]) == [*DATASETS, CUSTOM]
    assert list(words["loss"]) == list(OUTPUT)
    assert len(words["classes"]) == N_OUT["cross_entropy"]          # two classes
    assert words["fieldSeed"] == f"随机种子（0–{SEEDS - 1}）"
    assert words["badKey"] == "键只能是 " + "、".join(KEYS)


def test_the_words_are_in_the_kernels_language(english):
    """After bp.set_language("en") the whole cell output is English: words,
    the note shown without JavaScript, the script."""
    words = live.words()
    assert words["play"] == "▶ Play" and words["fieldWidth"] == "width {n_k} of hidden layer {k}"
    out = live.playground().data
    assert EN[NEEDS_SCRIPT] in out
    assert not CJK.search(out), out[max(0, CJK.search(out).start() - 80):][:160]
    bp.set_language("zh")
    assert live.words()["play"] == "▶ 播放" and NEEDS_SCRIPT in live.playground().data


def test_the_english_editions_route_gives_the_english_output(tmp_path, english):
    """The English edition is the Chinese build's output with the pairs that
    bpcore.i18n recorded while it ran replaced (tools/i18n.py): for the
    playground that gives exactly what a kernel in English writes."""
    env = {**os.environ, "BPCORE_LANG": "zh", "BPCORE_I18N_RECORD": str(tmp_path),
           "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", CELL], env=env, capture_output=True,
                          encoding="utf-8", check=True)
    assert NEEDS_SCRIPT in done.stdout and "▶ 播放" in done.stdout     # the Chinese build's
    pairs, problems = load_pairs(tmp_path)
    assert not problems, problems
    english = live.playground("data:moons", presets={"play-xor": "data:xor"}).data
    assert translate_value(done.stdout, pairs) == english

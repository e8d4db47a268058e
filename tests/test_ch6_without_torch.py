"""Chapter 6 without PyTorch: the default build (requirements.txt has no torch).

The chapter checks bpcore's gradients against autograd (always installed) and
against PyTorch only where it is importable. Every sentence that depends on
which check ran is glued whole. This test executes an in-memory copy of
book/ch6_training.ipynb whose first cell makes `import torch` fail (even on a
machine that has torch), in a kernel of this environment with cwd book/, and
reads the glued text: the autograd sentence with its number is there, no
sentence claims a PyTorch result, and "跳过" (skipped) appears in no sentence.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "ch6_training.ipynb"
GLUE = "application/papermill.record/"          # myst-nb's prefix for glue(..., display=False)
# The first cell of the copy: `import torch` raises ModuleNotFoundError, as where
# torch is not installed. (sys.modules["torch"] = None would not do: libraries that
# look for "torch" in sys.modules, such as IPython's formatters, would find None.)
HIDE_TORCH = """\
import importlib.abc
import sys


class NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "torch":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


sys.meta_path.insert(0, NoTorch())
sys.modules.pop("torch", None)
"""
# a relative error such as 8.9 \times 10^{-16}, as bpcore.notebook.sci writes it
SCI = re.compile(r"(\d+(?:\.\d+)?) \\times 10\^\{(-?\d+)\}")
# words that state the outcome of a comparison
RESULT = re.compile(r"一致|相同|相差|误差|最大差|核对了")


@pytest.fixture(scope="module")
def run():
    """The executed notebook, its glued texts {key: text} and its printed output."""
    nb = nbformat.read(CHAPTER, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(HIDE_TORCH, id="hide-torch"))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(CHAPTER.parent)}}).execute()
    glued, printed = {}, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                printed.append(out.text)
            elif "scrapbook" in out.get("metadata", {}):
                data = out["data"]
                glued[out.metadata["scrapbook"]["name"]] = str(
                    data.get(GLUE + "text/markdown", data.get(GLUE + "text/plain", "")))
    return nb, glued, "".join(printed)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？])", text) if s.strip()]


def test_torch_was_hidden_and_autograd_ran(run):
    _, glued, printed = run
    assert "PyTorch is not installed" in printed
    assert "autograd: J =" in printed


def test_the_autograd_sentence_is_there_with_its_number(run):
    _, glued, _ = run
    sentence = glued["ag_sentence"]
    assert "autograd" in sentence and "bpcore" in sentence
    m = SCI.search(sentence)
    assert m, sentence
    assert float(m.group(1)) * 10.0 ** int(m.group(2)) < 1e-12, sentence
    assert SCI.search(glued["summary_autodiff"]), glued["summary_autodiff"]
    assert "autograd" in glued["summary_autodiff"]


def test_no_sentence_claims_a_pytorch_result(run):
    nb, glued, _ = run
    texts = list(glued.values()) + [c.source for c in nb.cells if c.cell_type == "markdown"]
    for text in texts:
        for sentence in _sentences(text):
            if "PyTorch" in sentence:
                assert not SCI.search(sentence) and not RESULT.search(sentence), sentence
    assert "没有安装 PyTorch" in glued["torch_sentence"]
    assert "PyTorch" not in glued["summary_autodiff"]


def test_no_sentence_says_skipped(run):
    """A conclusion never rests on a check that was skipped: the word appears
    nowhere in the chapter's text, glued or written."""
    nb, glued, _ = run
    texts = list(glued.values()) + [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert not [t for t in texts if "跳过" in t]


def test_the_chapter_quotes_only_glued_keys_that_exist(run):
    """Every {glue:...}`key` of the pages' text was glued on this path too."""
    nb, glued, _ = run
    quoted = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            quoted |= set(re.findall(r"\{glue(?::\w+)?\}`([\w-]+)", cell.source))
            quoted |= set(re.findall(r"```\{glue(?::\w+)?\} ([\w-]+)", cell.source))
    assert quoted and not quoted - set(glued), sorted(quoted - set(glued))

"""Appendix C (book/appendix_api.md) cannot drift from bpcore.

autodoc writes the docstrings; these tests check the few lines written by
hand: the table of top-level names is bpcore.__all__, every documented module
exists, and the signatures given explicitly for the two widget classes (whose
own signature autodoc would take from traitlets' ``__new__``) are those of
their ``__init__``.
"""
import importlib
import inspect
import re
from pathlib import Path

import bpcore

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "book" / "appendix_api.md").read_text(encoding="utf-8")


def test_the_table_of_top_level_names_is_bpcore_all():
    """The table lists every name of ``bpcore.__all__`` but the submodules
    (a cell may hold several names, e.g. `bp.FINE`, `bp.BUG`), each linked to
    the object itself; the submodules are named in the sentence below it."""
    listed = []
    for row in re.findall(r"^\|(.*)\|$", PAGE, flags=re.M):
        cells = [c.strip() for c in row.split("|")]
        for names, targets in zip(cells[::2], cells[1::2], strict=True):
            names = re.findall(r"`bp\.(\w+)`", names)
            targets = re.findall(r"\{py:\w+\}`([\w.]+)`", targets)
            assert len(names) == len(targets), row
            listed += zip(names, targets, strict=True)
    submodules = re.findall(r"`bp\.(\w+)`", re.search(r"^子模块.*$", PAGE, flags=re.M).group(0))
    names = [name for name, _ in listed] + submodules
    assert len(names) == len(set(names)), "a name is listed twice"
    assert sorted(names) == sorted(bpcore.__all__)
    for name, target in listed:
        module, _, attr = target.rpartition(".")
        assert getattr(importlib.import_module(module), attr) is getattr(bpcore, name), name
    for name in submodules:
        assert getattr(bpcore, name) is importlib.import_module(f"bpcore.{name}"), name


def test_every_documented_module_imports():
    modules = re.findall(r"^\.\. automodule:: ([\w.]+)", PAGE, flags=re.M)
    assert {"bpcore.network", "bpcore.steps", "bpcore.train", "bpcore.gradcheck",
            "bpcore.losses", "bpcore.activations", "bpcore.data",
            "bpcore.equations"} <= set(modules)
    for m in modules:
        importlib.import_module(m)


def test_explicit_class_signatures_match_the_code():
    explicit = re.findall(r"^\.\. autoclass:: ([\w.]+)\((.*)\)$", PAGE, flags=re.M)
    assert explicit, "no explicit signatures found"
    for target, args in explicit:
        module, _, name = target.rpartition(".")
        cls = getattr(importlib.import_module(module), name)
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        expected = []
        kwonly = False
        for p in params:
            if p.kind is p.KEYWORD_ONLY and not kwonly:
                expected.append("*")
                kwonly = True
            expected.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
        assert args.strip() == ", ".join(expected), target

"""The architecture of DESIGN.md ("Layout"), tested: the arrows point one way
(widgets -> viz -> maths), `import bpcore` loads numpy only, no module uses
another's `_private` name, and no notebook copies a helper of bpcore.notebook.

The import checks read the source with `ast`, so they see every import,
including those inside functions (a lazy import is still an arrow).
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bpcore"
# the project's Python: the package, the scripts, the tests, the benchmarks
CHECKED = ("bpcore", "tools", "tests", "bench")
# what a reader of the maths must not need (pyproject: numpy is the only dependency)
PRESENTATION = ("matplotlib", "ipywidgets", "IPython", "myst_nb")


# --------------------------------------------------------------------------
# Modules, imports, names
# --------------------------------------------------------------------------
def python_files(*dirs: str) -> list[Path]:
    return sorted(p for d in dirs for p in (ROOT / d).rglob("*.py")
                  if "__pycache__" not in p.parts)


def module_of(path: Path) -> tuple[str, bool]:
    """(dotted module name, is a package) of a file of the project. bench/
    is not a package: its files are imported by their bare names (the tests
    put bench/ on sys.path), so that is their name here."""
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] == "bench":
        parts = parts[1:]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def project_modules() -> set[str]:
    """Every module of bpcore and tools, and bench's modules by bare name."""
    return {module_of(p)[0] for p in python_files("bpcore", "tools", "bench")}


def is_private(name: str) -> bool:
    """`_name`: private by convention; `__name__` (dunder) and `_` are not."""
    return name.startswith("_") and len(name) > 1 and not (
        name.startswith("__") and name.endswith("__"))


def absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module of `from <node.module> import ...` written in `module`."""
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, absolute dotted name) of everything the code imports, anywhere
    in it: `import a.b` gives a.b; `from a import b` gives a and a.b (b may be
    a submodule, such as `from . import viz`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, is_package, node)
            yield node.lineno, base
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{base}.{alias.name}"


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def module_bindings(tree: ast.AST, module: str, is_package: bool,
                    modules: set[str]) -> dict[str, str]:
    """{local name: project module} for the names the code binds to a module
    of the project: `import bpcore as bp`, `import bpcore.viz` (binds bpcore),
    `from bpcore.viz import style`, `from . import html as P`."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    target, local = alias.name, alias.asname
                else:
                    target = local = alias.name.split(".")[0]
                if target in modules:
                    bound[local] = target
        elif isinstance(node, ast.ImportFrom):
            base = absolute(module, is_package, node)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in modules:
                    bound[alias.asname or alias.name] = target
    return bound


def private_uses(source: str, module: str, is_package: bool,
                 modules: set[str]) -> list[tuple[int, str]]:
    """(line, what) for each use of another module's private name:
    `from X import _name` (any X), `mod._name`, and getattr/setattr/
    monkeypatch.setattr(mod, "_name") or ("pkg.mod._name"), where mod is a
    module of the project."""
    tree = ast.parse(source)
    bound = module_bindings(tree, module, is_package, modules)

    def module_at(node: ast.AST) -> str | None:
        """The project module an expression names (bp, bp.viz, P), else None."""
        if isinstance(node, ast.Name):
            return bound.get(node.id)
        if isinstance(node, ast.Attribute):
            base = module_at(node.value)
            if base and f"{base}.{node.attr}" in modules:
                return f"{base}.{node.attr}"
        return None

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = absolute(module, is_package, node)
            for alias in node.names:
                if is_private(alias.name) and base != module:
                    found.append((node.lineno, f"from {base} import {alias.name}"))
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            owner = module_at(node.value)
            if owner and owner != module:
                found.append((node.lineno, f"{owner}.{node.attr}"))
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in ("getattr", "setattr", "delattr", "hasattr"):
                continue
            first = node.args[0]
            if (isinstance(first, ast.Constant) and isinstance(first.value, str)
                    and "." in first.value):      # monkeypatch.setattr("pkg.mod.name", value)
                owner, _, attr = first.value.rpartition(".")
                if owner in modules and owner != module and is_private(attr):
                    found.append((node.lineno, f"{name}({first.value!r})"))
            elif len(node.args) > 1:
                owner, attr = module_at(first), node.args[1]
                if (owner and owner != module and isinstance(attr, ast.Constant)
                        and isinstance(attr.value, str) and is_private(attr.value)):
                    found.append((node.lineno, f"{name}({owner}, {attr.value!r})"))
    return sorted(found)


# --------------------------------------------------------------------------
# (a) import bpcore loads numpy only
# --------------------------------------------------------------------------
IMPORT_PROBE = """
import json, sys
before = set(sys.modules)
import bpcore
new = sorted(set(sys.modules) - before)
print(json.dumps({"file": bpcore.__file__, "new": new}))
"""


@pytest.fixture(scope="module")
def import_bpcore() -> dict:
    """What `import bpcore` adds to sys.modules, in a fresh interpreter."""
    r = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=ROOT,
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.splitlines()[-1])
    assert Path(out["file"]).resolve() == PACKAGE / "__init__.py", \
        f"the probe imported {out['file']}, not this checkout's bpcore"
    return out


def test_import_bpcore_loads_no_presentation_library(import_bpcore):
    """Figures, widgets and notebook helpers load only when a chapter asks
    for them: `import bpcore` loads none of matplotlib, ipywidgets, IPython,
    myst_nb, bpcore.viz, bpcore.widgets, bpcore.notebook."""
    banned = (*PRESENTATION, "bpcore.viz", "bpcore.widgets", "bpcore.notebook")
    loaded = [m for m in import_bpcore["new"] if within(m, banned)]
    assert not loaded, f"`import bpcore` imports {loaded}"


def test_import_bpcore_loads_numpy_only(import_bpcore):
    """Besides the standard library, `import bpcore` loads numpy and itself."""
    top = {m.split(".")[0] for m in import_bpcore["new"]}
    other = sorted(top - set(sys.stdlib_module_names) - {"numpy", "bpcore"})
    assert not other, f"`import bpcore` loads third-party modules besides numpy: {other}"


# --------------------------------------------------------------------------
# (b) nobody uses another module's private name
# --------------------------------------------------------------------------
def test_no_module_uses_another_modules_private_name():
    """Every .py of bpcore, tools, tests and bench: a `_name` used outside
    its module should be promoted (renamed public) or moved where it is used."""
    modules = project_modules()
    found = []
    for path in python_files(*CHECKED):
        module, is_package = module_of(path)
        for line, what in private_uses(path.read_text(encoding="utf8"), module,
                                       is_package, modules):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, "private names used outside their module:\n" + "\n".join(found)


def test_private_name_check_catches_each_form():
    """The checker itself: each form is caught, at its line, and the public
    or dunder names and private attributes of objects are not."""
    modules = {"bpcore", "bpcore.steps", "bpcore.viz", "bpcore.viz.style", "bpcore.train"}
    source = "\n".join([
        "from __future__ import annotations",              # 1 fine
        "import bpcore as bp",                             # 2
        "from bpcore.steps import _check, forward",        # 3 private import
        "from .steps import _shapes",                      # 4 relative private import
        "from bpcore import viz",                          # 5
        "x = bp._rng, bp.viz.style._PALETTE, viz._cache",  # 6 three module attributes
        "y = bp.__version__, bp.forward, obj._private",    # 7 fine: dunder, public, object
        "z = getattr(bp.steps, '_check')",                 # 8 getattr
        "monkeypatch.setattr('bpcore.viz.style._dpi', 1)",  # 9 dotted string target
        "self._x = bp.train",                              # 10 fine: own attribute
    ])
    found = private_uses(source, "bpcore.train", False, modules)
    assert found == [
        (3, "from bpcore.steps import _check"),
        (4, "from bpcore.steps import _shapes"),
        (6, "bpcore._rng"), (6, "bpcore.viz._cache"), (6, "bpcore.viz.style._PALETTE"),
        (8, "getattr(bpcore.steps, '_check')"),
        (9, "setattr('bpcore.viz.style._dpi')"),
    ], found


# --------------------------------------------------------------------------
# (c) the arrows point one way: widgets -> viz -> maths
# --------------------------------------------------------------------------
MATHS = sorted(p for p in PACKAGE.glob("*.py") if p.name != "notebook.py")
LAYERS = {
    # layer: (its files, what it must not import, why)
    "maths": (MATHS, ("bpcore.viz", "bpcore.widgets", "bpcore.notebook", *PRESENTATION),
              "the maths needs numpy only; figures and widgets import the maths, "
              "never the reverse"),
    "viz": (python_files("bpcore/viz"), ("bpcore.widgets", "bpcore.notebook", "ipywidgets",
                                         "myst_nb"),
            "figures are matplotlib only; widgets import viz, never the reverse"),
    "widgets": (python_files("bpcore/widgets"), ("bpcore.notebook", "myst_nb"),
                "myst-nb is no dependency of bpcore[viz]; bpcore.notebook is for the "
                "chapters' cells only"),
}


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_point_one_way(layer):
    files, banned, why = LAYERS[layer]
    assert files, f"no files in the {layer} layer"
    found = []
    for path in files:
        module, is_package = module_of(path)
        tree = ast.parse(path.read_text(encoding="utf8"))
        for line, name in imports(tree, module, is_package):
            if within(name, banned):
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {name}")
    assert not found, f"{layer} imports what it must not ({why}):\n" + "\n".join(found)


def test_import_check_resolves_relative_and_lazy_imports():
    """The checker itself: relative imports are resolved, submodules named
    in `from . import x` are seen, and imports inside functions count."""
    source = "\n".join([
        "from .. import viz, losses",           # 1
        "from .style import fmt",                # 2
        "def f():",                              # 3
        "    import matplotlib.pyplot as plt",   # 4
        "    from ..widgets import html",        # 5
    ])
    got = set(imports(ast.parse(source), "bpcore.viz.network", False))
    assert {(1, "bpcore.viz"), (1, "bpcore.losses"), (2, "bpcore.viz.style"),
            (4, "matplotlib.pyplot"), (5, "bpcore.widgets.html")} <= got, got
    got = set(imports(ast.parse("from .frames import Run"), "bpcore.widgets.classroom", True))
    assert (1, "bpcore.widgets.classroom.frames") in got, got


# --------------------------------------------------------------------------
# (d) no notebook copies a helper of bpcore.notebook
# --------------------------------------------------------------------------
NOTEBOOK_HELPERS = PACKAGE / "notebook.py"


def helper_names() -> set[str]:
    """The top-level functions of bpcore/notebook.py."""
    tree = ast.parse(NOTEBOOK_HELPERS.read_text(encoding="utf8"))
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def defined_functions(code: str) -> set[str]:
    """Names a code cell defines as functions (def, or name = lambda),
    after IPython turns its magics into Python."""
    from IPython.core.inputtransformer2 import TransformerManager

    tree = ast.parse(TransformerManager().transform_cell(code))
    names = {n.name for n in ast.walk(tree)
             if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    names |= {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign)
              and isinstance(n.value, ast.Lambda) for t in n.targets if isinstance(t, ast.Name)}
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "book").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_does_not_redefine_a_bpcore_notebook_helper(path):
    """A chapter imports its number formats and glue helpers from
    bpcore.notebook instead of defining its own copy."""
    if not NOTEBOOK_HELPERS.is_file():
        pytest.skip("bpcore/notebook.py does not exist yet: no helpers to compare with")
    helpers = helper_names()
    nb = nbformat.read(path, as_version=4)
    copies = [f"cell {cell.get('id', i)}: def {name}"
              for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for name in sorted(defined_functions(cell.source) & helpers)]
    assert not copies, (f"{path.name} defines functions that bpcore.notebook defines "
                        f"(import them from bpcore.notebook instead): {copies}")

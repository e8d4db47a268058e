"""Binder: what repo2docker does with this repository, done here, so a broken
Binder is caught by `make test` rather than by a reader.

repo2docker (mybinder.org) builds the environment from the root
requirements.txt. Because it has a local reference (`-e .`), repo2docker
copies the whole repository first and runs `pip install -r requirements.txt`
in it; since pyproject.toml declares a package ([project] + [build-system]),
current repo2docker then also runs `pip install .`. Its Python is the one
runtime.txt names (`python-3.x`), else its default, 3.10. The kernel is the
environment's own python (ipykernel from requirements.txt).

This test: copies the files git tracks (as they are in the working tree) to a
temporary directory, makes a fresh virtual environment, installs exactly as
above, executes a chapter notebook from book/ and its reader notebook from
notebooks/ (the one the Binder button opens, tools/reader.py) in new kernels
of that environment and checks the kernel's sys.prefix and where bpcore
came from. It also checks that every module the book's notebooks import is
installed, and that the Python Binder would use is one every installed
package accepts.

Set BPCORE_BINDER_KEEP=1 to keep the temporary directory (its path is printed).
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomllib
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# the chapter executed in the Binder kernel: its source, and the reader notebook
# that the Binder button opens
NOTEBOOKS = ["book/ch1_forward.ipynb", "notebooks/ch1_forward.ipynb"]
REPO2DOCKER_DEFAULT_PYTHON = "3.10"    # repo2docker's default without runtime.txt
PIP_TIMEOUT = 1500
EXEC_TIMEOUT = 600


def _clean_env(**extra) -> dict:
    """The machine's environment without anything that would let the fresh
    environment see packages it did not install (.venv, user site, PYTHONPATH)
    or Jupyter configuration and kernels of the user."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
           and not k.startswith(("JUPYTER", "IPYTHON"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT / ".venv")))
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def _run(cmd, cwd, env, timeout, what):
    t0 = time.monotonic()
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                       text=True, timeout=timeout)
    took = time.monotonic() - t0
    if r.returncode != 0:
        pytest.fail(f"{what} failed ({took:.0f} s), exit {r.returncode}:\n"
                    f"{r.stdout[-4000:]}\n{r.stderr[-4000:]}", pytrace=False)
    return r, took


def binder_python_version(repo: Path) -> tuple[str, str]:
    """(x.y, where it comes from) as repo2docker reads it."""
    runtime = repo / "runtime.txt"
    if runtime.is_file():
        text = runtime.read_text(encoding="utf8").strip()
        if text.startswith("python-"):
            return ".".join(text.removeprefix("python-").split(".")[:2]), "runtime.txt"
    return REPO2DOCKER_DEFAULT_PYTHON, "repo2docker's default (no runtime.txt)"


def is_python_package(repo: Path) -> bool:
    """repo2docker's test for running `pip install .` after requirements.txt."""
    p = repo / "pyproject.toml"
    if not p.is_file():
        return (repo / "setup.py").is_file()
    data = tomllib.loads(p.read_text(encoding="utf8"))
    return "project" in data and "build-system" in data


def notebook_imports(path: Path) -> set[str]:
    """Top-level modules a notebook imports, leaving out imports guarded by
    `try: ... except ImportError` (optional extras, such as torch) and the
    Colab install cell."""
    from IPython.core.inputtransformer2 import TransformerManager

    nb = json.loads(path.read_text(encoding="utf8"))
    tm = TransformerManager()
    found: set[str] = set()

    def guarded(handlers):
        names = set()
        for h in handlers:
            for n in ast.walk(h.type) if h.type is not None else []:
                if isinstance(n, ast.Name):
                    names.add(n.id)
        return bool(names & {"ImportError", "ModuleNotFoundError", "Exception"})

    def visit(node, optional):
        if isinstance(node, ast.Try) and guarded(node.handlers):
            for child in node.body:
                visit(child, True)
            for child in node.handlers + node.orelse + node.finalbody:
                visit(child, optional)
            return
        if not optional:
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child, optional)

    for cell in nb["cells"]:
        # the Colab install cell imports google.colab only on Colab (tests/test_colab.py)
        if cell["cell_type"] == "code" and cell.get("id") != "colab-install":
            visit(ast.parse(tm.transform_cell("".join(cell["source"]))), False)
    return found


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """A copy of the repository and a fresh environment built from it the way
    repo2docker builds it. Yields a dict of paths and timings."""
    tmp = tmp_path_factory.mktemp("binder")
    repo, venv = tmp / "repo", tmp / "venv"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():                      # tracked but deleted in the tree: skip
            (repo / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / f)
    env = _clean_env()
    timings = {}

    version, _ = binder_python_version(repo)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    # Build with the Python Binder would use when this machine has it (pyenv or
    # python3.x on PATH); otherwise with this Python -- the version check below
    # still tells whether Binder's Python could install the requirements.
    python = sys.executable
    if version != here:
        found = shutil.which(f"python{version}", path=env["PATH"])
        probe = found and subprocess.run(
            [found, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, env=env)
        if probe and probe.returncode == 0 and probe.stdout.strip() == version:
            python = found

    t0 = time.monotonic()
    _run([python, "-m", "venv", venv], tmp, env, 300, "python -m venv")
    vpy = venv / "bin" / "python"
    _, timings["pip install -r requirements.txt"] = _run(
        [vpy, "-m", "pip", "install", "-q", "-r", "requirements.txt"], repo, env, PIP_TIMEOUT,
        "pip install -r requirements.txt")
    if is_python_package(repo):
        _, timings["pip install ."] = _run([vpy, "-m", "pip", "install", "-q", "."], repo, env,
                                           PIP_TIMEOUT,
                                           "pip install . (repo2docker: a Python package)")
    timings["environment"] = time.monotonic() - t0
    info = {"tmp": tmp, "repo": repo, "venv": venv, "python": vpy, "env": env,
            "timings": timings, "base_python": python}
    yield info
    print("\nBinder simulation timings: "
          + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    if os.environ.get("BPCORE_BINDER_KEEP"):
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def test_requirements_install_the_repository_itself():
    """requirements.txt installs bpcore from the repository: a local reference
    (`-e .` or `.`), which also tells repo2docker to copy the whole repository
    before running pip (it copies only requirements.txt otherwise)."""
    lines = [ln.split("#", 1)[0].strip() for ln in
             (ROOT / "requirements.txt").read_text(encoding="utf8").splitlines()]
    assert any(ln in {"-e .", "."} for ln in lines), \
        "requirements.txt does not install bpcore (`-e .`)"


DRIVER = r"""
import json, sys
import nbformat
from nbclient import NotebookClient

path, out = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import sys, json, bpcore\n"
    "print('BINDER-PROBE ' + json.dumps({'prefix': sys.prefix, 'executable': sys.executable,"
    " 'bpcore': bpcore.__file__}))"))
client = NotebookClient(nb, timeout=%(timeout)d, kernel_name="python3",
                        resources={"metadata": {"path": "."}})
client.execute()
probe = [o["text"] for o in nb.cells[-1].outputs if o.get("name") == "stdout"]
errors = [(i, o.get("ename")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
          for o in c.outputs if o.get("output_type") == "error"]
json.dump({"probe": "".join(probe), "errors": errors}, open(out, "w"))
"""


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_chapter_runs_in_a_fresh_binder_kernel(binder, notebook):
    """A chapter notebook runs top to bottom in a new kernel of the Binder
    environment, whose python is that environment's and whose bpcore is the
    copy's (not this checkout's .venv)."""
    tmp, repo, vpy = binder["tmp"], binder["repo"], binder["python"]
    nb = repo / notebook
    assert nb.is_file(), (f"{notebook} is not in the Binder copy, which holds what git "
                          "tracks: commit it (notebooks/: `make notebooks`)")
    driver = tmp / "driver.py"
    driver.write_text(DRIVER % {"timeout": EXEC_TIMEOUT}, encoding="utf8")
    jhome = tmp / "jupyter"
    env = _clean_env(JUPYTER_CONFIG_DIR=str(jhome / "config"),
                     JUPYTER_DATA_DIR=str(jhome / "data"),
                     JUPYTER_RUNTIME_DIR=str(jhome / "runtime"), JUPYTER_PATH=str(jhome / "path"),
                     IPYTHONDIR=str(jhome / "ipython"), MPLBACKEND="agg")
    result = tmp / "result.json"
    _, took = _run([vpy, driver, nb.name, result], nb.parent, env, EXEC_TIMEOUT + 120,
                   f"executing {notebook} in the Binder environment")
    binder["timings"][f"execute {notebook}"] = took
    res = json.loads(result.read_text(encoding="utf8"))
    assert res["errors"] == [], res["errors"]
    line = next(ln for ln in res["probe"].splitlines() if ln.startswith("BINDER-PROBE "))
    probe = json.loads(line.removeprefix("BINDER-PROBE "))
    venv = binder["venv"].resolve()
    assert Path(probe["prefix"]).resolve() == venv, probe
    assert Path(probe["executable"]).parent.resolve() == venv / "bin", probe
    bpcore_file = Path(probe["bpcore"]).resolve()
    assert bpcore_file.is_relative_to(repo.resolve()) or bpcore_file.is_relative_to(venv), probe
    assert not bpcore_file.is_relative_to(ROOT.resolve()), \
        f"bpcore came from the checkout: {probe}"


def test_every_notebook_import_is_installed(binder):
    """Every module that a notebook in book/ imports (outside try/except
    ImportError) is importable in the Binder environment: a package missing
    from requirements.txt fails here, whichever chapter uses it."""
    repo = binder["repo"]
    wanted: dict[str, set[str]] = {}
    for nb in sorted((repo / "book").glob("*.ipynb")):
        for mod in notebook_imports(nb):
            wanted.setdefault(mod, set()).add(nb.name)
    assert "bpcore" in wanted
    code = ("import importlib.util, json, sys; mods = json.loads(sys.argv[1]); "
            "print(json.dumps([m for m in mods if importlib.util.find_spec(m) is None]))")
    r, _ = _run([binder["python"], "-c", code, json.dumps(sorted(wanted))], repo / "book",
                binder["env"], 300, "find_spec in the Binder environment")
    missing = json.loads(r.stdout)
    assert not missing, "not installed by requirements.txt: " + "; ".join(
        f"{m} (imported by {', '.join(sorted(wanted[m]))})" for m in missing)


def test_binder_python_accepts_the_pinned_packages():
    """repo2docker uses runtime.txt's Python, or its default 3.10. Every
    package pinned in requirements.txt (as installed here) and bpcore itself
    must accept that version (Requires-Python), or Binder fails at `pip install`."""
    import importlib.metadata as md

    version, source = binder_python_version(ROOT)
    v = Version(version + ".0")
    refusing = []
    bpcore_spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))[
        "project"].get("requires-python", "")
    if bpcore_spec and v not in SpecifierSet(bpcore_spec):
        refusing.append(f"bpcore (requires-python {bpcore_spec})")
    for line in (ROOT / "requirements.txt").read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" not in line:
            continue
        name, pin = (x.strip() for x in line.split("==", 1))
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue                   # not installed here: the Binder build test tells
        spec = dist.metadata.get("Requires-Python") or ""
        if dist.version != pin or not spec:
            continue
        try:
            if v not in SpecifierSet(spec):
                refusing.append(f"{name}=={pin} (Requires-Python {spec})")
        except InvalidSpecifier:
            pass
    assert not refusing, (
        f"Binder would use Python {version} ({source}), which these refuse: "
        + ", ".join(refusing)
        + ". Add a file runtime.txt at the root with the single line `python-"
          f"{sys.version_info.major}.{sys.version_info.minor}` (the Python the tests use).")

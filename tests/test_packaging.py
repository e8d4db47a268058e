"""The wheel: what `pip install .` (and Colab's `pip install git+...`) gets.

The wheel is built from a copy of the checkout (so the build leaves no
build/ directory behind), with the venv's setuptools (--no-build-isolation:
no network). Every package and module of the source tree, and every data
file bpcore ships, must be inside it -- `[tool.setuptools.packages.find]`
and package-data in pyproject.toml decide that -- and nothing else: tools,
tests and bench stay out.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bpcore"
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "_build", "build", "dist", "*.egg-info",
                                    "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache",
                                    ".hypothesis", ".ipynb_checkpoints")


def source_files() -> list[str]:
    """Every file under bpcore/ that belongs in the wheel, as a wheel path."""
    return sorted(p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def source_packages() -> list[str]:
    """bpcore and its subpackages: the directories with an __init__.py."""
    return sorted(".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")
                  if "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "--no-index", "-q", "-w", str(tmp / "dist"), str(src)],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, f"the wheel does not build:\n{r.stdout}\n{r.stderr}"
    wheels = list((tmp / "dist").glob("bpcore-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def wheel_files(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return {n for n in z.namelist() if not n.endswith("/")}


def test_source_tree_has_the_subpackages_of_the_layout():
    """The discovery below finds at least the packages DESIGN.md names."""
    assert {"bpcore", "bpcore.viz", "bpcore.widgets",
            "bpcore.widgets.classroom"} <= set(source_packages())


def test_every_package_is_in_the_wheel(wheel_files):
    missing = [pkg for pkg in source_packages()
               if f"{pkg.replace('.', '/')}/__init__.py" not in wheel_files]
    assert not missing, f"packages missing from the wheel (packages.find?): {missing}"


def test_every_module_and_data_file_is_in_the_wheel(wheel_files):
    """Each .py, and each data file under bpcore/ (the JavaScript twin
    bpcore/widgets/live/bp-live.js; the digits come from scikit-learn), is in
    the wheel; a data file needs package-data."""
    files = source_files()
    assert any(f.endswith(".py") for f in files)
    assert "bpcore/widgets/live/bp-live.js" in files
    missing = [f for f in files if f not in wheel_files]
    data = [f for f in missing if not f.endswith(".py")]
    assert not missing, (
        f"files of bpcore/ missing from the wheel: {missing}"
        + (f"; list the data files {data} in [tool.setuptools.package-data]" if data else ""))


def test_wheel_installs_only_bpcore(wheel_files):
    """tools/ is a package too (python -m tools.colab_cell), but not bpcore's:
    nothing but bpcore and its metadata is installed."""
    top = {PurePosixPath(f).parts[0] for f in wheel_files}
    assert {t for t in top if not t.endswith(".dist-info")} == {"bpcore"}, top


IMPORT_ALL = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
done = {}
for name in json.loads(sys.argv[2]):
    done[name] = importlib.import_module(name).__file__
print(json.dumps(done))
"""


def test_every_module_imports_from_the_installed_wheel(wheel, tmp_path):
    """Installed from the wheel alone (not from this checkout), every module
    imports: its relative imports find their targets inside the wheel."""
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                        "--target", str(target), str(wheel)],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    modules = sorted({".".join(PurePosixPath(f).with_suffix("").parts).removesuffix(".__init__")
                      for f in source_files() if f.endswith(".py")})
    r = subprocess.run([sys.executable, "-c", IMPORT_ALL, str(target), json.dumps(modules)],
                       cwd=tmp_path, capture_output=True, text=True, check=False,
                       env={**os.environ, "MPLBACKEND": "Agg"})
    assert r.returncode == 0, r.stderr
    files = json.loads(r.stdout.splitlines()[-1])
    outside = {m: f for m, f in files.items() if not Path(f).resolve().is_relative_to(target)}
    assert not outside, f"imported from outside the installed wheel: {outside}"

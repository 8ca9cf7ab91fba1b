"""The package's layout: each stage imports only the stages before it, and nothing shipped
imports a developer tool.

The rules are :data:`ALLOWED`; each sub-package's docstring states them in words ("Imports:",
"Must never import:") and a test keeps the two in agreement, so the docstrings a newcomer reads
cannot drift from what is enforced.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build_tools"

#: The units of ``build_tools`` (a sub-package, or a module at the top) and the units each may
#: import, in pipeline order. ``model`` and ``diagnostics`` sit under every stage; ``cli`` is the
#: command line over all of them; ``devtools`` only tests and measures.
BASE = frozenset({"model", "diagnostics"})
SHIPPED_UNITS = ("model", "diagnostics", "reading", "pdf", "classify", "publish", "build", "cli")
ALLOWED: dict[str, frozenset[str]] = {
    "__init__": frozenset(),
    "model": frozenset(),
    "diagnostics": frozenset(),
    "reading": BASE,
    "pdf": BASE | {"reading"},
    "classify": BASE | {"reading"},
    "publish": BASE | {"reading", "classify"},
    "build": BASE | {"reading", "classify", "publish"},
    "cli": frozenset(SHIPPED_UNITS) - {"cli"},
    "__main__": frozenset({"cli"}),
    "devtools": frozenset(SHIPPED_UNITS),
}
SUBPACKAGES = ("reading", "classify", "publish", "pdf", "devtools")


def unit_of(module: str) -> str:
    """``build_tools.reading.parse`` → ``reading``; ``build_tools.cli`` → ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path, package: Path) -> str:
    """The dotted name of ``path`` inside ``package`` (``…/reading/__init__.py`` → its package)."""
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports, with the line, lazy imports included.

    ``from .. import diagnostics`` names a module of the package, so it counts as an import of
    that module; ``from .devtools import bench`` is an import of ``build_tools.devtools``.
    """
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == package.name:
                found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, target))
    root = package.name
    return [(line, mod) for line, mod in found if mod == root or mod.startswith(f"{root}.")]


def violations(package: Path) -> list[str]:
    """Each import that breaks :data:`ALLOWED`, as ``path:line: message``."""
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        unit = unit_of(module_name(path, package))
        where = path.relative_to(package.parent)
        if unit not in ALLOWED:
            problems.append(f"{where}:1: '{unit}' belongs to no stage: add it to a sub-package")
            continue
        for line, target in imported_modules(path, package):
            other = unit_of(target)
            if other in (unit, "__init__") or other not in ALLOWED:
                # Inside its own unit, the package's own docstring, or a name (not a module).
                continue
            if other not in ALLOWED[unit]:
                problems.append(f"{where}:{line}: {unit} must not import {target} ({other})")
    return problems


def test_stages_import_only_earlier_stages() -> None:
    assert violations(PACKAGE) == []


def test_the_check_catches_a_later_stage_and_a_dev_tool(tmp_path: Path) -> None:
    """The checker itself: a reading module importing the publisher, the CLI importing a dev
    tool lazily, a relative ``from .. import`` and a module that belongs to no stage."""
    package = tmp_path / "build_tools"
    files = {
        "__init__.py": "",
        "model.py": "",
        "cli.py": "def main() -> None:\n    from .devtools import bench\n",
        "reading/__init__.py": "",
        "reading/parse.py": "from ..publish.render import render_site\nfrom .. import model\n",
        "classify/__init__.py": "",
        "classify/themes.py": "from .. import publish\n",
        "publish/__init__.py": "",
        "publish/render.py": "from ..reading import parse\nfrom build_tools import classify\n",
        "devtools/__init__.py": "",
        "devtools/bench.py": "from build_tools.publish import render\n",
        "stray.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert violations(package) == [
        "build_tools/classify/themes.py:1: classify must not import build_tools.publish (publish)",
        "build_tools/cli.py:2: cli must not import build_tools.devtools (devtools)",
        "build_tools/reading/parse.py:1: reading must not import build_tools.publish.render "
        "(publish)",
        "build_tools/stray.py:1: 'stray' belongs to no stage: add it to a sub-package",
    ]


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_each_subpackage_says_what_it_may_import(subpackage: str) -> None:
    """The docstring's "Imports:" and "Must never import:" lines agree with :data:`ALLOWED`."""
    doc = ast.get_docstring(ast.parse((PACKAGE / subpackage / "__init__.py").read_text()))
    assert doc, f"build_tools/{subpackage}/__init__.py needs a docstring"
    rules = next((" ".join(p.split()) for p in doc.split("\n\n") if p.startswith("Imports: ")), "")
    assert rules, "a paragraph of the docstring starts 'Imports: ' and states the import rules"
    said_allowed, _, said_forbidden = rules.removeprefix("Imports: ").partition(
        " Must never import: "
    )
    named = {unit_of(name.strip(" .;")) for name in said_allowed.split(",")}
    allowed = ALLOWED[subpackage]
    if subpackage == "devtools":
        assert said_allowed.startswith("anything in build_tools")
        return
    assert named == allowed
    forbidden = {unit_of(name.strip(" .;")) for name in said_forbidden.split(",")}
    assert forbidden == set(SHIPPED_UNITS) - allowed - {subpackage} | {"devtools"}


def test_the_package_map_names_every_subpackage() -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text())) or ""
    for subpackage in SUBPACKAGES:
        assert f":mod:`.{subpackage}`" in doc


@pytest.mark.site
def test_the_wheel_ships_the_pipeline_without_the_dev_tools(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves build/ and *.egg-info/ beside the sources.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        source.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--disable-pip-version-check", "--wheel-dir", tmp_path),
            source,
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [name for name in names if name.startswith("build_tools/devtools/")]
    for needed in (
        "build_tools/reading/parse.py",
        "build_tools/pdf/__init__.py",
        "build_tools/publish/templates/report.md.j2",
        "build_tools/publish/theme/partials/header.html",
        "build_tools/publish/mkdocs_hooks.py",
    ):
        assert needed in names

"""The layer rule, checked mechanically: only tac_desk/ui (and app.py) may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tac_desk"
ALLOWED = {PACKAGE / "app.py"}
QT_FREE_LAYERS = ("domain", "storage", "services", "exports")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_ui_imports_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path in ALLOWED or (PACKAGE / "ui") in path.parents:
            continue
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def test_domain_imports_neither_qt_nor_sql() -> None:
    forbidden = {"PySide6", "shiboken6", "sqlmodel", "sqlalchemy", "sqlite3", "alembic"}
    offenders = {
        str(path.relative_to(PACKAGE.parent)): sorted(n for n in imported_modules(path) if n.split(".")[0] in forbidden)
        for path in (PACKAGE / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_sqlite_specific_code_stays_in_the_engine_modules() -> None:
    engine_modules = {
        "database.py",
        "inspect.py",
        "migrate.py",
        "backup.py",
        "integrity.py",
        "triggers.py",
        "quick_read.py",
    }
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "storage" and path.name in engine_modules:
            continue
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "import sqlite3" in text or "PRAGMA" in text:
            offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def test_loading_the_core_layers_loads_no_qt() -> None:
    code = (
        "import sys\n" + "".join(f"import tac_desk.{layer}\n" for layer in QT_FREE_LAYERS) + "import tac_desk.cli\n"
        "import pkgutil, importlib\n"
        f"for layer in {QT_FREE_LAYERS!r}:\n"
        "    pkg = importlib.import_module('tac_desk.' + layer)\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

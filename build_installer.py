"""Build TAC Desk's one-folder bundle (dist/tac-desk), smoke-test the frozen binary, then package it.

Usage: ``python build_installer.py [--clean] [--no-package] [--skip-smoke]`` (``make installer`` runs it).
Run with any Python 3.11+: it re-runs itself inside the project's virtualenv (.venv, created when missing),
installs PyInstaller there (the ``installer`` extra of pyproject.toml), and checks the system tools
PyInstaller needs (binutils on Linux, installed with apt-get when run as root). On Linux the package is
dist/tac-desk-VERSION-linux-ARCH.tar.gz: the bundle, a .desktop file, the icon and install.sh. Windows
(Inno Setup) and macOS (.app/.dmg) recipes are in packaging/windows and packaging/macos.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
SPEC = ROOT / "packaging" / "tac-desk.spec"
LINUX = ROOT / "packaging" / "linux"
APT_LINE = "apt-get install -y binutils"


def say(text: str) -> None:
    """Print one progress line."""
    print(f"[installer] {text}", flush=True)


def venv_python() -> Path:
    """The project's virtualenv interpreter."""
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def in_project_venv() -> bool:
    """True when this interpreter is the project's virtualenv."""
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    """Create .venv with TAC Desk installed when it is missing (as ``make`` would, without the dev tools)."""
    if venv_python().exists():
        return
    say("creating the virtualenv .venv")
    if os.name != "nt":
        subprocess.run(["bash", str(ROOT / "scripts" / "system_deps.sh"), "venv"], check=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(venv_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(venv_python()), "-m", "pip", "install", "--quiet", "-e", str(ROOT)], check=True)


def installer_requirement() -> str:
    """PyInstaller's requirement, from the ``installer`` extra of pyproject.toml."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = data["project"].get("optional-dependencies", {})
    found = [r for r in extras.get("installer", []) if r.lower().startswith("pyinstaller")]
    return found[0] if found else "pyinstaller>=6.5,<7"


def ensure_pyinstaller() -> None:
    """Install PyInstaller into this virtualenv (pip does nothing when the installed version fits)."""
    requirement = installer_requirement()
    say(f"making sure {requirement} is installed")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", requirement], check=True)


def ensure_system_tools() -> None:
    """PyInstaller reads shared libraries with objdump (binutils) on Linux: install it as root, else explain."""
    if not sys.platform.startswith("linux") or shutil.which("objdump"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing binutils ({APT_LINE})")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "binutils"], check=True, env=env, stdout=subprocess.DEVNULL)
        return
    raise SystemExit(f"PyInstaller needs objdump from binutils. Install it with:\n  sudo {APT_LINE}")


def build(dist: Path, *, clean: bool) -> float:
    """Run PyInstaller on packaging/tac-desk.spec into ``dist``; returns the seconds it took."""
    started = time.perf_counter()
    shutil.rmtree(dist / "tac-desk", ignore_errors=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(ROOT / "build" / "pyinstaller")]
    if clean:
        command.append("--clean")
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT)
    return time.perf_counter() - started


def executable(bundle: Path) -> Path:
    """The frozen ``tac-desk`` executable in ``bundle``."""
    name = "tac-desk.exe" if os.name == "nt" else "tac-desk"
    return bundle / name


def folder_size(folder: Path) -> int:
    """Bytes in every file under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def package_linux(bundle: Path, version: str) -> Path:
    """DIST/tac-desk-VERSION-linux-ARCH.tar.gz beside ``bundle``: the bundle, a .desktop file, icon and install.sh."""
    icon = ROOT / "resources" / "icons" / "tac-desk-256.png"
    shutil.copy2(icon, bundle / "tac-desk.png")
    template = (LINUX / "tac-desk.desktop.in").read_text(encoding="utf-8")
    desktop = template.replace("@EXEC@", "tac-desk").replace("@ICON@", "tac-desk")
    (bundle / "tac-desk.desktop").write_text(desktop, encoding="utf-8")
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)
    target = bundle.parent / f"tac-desk-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname="tac-desk")
    return target


def _run(command: list[str], env: dict[str, str], *, timeout: float = 180) -> str:
    """Run the frozen binary; stop the build with its error output when it fails."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        shown = " ".join(command[1:])
        raise SystemExit(f"smoke test failed: tac-desk {shown} exited with {done.returncode}:\n{done.stderr[-2000:]}")
    return done.stdout


def smoke_env(folder: Path, **extra: str) -> dict[str, str]:
    """Offscreen Qt, UTF-8, and user folders (settings, logs, records) inside ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAC_DESK_", "PYTHON"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": env.get("LANG", "C.UTF-8"), "HOME": str(folder), **extra})
    return env


def smoke_test(binary: Path, *, expected_version: str) -> list[str]:
    """Run the frozen binary: --version, the window offscreen on a new record, a demo record's minutes PDF.

    Raises:
        SystemExit: naming the step that failed.
    """
    import json
    import tempfile

    done = []
    with tempfile.TemporaryDirectory(prefix="tac-desk-smoke-") as name:
        folder = Path(name)
        env = smoke_env(folder)
        version = _run([str(binary), "--version"], env).strip()
        if expected_version not in version:
            raise SystemExit(f"smoke test failed: --version printed {version!r}, not {expected_version}")
        done.append(f"--version: {version}")
        record = folder / "records" / "new.tacdb"
        painted = _run([str(binary), "gui", "--db", str(record)], smoke_env(folder, TAC_DESK_BENCH_PAINT="1"))
        if "painted" not in painted:
            raise SystemExit("smoke test failed: the main window was never painted")
        done.append(f"main window painted offscreen on a new record (record created: {record.exists()})")
        demo = folder / "records" / "demo.tacdb"
        _run([str(binary), "demo", "--db", str(demo)], env)
        meetings = json.loads(_run([str(binary), "meeting", "list", "--db", str(demo), "--json"], env))
        held = [m["id"] for m in meetings if m.get("status") == "held"]
        if not held:
            raise SystemExit("smoke test failed: the demo record has no held meeting")
        if "minutes" not in _run([str(binary), "export", "--help"], env):
            done.append("demo record built; no 'export minutes' command yet, so no PDF")
            return done
        pdf = folder / "minutes.pdf"
        _run([str(binary), "export", "minutes", str(held[-1]), "-o", str(pdf), "--db", str(demo)], env)
        data = pdf.read_bytes() if pdf.exists() else b""
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
            raise SystemExit("smoke test failed: the minutes export did not write a PDF")
        done.append(f"demo record built; minutes of meeting {held[-1]} exported ({len(data) // 1024} KiB PDF)")
    return done


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache first")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default: dist)")
    parser.add_argument("--no-package", action="store_true", help="build and smoke-test only")
    parser.add_argument("--skip-smoke", action="store_true", help="do not run the frozen binary (not recommended)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build, smoke-test and package; prints the bundle's size and the build time."""
    if not in_project_venv():
        ensure_venv()
        forwarded = sys.argv[1:] if argv is None else argv
        return subprocess.run([str(venv_python()), str(Path(__file__).resolve()), *forwarded], check=False).returncode
    args = parse(argv)
    started = time.perf_counter()
    ensure_system_tools()
    ensure_pyinstaller()
    sys.path.insert(0, str(ROOT))
    from tac_desk import __version__

    dist = args.dist.resolve()
    bundle = dist / "tac-desk"
    seconds = build(dist, clean=args.clean)
    say(f"bundle built in {seconds:.1f} s: {executable(bundle)}")
    if not args.skip_smoke:
        for line in smoke_test(executable(bundle), expected_version=__version__):
            say(f"smoke test: {line}")
    size = folder_size(bundle)
    say(f"bundle size: {size / 2**20:.1f} MiB in {sum(1 for _ in bundle.rglob('*'))} files ({bundle})")
    if not args.no_package and sys.platform.startswith("linux"):
        target = package_linux(bundle, __version__)
        say(f"package: {target} ({target.stat().st_size / 2**20:.1f} MiB)")
    say(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The installer: the application icon files, and a real PyInstaller build that is smoke-tested and packaged."""

from __future__ import annotations

import configparser
import importlib.util
import struct
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from tac_desk import __version__

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icon_svg_source_is_a_square_svg() -> None:
    root = ET.parse(ICONS / "tac-desk.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_sizes_are_rendered(size: int) -> None:
    path = ICONS / f"tac-desk-{size}.png"
    assert png_size(path) == (size, size)
    with Image.open(path) as image:
        assert image.mode == "RGBA"
        corner, centre = image.getpixel((0, 0)), image.getpixel((size // 2, size // 2))
    assert isinstance(corner, tuple) and corner[3] == 0  # transparent outside the rounded square
    assert isinstance(centre, tuple) and centre[3] == 255


def test_ico_holds_every_windows_size() -> None:
    with Image.open(ICONS / "tac-desk.ico") as image:
        assert image.format == "ICO"
        assert sorted(image.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]


def test_icns_holds_retina_sizes() -> None:
    with Image.open(ICONS / "tac-desk.icns") as image:
        assert image.format == "ICNS"
        sizes = set(image.info["sizes"])
    assert {(16, 16, 1), (32, 32, 2), (128, 128, 1), (256, 256, 2), (512, 512, 1), (512, 512, 2)} <= sizes


def test_icon_containers_written_by_render_icons_read_back() -> None:
    render = load(ROOT / "packaging" / "render_icons.py", "render_icons")
    images = {size: (ICONS / f"tac-desk-{size}.png").read_bytes() for size in (16, 32, 256)}
    ico = render.ico_bytes(images)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 3)
    first = struct.unpack("<BBBBHHII", ico[6:22])
    assert first[0] == 16 and ico[first[7] : first[7] + 8] == b"\x89PNG\r\n\x1a\n"
    assert ico.endswith(images[256])


def test_the_window_icon_comes_from_the_rendered_files(qapp: object) -> None:
    from tac_desk.ui import icons

    icon = icons.app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 64, 128, 256}


def test_desktop_template_names_the_program_and_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ROOT / "packaging" / "linux" / "tac-desk.desktop.in", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "TAC Desk"
    assert entry["Exec"] == "@EXEC@ gui" and entry["Icon"] == "@ICON@"
    assert entry["Categories"].endswith(";")


def test_installer_extra_pins_pyinstaller_6() -> None:
    builder = load(ROOT / "build_installer.py", "build_installer")
    assert builder.installer_requirement() == "pyinstaller>=6.5,<7"


def test_build_installer_builds_smoke_tests_and_packages_the_bundle(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, str(ROOT / "build_installer.py"), "--dist", str(dist)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"smoke test: --version: tac-desk {__version__}" in done.stdout
    assert "smoke test: main window painted offscreen" in done.stdout
    assert "minutes of meeting" in done.stdout and "exported" in done.stdout
    assert "bundle size:" in done.stdout
    binary = dist / "tac-desk" / "tac-desk"
    assert subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True).stdout.strip() == (
        f"tac-desk {__version__}"
    )
    internal = dist / "tac-desk" / "_internal"
    assert (internal / "resources" / "icons" / "tac-desk.svg").is_file()
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "tac_desk" / "storage" / "migrations" / "env.py").is_file()
    assert list((internal / "tac_desk" / "storage" / "migrations" / "versions").glob("0001*.py"))
    shipped = {path.name for path in internal.rglob("*")}
    assert not any(name.startswith(("QtWebEngine", "Qt3D", "QtMultimedia", "libQt6WebEngine")) for name in shipped)
    assert "tkinter" not in shipped and "_tkinter" not in {n.split(".")[0] for n in shipped}
    (package,) = dist.glob(f"tac-desk-{__version__}-linux-*.tar.gz")
    with tarfile.open(package) as archive:
        names = set(archive.getnames())
        desktop = archive.extractfile("tac-desk/tac-desk.desktop")
        assert desktop is not None
        text = desktop.read().decode("utf-8")
    assert {"tac-desk/tac-desk", "tac-desk/tac-desk.png", "tac-desk/install.sh"} <= names
    assert "Exec=tac-desk gui" in text and "Icon=tac-desk" in text

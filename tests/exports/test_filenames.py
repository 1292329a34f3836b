"""Export file names built from user text are safe everywhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tac_desk.exports.filenames import safe_filename


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("TAC meeting 25 minutes", "TAC meeting 25 minutes.pdf"),
        ("../../etc/passwd", "etc-passwd.pdf"),
        ("CON", "CON-file.pdf"),
        ("NUL.txt", "NUL.txt-file.pdf"),
        ("a:b?c*", "a-b-c.pdf"),
        ("trailing dot. ", "trailing dot.pdf"),
        ("名前 議事録", "名前 議事録.pdf"),
        ("", "export.pdf"),
        ("...", "export.pdf"),
    ],
)
def test_examples(stem: str, expected: str) -> None:
    assert safe_filename(stem, "pdf") == expected


def test_long_names_are_cut() -> None:
    name = safe_filename("x" * 300, "pdf")
    assert len(name) == 124 and name.endswith(".pdf")


@given(st.text(max_size=400), st.text(max_size=12))
def test_any_text_gives_a_safe_name(stem: str, extension: str) -> None:
    name = safe_filename(stem, extension)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and name not in (".", "..")
    assert len(name) <= 135
    assert all(c not in name for c in '<>:"|?*')

"""The Markdown minutes parsed back with a CommonMark parser: names literal, tables, no markup from user text."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tac_desk.exports import minutes_text as words
from tac_desk.exports.minutes_md import block, inline, line_start, render_minutes_markdown
from tac_desk.services.minutes import AgendaLine, MinutesRecord, MinutesStatus

from .builders import ALTERNATES, INJECTIONS, OBSERVERS, SEAT_HOLDERS

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
USER_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=80)


def tokens(markdown: str) -> list[Token]:
    """Every token, inline children flattened after their parent."""
    result: list[Token] = []
    for token in PARSER.parse(markdown):
        result.append(token)
        result.extend(token.children or [])
    return result


def plain_text(markdown: str) -> str:
    """The text a reader sees, one line per text run."""
    return "\n".join(t.content for t in tokens(markdown) if t.type in ("text", "code_inline"))


def test_every_name_prints_literally(record: MinutesRecord) -> None:
    text = plain_text(render_minutes_markdown(record).decode("utf-8"))
    for name, organization in SEAT_HOLDERS + ALTERNATES + OBSERVERS:
        assert name in text, name
        if organization:
            assert organization in text, organization
    assert "LF AI & Data <TAC>" in text
    for injection in INJECTIONS:
        assert injection in text, injection


def test_user_text_makes_no_html_links_images_or_code(record: MinutesRecord) -> None:
    parsed = tokens(render_minutes_markdown(record).decode("utf-8"))
    kinds = {t.type for t in parsed}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_block", "fence", "s_open"}
    code = [t.content for t in parsed if t.type == "code_inline"]
    assert code and all(re.fullmatch(r"[0-9a-f]{64}", c) for c in code)  # only the digests are code


def test_structure_title_sections_and_tables(record: MinutesRecord) -> None:
    markdown = render_minutes_markdown(record).decode("utf-8")
    parsed = tokens(markdown)
    headings = [parsed[i + 1].content for i, t in enumerate(parsed) if t.type == "heading_open" and t.tag == "h2"]
    assert headings == [
        "1. Attendance",
        "2. Agenda",
        "3. Proceedings",
        "4. Votes",
        "5. Action items",
        "6. Next meeting",
        "7. Record digest",
    ]
    title = next(parsed[i + 1] for i, t in enumerate(parsed) if t.type == "heading_open" and t.tag == "h1")
    assert "".join(c.content for c in title.children or []) == "LF AI & Data <TAC>: Minutes of Meeting 1"
    # present, absent, observers, agenda, one roll call per vote, actions, digest
    assert sum(t.type == "table_open" for t in parsed) == 4 + len(record.votes) + 2
    text = plain_text(markdown)
    assert "Quorum met: 9 of 12 voting seats present; 6 needed." in text
    assert "- **Status:** Draft" in markdown
    assert "Marek Nowak (alternate)" in text
    assert record.head_hash in text


def test_roll_call_rows_are_seat_by_seat(record: MinutesRecord) -> None:
    parsed = tokens(render_minutes_markdown(record).decode("utf-8"))
    cells: list[str] = []
    for i, token in enumerate(parsed):
        if token.type == "td_open":
            cells.append("".join(c.content for c in parsed[i + 1].children or []))
    vote = record.votes[0]
    for line in vote.roll:
        assert line.choice in cells
        assert line.organization in cells


def test_notes_cannot_open_lists_headings_quotes_or_code(record: MinutesRecord) -> None:
    notes = "- not a list\n1. not ordered\n# not a heading\n> not a quote\n===\n    not code\n```\n| a | b |\n|---|---|"
    first = record.agenda[0]
    changed = replace(record, agenda=(AgendaLine(**{**first.__dict__, "notes": notes}),), status=MinutesStatus.APPROVED)
    markdown = render_minutes_markdown(changed).decode("utf-8")
    section = markdown.split("## 3. Proceedings")[1].split("## 4. Votes")[0]
    kinds = {t.type for t in tokens(section)}
    assert not kinds & {"bullet_list_open", "ordered_list_open", "blockquote_open", "code_block", "fence", "table_open"}
    assert [t.tag for t in tokens(section) if t.type == "heading_open"] == ["h3"]
    text = plain_text(section)
    for line in ("- not a list", "1. not ordered", "# not a heading", "> not a quote", "===", "not code", "```"):
        assert line in text
    assert "- **Status:** Approved" in markdown


@given(USER_TEXT)
def test_inline_text_renders_exactly_as_typed(text: str) -> None:
    expected = " ".join(text.replace("\t", " ").splitlines()).strip()
    parsed = tokens(f"Name: {inline(text)}")
    assert {t.type for t in parsed} <= {"paragraph_open", "inline", "text", "paragraph_close"}
    assert "".join(t.content for t in parsed if t.type == "text") == f"Name: {expected}".strip()


@given(USER_TEXT)
def test_text_starting_a_line_renders_exactly_as_typed(text: str) -> None:
    expected = " ".join(text.replace("\t", " ").splitlines()).strip()
    parsed = tokens(line_start(text))
    assert {t.type for t in parsed} <= {"paragraph_open", "inline", "text", "paragraph_close"}
    assert "".join(t.content for t in parsed if t.type == "text") == expected


@given(USER_TEXT)
def test_cells_keep_tables_whole(text: str) -> None:
    markdown = f"| A | B |\n| --- | --- |\n| {inline(text) or '—'} | x |\n"
    parsed = tokens(markdown)
    assert sum(t.type == "td_open" for t in parsed) == 2


def test_block_keeps_paragraphs_and_line_breaks() -> None:
    parsed = tokens(block("first line\nsecond *line*\n\n\nnew paragraph"))
    assert sum(t.type == "paragraph_open" for t in parsed) == 2
    assert sum(t.type == "hardbreak" for t in parsed) == 1
    assert "second *line*" in plain_text(block("first line\nsecond *line*"))


def test_github_specials_are_escaped() -> None:
    assert inline("@team :rocket: $x$ ~~y~~") == "\\@team \\:rocket: \\$x\\$ \\~\\~y\\~\\~"


def test_corrections_are_listed_literally(corrected_record: MinutesRecord) -> None:
    markdown = render_minutes_markdown(corrected_record).decode("utf-8")
    text = plain_text(markdown)
    (vote,) = corrected_record.votes
    assert "Vote 1: Adopted (corrected)" in text
    assert words.correction_text(vote.corrections[0]) in text
    assert "<b>typo</b> & wrong seat" in text
    assert "html_inline" not in {t.type for t in tokens(markdown)}

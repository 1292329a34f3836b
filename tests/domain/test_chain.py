"""Canonical bytes keep text exactly as typed, and the hash chain is pinned by golden SHA-256 values."""

from __future__ import annotations

import hashlib
import json
import unicodedata

import pytest

from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash

NFC_CAFE = "Caf\u00e9"  # é as one code point
NFD_CAFE = "Cafe\u0301"  # e + combining acute accent

ENTRIES: list[tuple[int, str, str, dict[str, object]]] = [
    (
        1,
        "2024-05-02T16:00:00+00:00",
        "meeting.created",
        {"id": 1, "title": "TAC call \u2014 Caf\u00e9 张伟", "tz": "Europe/Berlin"},
    ),
    (
        2,
        "2024-05-02T16:05:30+00:00",
        "ballot.cast",
        {"motion_id": 7, "seat_id": 3, "choice": "yes", "person": "Jos\u00e9 \u00c1lvarez", "note": "👍🏽 ok"},
    ),
    (
        3,
        "2024-05-02T16:10:00+00:00",
        "vote.closed",
        {
            "passed": True,
            "required_yes": 8,
            "abstain": None,
            "rule": {"threshold": "2/3", "base": "all"},
            "names": ["Zo\u00eb", "Zoe\u0308"],
            "ratio": 0,
        },
    ),
]

GOLDEN_BYTES = [
    b'{"id":1,"title":"TAC call \xe2\x80\x94 Caf\xc3\xa9 \xe5\xbc\xa0\xe4\xbc\x9f","tz":"Europe/Berlin"}',
    b'{"choice":"yes","motion_id":7,"note":"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok","person":"Jos\xc3\xa9 \xc3\x81lvarez",'
    b'"seat_id":3}',
    b'{"abstain":null,"names":["Zo\xc3\xab","Zoe\xcc\x88"],"passed":true,"ratio":0,"required_yes":8,'
    b'"rule":{"base":"all","threshold":"2/3"}}',
]

GOLDEN_HASHES = [
    "f6d4aa0cdfcfff3d617de30b0ff4e80e7c28c08dc293ac51c2c99c8752aa0d2f",
    "a14df4d8884dcf1021b5d51e930cd30e06cb37c9e50f51e5014ba2754304f3bf",
    "82291be2436df80b7eed328a17db36041836651c091d9ffa66e0f7bd232d62bb",
]


def chain_hashes(entries: list[tuple[int, str, str, dict[str, object]]]) -> list[str]:
    hashes = []
    previous = GENESIS
    for seq, recorded_at, kind, payload in entries:
        previous = entry_hash(
            seq=seq, recorded_at=recorded_at, kind=kind, payload=canonical_bytes(payload), prev_hash=previous
        )
        hashes.append(previous)
    return hashes


def test_golden_canonical_bytes() -> None:
    assert [canonical_bytes(payload) for *_, payload in ENTRIES] == GOLDEN_BYTES


def test_golden_chain() -> None:
    assert chain_hashes(ENTRIES) == GOLDEN_HASHES


def test_entry_hash_layout() -> None:
    """The hashed layout, spelled out: seq, time, kind, previous hash on lines, then the payload bytes."""
    seq, recorded_at, kind, payload = ENTRIES[0]
    expected = hashlib.sha256(
        f"{seq}\n{recorded_at}\n{kind}\n{GENESIS}\n".encode() + canonical_bytes(payload)
    ).hexdigest()
    got = entry_hash(seq=seq, recorded_at=recorded_at, kind=kind, payload=canonical_bytes(payload), prev_hash=GENESIS)
    assert got == expected
    assert expected == GOLDEN_HASHES[0]


def test_genesis() -> None:
    assert GENESIS == "0" * 64


@pytest.mark.parametrize(
    ("index", "field", "value"),
    [
        pytest.param(0, "title", "TAC call \u2014 " + NFD_CAFE + " 张伟", id="nfc-to-nfd"),
        pytest.param(1, "choice", "no", id="changed-choice"),
        pytest.param(1, "seat_id", "3", id="int-to-string"),
        pytest.param(2, "passed", 1, id="bool-to-int"),
        pytest.param(2, "ratio", 0.0, id="int-to-float"),
    ],
)
def test_any_change_breaks_the_chain_from_there_on(index: int, field: str, value: object) -> None:
    tampered = [(seq, at, kind, dict(payload)) for seq, at, kind, payload in ENTRIES]
    tampered[index][3][field] = value
    hashes = chain_hashes(tampered)
    assert hashes[:index] == GOLDEN_HASHES[:index]
    for got, golden in zip(hashes[index:], GOLDEN_HASHES[index:], strict=True):
        assert got != golden


def test_the_previous_hash_and_header_fields_are_bound() -> None:
    seq, at, kind, payload = ENTRIES[1]
    body = canonical_bytes(payload)
    reference = entry_hash(seq=seq, recorded_at=at, kind=kind, payload=body, prev_hash=GOLDEN_HASHES[0])
    assert reference == GOLDEN_HASHES[1]
    assert entry_hash(seq=seq + 1, recorded_at=at, kind=kind, payload=body, prev_hash=GOLDEN_HASHES[0]) != reference
    assert entry_hash(seq=seq, recorded_at=at + " ", kind=kind, payload=body, prev_hash=GOLDEN_HASHES[0]) != reference
    assert entry_hash(seq=seq, recorded_at=at, kind="ballot.cas", payload=body, prev_hash=GOLDEN_HASHES[0]) != reference
    assert entry_hash(seq=seq, recorded_at=at, kind=kind, payload=body, prev_hash=GENESIS) != reference


# ---- canonical bytes: text kept exactly as typed ----


def test_nfc_and_nfd_stay_distinct() -> None:
    assert unicodedata.normalize("NFC", NFD_CAFE) == NFC_CAFE
    nfc = canonical_bytes({"name": NFC_CAFE})
    nfd = canonical_bytes({"name": NFD_CAFE})
    assert nfc == b'{"name":"Caf\xc3\xa9"}'
    assert nfd == b'{"name":"Cafe\xcc\x81"}'
    assert nfc != nfd
    assert json.loads(nfd)["name"] == NFD_CAFE


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("张伟", id="cjk"),
        pytest.param("健二 けんじ 건이", id="japanese-korean"),
        pytest.param("Олена Коваль", id="cyrillic"),
        pytest.param("محمد", id="arabic"),
        pytest.param("🎉👩🏽‍💻🏳️‍🌈", id="emoji-with-zwj-and-modifiers"),
        pytest.param("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀋", id="astral-plane"),
        pytest.param('quote " backslash \\ tab \t newline \n', id="escapes"),
    ],
)
def test_text_is_written_as_raw_utf8_and_reads_back(text: str) -> None:
    data = canonical_bytes({"name": text})
    assert json.loads(data.decode("utf-8"))["name"] == text
    if not any(char in '"\\' or ord(char) < 0x20 for char in text):
        assert text.encode("utf-8") in data
    assert b"\\u" not in data  # no \u escapes: one spelling per string


def test_key_order_and_spacing_do_not_matter() -> None:
    first = canonical_bytes({"b": 1, "a": [1, 2], "c": {"y": None, "x": "张"}})
    second = canonical_bytes({"c": {"x": "张", "y": None}, "a": [1, 2], "b": 1})
    assert first == second == '{"a":[1,2],"b":1,"c":{"x":"张","y":null}}'.encode()


def test_canonical_bytes_are_stable_across_calls() -> None:
    payload = ENTRIES[2][3]
    assert canonical_bytes(payload) == canonical_bytes(json.loads(canonical_bytes(payload)))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")], ids=["nan", "inf", "-inf"])
def test_non_finite_numbers_are_refused(value: float) -> None:
    with pytest.raises(ValueError):
        canonical_bytes({"x": value})

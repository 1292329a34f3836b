"""``member``, ``meeting`` and ``action`` commands on a real record."""

from __future__ import annotations

from pathlib import Path

from .helpers import Prepared, ok, ok_json, run


def test_member_add_with_a_seat_an_alternate_and_as_observer(record: Path, ids: Prepared) -> None:
    out = ok(
        run(
            "member", "add", "Zoë Ørsted-Nakamura", "--org", "Nordlys", "--seat", "premier",
            "--email", "zoe@nordlys.example", "--tz", "Europe/Oslo", db=record,
        )
    )  # fmt: skip
    holder = int(out.strip())
    assert holder == 7
    assert ok_json(
        run("member", "add", "李娜", "--org", "Nordlys", "--alternate-for", holder, "--json", db=record)
    ) == {"id": 8}
    assert ok(run("member", "add", "<b>Bob</b> O'Brien", "--org", "Guests", db=record)).strip() == "9"
    members = {m["id"]: m for m in ok_json(run("member", "list", "--json", db=record))}
    assert all(isinstance(key, int) for key in members)
    assert members[holder] == {
        "id": 7,
        "name": "Zoë Ørsted-Nakamura",
        "organization": "Nordlys",
        "email": "zoe@nordlys.example",
        "timezone": "Europe/Oslo",
        "role": "primary",
        "seat_id": 5,
        "seat_kind": "premier",
        "seat_organization": "Nordlys",
    }
    assert (members[8]["role"], members[8]["seat_id"]) == ("alternate", 5)
    assert (members[9]["name"], members[9]["role"], members[9]["seat_id"]) == ("<b>Bob</b> O'Brien", "observer", None)
    assert (members[ids.eve]["role"], members[ids.dmitri]["seat_kind"]) == ("alternate", "chair")
    text = ok(run("member", "list", db=record))
    assert "李娜" in text and "<b>Bob</b> O'Brien" in text and "alternate, seat 5 (Nordlys)" in text


def test_a_seat_added_today_votes_at_once(record: Path) -> None:
    holder = int(ok(run("member", "add", "Jiří Novák", "--org", "Prague Labs", "--seat", "project", db=record)))
    motion = int(ok(run("motion", "add", "--electronic", "Adopt the style guide", db=record)))
    shown = ok_json(run("motion", "show", motion, "--json", db=record))
    assert "Prague Labs" in [entry["organization"] for entry in shown["roster"]]
    vote = ok_json(run("ballot", motion, holder, "yes", "--json", db=record))
    assert (vote["organization"], vote["choice"], vote["tally"]["yes"]) == ("Prague Labs", "yes", 1)


def test_meeting_schedule_keeps_local_time_across_daylight_saving(record: Path) -> None:
    data = ok_json(
        run(
            "meeting", "schedule", "--first", "2031-03-06T09:00", "--tz", "America/New_York", "--every", "1",
            "--count", "3", "--minutes", "90", "--json", db=record,
        )
    )  # fmt: skip
    assert data["id"] == 2
    assert [m["starts_at"] for m in data["meetings"]] == [
        "2031-03-06T09:00:00-05:00",
        "2031-03-13T09:00:00-04:00",
        "2031-03-20T09:00:00-04:00",
    ]
    assert {m["minutes"] for m in data["meetings"]} == {90}
    listed = ok_json(run("meeting", "list", "--json", db=record))
    assert [m["id"] for m in listed] == [1, 2, 3, 4, 5, 6, 7]
    assert set(listed[0]) >= {"id", "number", "starts_at", "timezone", "minutes", "status", "series_id", "moved"}
    assert [m["status"] for m in listed[:4]] == ["held", "held", "scheduled", "cancelled"]


def test_meeting_schedule_until_and_the_default_year(record: Path) -> None:
    assert ok(run("meeting", "schedule", "--first", "2032-01-01T10:00", "--tz", "UTC", "--until", "2032-02-12",
                  db=record)).strip() == "2"  # fmt: skip
    yearly = ok_json(run("meeting", "schedule", "--first", "2033-01-06T17:30", "--tz", "Asia/Kolkata", "--json",
                         db=record))  # fmt: skip
    assert len(yearly["meetings"]) == 26
    assert yearly["meetings"][-1]["start_local"] == "2033-12-22T17:30"
    listed = ok_json(run("meeting", "list", "--json", db=record))
    assert len([m for m in listed if m["series_id"] == 2]) == 4  # Jan 1, 15, 29 and Feb 12
    text = ok(run("meeting", "list", db=record))
    assert "2032-02-12 10:00 UTC" in text and "Asia/Kolkata" in text


def test_meeting_move_and_cancel(record: Path, ids: Prepared) -> None:
    moved = ok(run("meeting", "move", ids.scheduled, "--to", "2030-02-08T18:30", db=record))
    assert moved.startswith("Moved:") and "2030-02-08 18:30 Europe/Paris" in moved
    listed = {m["id"]: m for m in ok_json(run("meeting", "list", "--json", db=record))}
    assert (listed[ids.scheduled]["moved"], listed[ids.scheduled]["number"]) == (True, 3)
    assert listed[ids.scheduled]["starts_at"] == "2030-02-08T18:30:00+01:00"
    assert listed[ids.cancelled]["status"] == "cancelled"
    cancelled = ok_json(run("meeting", "cancel", ids.scheduled, "--json", db=record))
    assert (cancelled["id"], cancelled["status"], cancelled["number"]) == (ids.scheduled, "cancelled", None)
    assert "cancelled" in ok(run("meeting", "list", db=record)).splitlines()[2]


def test_meeting_attend_primaries_alternates_observers_and_absence(record: Path, ids: Prepared) -> None:
    meeting = ids.scheduled
    assert ok(run("meeting", "attend", meeting, ids.ana, db=record)).strip() == (
        "No quorum: 1 of 4 voting seats present — 2 needed; no decisions can be made"
    )
    roll = ok_json(run("meeting", "attend", meeting, ids.eve, "--json", db=record))  # the alternate stands in
    acme = next(entry for entry in roll["roll"] if entry["organization"] == "Acme")
    assert (acme["presence"], acme["person_id"], acme["name"]) == ("alternate", ids.eve, "Eve Ålund")
    assert (roll["id"], roll["present"], roll["seats"], roll["needed"], roll["quorum_met"]) == (meeting, 1, 4, 2, False)
    roll = ok_json(run("meeting", "attend", meeting, ids.femi, "--json", db=record))
    assert roll["observers"] == [{"id": ids.femi, "name": "Femi Adé"}]
    assert roll["present"] == 1
    ok(run("meeting", "attend", meeting, ids.wang, db=record))
    roll = ok_json(run("meeting", "attend", meeting, ids.eve, "--absent", "--json", db=record))
    assert (roll["present"], roll["quorum_met"]) == (1, False)
    assert next(e for e in roll["roll"] if e["organization"] == "Acme")["presence"] == "absent"


def test_action_add_and_list(record: Path, ids: Prepared) -> None:
    new = ok(run("action", "add", "Relire le compte rendu — 审阅", "--owner", ids.wang, "--due", "2030-01-20",
                 "--meeting", ids.held, db=record))  # fmt: skip
    assert new.strip() == "2"
    assert ok_json(run("action", "add", "Book the room", "--json", db=record)) == {"id": 3}
    items = ok_json(run("action", "list", "--json", db=record))
    assert [item["id"] for item in items] == [2, 1, 3]  # open, by due date, undated last
    assert items[0] == {
        "id": 2,
        "task": "Relire le compte rendu — 审阅",
        "owner_id": ids.wang,
        "owner": "王伟",
        "due_on": "2030-01-20",
        "status": "open",
        "meeting_id": ids.held,
    }
    assert items[2]["owner"] is None
    text = ok(run("action", "list", db=record))
    assert "王伟: Relire le compte rendu — 审阅" in text and "unassigned: Book the room" in text

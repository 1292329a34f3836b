"""Create the committee of a new record and manage its decision types."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from tac_desk.domain.defaults import DEFAULT_DECISION_TYPES
from tac_desk.domain.enums import ChairVoting
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.model import Body
from tac_desk.domain.rules import Rule
from tac_desk.services.common import clean_text, clean_zone
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import BodyRow, DecisionTypeRow


def create_body(*, session: Session, name: str, timezone: str, chair_voting: ChairVoting = ChairVoting.ALWAYS) -> Body:
    """Create the record's committee with the default LF AI & Data decision types.

    Raises:
        Refused: when the record already has a committee.
        InvalidInput: for an empty name or an unknown zone.
    """
    if session.exec(select(BodyRow)).first() is not None:
        raise Refused("this record already has a committee")
    row = BodyRow(
        name=clean_text(name, what="the committee's name", limit=200),
        timezone=clean_zone(timezone),
        chair_voting=chair_voting.value,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, kind in enumerate(DEFAULT_DECISION_TYPES):
        session.add(
            DecisionTypeRow(
                body_id=row.id,
                key=kind.key,
                label=kind.label,
                rule_json=json.dumps(kind.rule.to_dict()),
                position=position,
            )
        )
    session.flush()
    return repo.body(session)


def set_decision_rule(*, session: Session, key: str, rule: Rule, label: str | None = None) -> Body:
    """Change (or add) a decision type's rule; votes already closed keep the rule they were decided under.

    Raises:
        InvalidInput: for an empty key.
    """
    key = clean_text(key, what="the decision type's key", limit=40)
    if any(c.isspace() for c in key):
        raise InvalidInput("a decision type's key has no spaces (e.g. 'two-thirds')")
    current = repo.body(session)
    found = session.exec(
        select(DecisionTypeRow).where(DecisionTypeRow.body_id == current.id, DecisionTypeRow.key == key)
    ).first()
    if found is None:
        found = DecisionTypeRow(
            body_id=current.id, key=key, label=label or key, rule_json="", position=len(current.decision_types)
        )
    found.rule_json = json.dumps(rule.to_dict())
    if label:
        found.label = clean_text(label, what="the label", limit=100)
    session.add(found)
    session.flush()
    return repo.body(session)


def set_chair_voting(*, session: Session, mode: ChairVoting) -> Body:
    """Set when the chair's ballot counts (always, or only to break a tie)."""
    current = repo.row(session, BodyRow, repo.body(session).id)
    current.chair_voting = mode.value
    session.add(current)
    session.flush()
    return repo.body(session)


def rename_body(*, session: Session, name: str) -> Body:
    """Rename the committee."""
    current = repo.row(session, BodyRow, repo.body(session).id)
    current.name = clean_text(name, what="the committee's name", limit=200)
    session.add(current)
    session.flush()
    return repo.body(session)

"""The views of the main window, in navigation order; modules are imported only when the views are built."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the navigation needs only the titles: the first paint loads no view code
    from tac_desk.ui.context import AppContext
    from tac_desk.ui.views.base import View


class ViewSpec(NamedTuple):
    """Where a view lives and how the navigation names it."""

    title: str
    icon_name: str
    module: str
    class_name: str


VIEW_SPECS: tuple[ViewSpec, ...] = (
    ViewSpec("Meetings", "meetings", "tac_desk.ui.views.meetings_view", "MeetingsView"),
    ViewSpec("Electronic votes", "electronic", "tac_desk.ui.views.electronic_view", "ElectronicVotesView"),
    ViewSpec("Roster", "roster", "tac_desk.ui.views.roster_view", "RosterView"),
    ViewSpec("Projects", "projects", "tac_desk.ui.views.projects_view", "ProjectsView"),
    ViewSpec("Decisions", "decisions", "tac_desk.ui.views.decisions_view", "DecisionsView"),
    ViewSpec("Action items", "actions", "tac_desk.ui.views.actions_view", "ActionsView"),
)


def make_view(spec: ViewSpec, context: AppContext) -> View:
    """Build one view on the shared context."""
    view: View = getattr(importlib.import_module(spec.module), spec.class_name)(context)
    return view


def make_views(context: AppContext) -> list[View]:
    """Build every view on the shared context."""
    return [make_view(spec, context) for spec in VIEW_SPECS]

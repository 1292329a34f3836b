"""The views of the main window, in navigation order."""

from __future__ import annotations

from tac_desk.ui.context import AppContext
from tac_desk.ui.views.base import View


def make_views(context: AppContext) -> list[View]:
    """Build every view on the shared context."""
    from tac_desk.ui.views.actions_view import ActionsView
    from tac_desk.ui.views.decisions_view import DecisionsView
    from tac_desk.ui.views.electronic_view import ElectronicVotesView
    from tac_desk.ui.views.meetings_view import MeetingsView
    from tac_desk.ui.views.projects_view import ProjectsView
    from tac_desk.ui.views.roster_view import RosterView

    return [
        MeetingsView(context),
        ElectronicVotesView(context),
        RosterView(context),
        ProjectsView(context),
        DecisionsView(context),
        ActionsView(context),
    ]

"""The Roster view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class RosterView(View):
    """Roster."""

    title = "Roster"
    icon_name = "roster"

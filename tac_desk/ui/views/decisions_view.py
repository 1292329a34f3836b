"""The Decisions view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class DecisionsView(View):
    """Decisions."""

    title = "Decisions"
    icon_name = "decisions"

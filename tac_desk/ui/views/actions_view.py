"""The Action items view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class ActionsView(View):
    """Action items."""

    title = "Action items"
    icon_name = "actions"

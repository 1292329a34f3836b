"""The Electronic votes view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class ElectronicVotesView(View):
    """Electronic votes."""

    title = "Electronic votes"
    icon_name = "electronic"

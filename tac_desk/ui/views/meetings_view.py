"""The Meetings view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class MeetingsView(View):
    """Meetings."""

    title = "Meetings"
    icon_name = "meetings"

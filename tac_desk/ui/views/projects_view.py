"""The Projects view."""

from __future__ import annotations

from tac_desk.ui.views.base import View


class ProjectsView(View):
    """Projects."""

    title = "Projects"
    icon_name = "projects"

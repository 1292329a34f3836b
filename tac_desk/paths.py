"""Where TAC Desk keeps things: the default record, logs and backups (platform user folders)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tac_desk import APP_ID

RECORD_ENV = "TAC_DESK_DB"


def data_dir() -> Path:
    """The user-data folder (e.g. ~/.local/share/tac-desk)."""
    from platformdirs import user_data_path  # imported when first asked: the window paints before it needs it

    return user_data_path(APP_ID, appauthor=False)


def default_record() -> Path:
    """The default record: $TAC_DESK_DB, or tac.tacdb in the user-data folder."""
    override = os.environ.get(RECORD_ENV)
    return Path(override).expanduser() if override else data_dir() / "tac.tacdb"


def log_dir() -> Path:
    """The user-log folder."""
    from platformdirs import user_log_path

    return user_log_path(APP_ID, appauthor=False)


def cache_dir() -> Path:
    """The user-cache folder (e.g. ~/.cache/tac-desk): things that can be rebuilt at any time."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_ID, appauthor=False)


def backup_dir(record: Path) -> Path:
    """Where backups of ``record`` go: a ``backups`` folder beside it."""
    return record.parent / "backups"


def resources_dir() -> Path:
    """The shipped resources (icons, fonts), in a bundle or in the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"

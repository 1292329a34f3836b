"""Run TAC Desk with ``python -m tac_desk`` (the window opens without loading the command-line parser)."""

import sys

from tac_desk.launch import gui_record

_record = gui_record(sys.argv[1:])
if _record is not None:
    from tac_desk.app import main as _open_window

    raise SystemExit(_open_window(record=_record[0]))

from tac_desk.cli import main  # noqa: E402

raise SystemExit(main())

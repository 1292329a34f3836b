"""Run TAC Desk with ``python -m tac_desk``."""

from tac_desk.cli import main

raise SystemExit(main())

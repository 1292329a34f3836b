"""Entry point of the frozen ``tac-desk`` executable: the command line (no command opens the desktop app)."""

from tac_desk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""TAC Desk: the desktop for a foundation's Technical Advisory Committee."""

__version__ = "0.1.0"
APP_NAME = "TAC Desk"
APP_ID = "tac-desk"
ORGANIZATION = "TAC Desk"

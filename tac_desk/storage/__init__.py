"""Storage layer of TAC Desk."""

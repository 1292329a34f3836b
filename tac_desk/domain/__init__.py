"""Domain layer of TAC Desk."""

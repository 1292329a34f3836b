"""Services layer of TAC Desk."""

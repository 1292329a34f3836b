"""Exports layer of TAC Desk."""

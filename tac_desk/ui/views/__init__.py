"""The main window's views: one per navigation entry."""

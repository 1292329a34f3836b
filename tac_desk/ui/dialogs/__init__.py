"""Dialogs: each collects input and calls one service through the context."""

"""Benchmarks of TAC Desk against its performance budgets (``python -m benchmarks``, ``make bench``)."""

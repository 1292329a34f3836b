"""Scripts the benchmarks run in fresh processes (``python -m benchmarks.probes.NAME``)."""

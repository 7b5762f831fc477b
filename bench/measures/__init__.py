"""Benchmark measures, one module per area; see ``bench/run.py``."""

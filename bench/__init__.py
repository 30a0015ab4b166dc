"""Benchmarks: each script measures one thing on stated material against a stated baseline, prints a table
and writes JSON under `bench/results/`; percentiles come from `percentiles.py`. Benchmarks are not tests.
"""

"""Benchmarks for qualcode: a synthetic corpus, import/search/open timings against a floor."""

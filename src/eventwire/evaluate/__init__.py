"""Evaluation against the gold benchmarks: a pure scorer, actor accuracy and a runner over the pipeline."""

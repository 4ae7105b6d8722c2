"""Evaluation history: every evaluation stored compactly, queried over time, and maturity levels
derived from it. ``store`` writes, ``queries`` reads, ``maturity`` applies the time rules."""

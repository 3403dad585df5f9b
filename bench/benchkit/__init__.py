"""Helpers shared by the load and fault benchmarks (``load_mixed.py``, ``faults.py``): a
package, not a script, so the bench smoke test (which runs every ``bench/*.py``) skips it."""

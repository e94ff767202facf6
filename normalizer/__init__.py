"""CaseClock CSV Normalizer: law-firm exports in, CaseClock's import CSV out; CaseClock time entries in, each
billing system's import file out. Runs locally (CLI, Python, or the browser through Pyodide); nothing is uploaded.

Public API: see normalizer.api.
"""
__version__ = "0.1.0"

"""Shared test settings. Under CI the property tests run derandomized: a red build must mean a real regression,
reproducible from the same commit, never a new random draw."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

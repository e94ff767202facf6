"""The matter-list job (docs/RULES.md): open and choose the tables (load.py), pull each row's fields (extract.py),
run the rules (rules/) in the order job.py gives them, describe the input (describe.py)."""
from .describe import detection_of
from .extract import extract
from .job import COUNTS, HEADER, OUTPUT_NAME, MattersOutput, normalize
from .load import Given, Loaded, load_tables

__all__ = ["normalize", "Given", "Loaded", "load_tables", "detection_of", "extract", "HEADER", "COUNTS",
           "OUTPUT_NAME", "MattersOutput"]

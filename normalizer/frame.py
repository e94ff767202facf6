"""pandas in and out, for Python users who have it (`pip install caseclock-normalizer[pandas]`).
Never imported by the library itself or in the browser."""
from __future__ import annotations

import io


def to_dataframe(result_or_bytes):
    """A Result (or CSV bytes we wrote) as a DataFrame of strings: IDs such as 00012 keep their leading zeros."""
    import pandas as pd
    data = getattr(result_or_bytes, "data", result_or_bytes)
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def from_dataframe(df) -> bytes:
    """A DataFrame as CSV bytes the library can read (header row, UTF-8), e.g. to feed normalize_matters."""
    return df.to_csv(index=False).encode("utf-8")

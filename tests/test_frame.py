"""pandas in and out (the optional extra): IDs keep their leading zeros, and a DataFrame feeds the matter import."""
from __future__ import annotations

import pytest

from normalizer import api
from normalizer.frame import from_dataframe

pd = pytest.importorskip("pandas")


def test_a_dataframe_goes_in_and_the_result_comes_out_as_strings():
    df = pd.DataFrame({"Client": ["Tremblay, Jean", "Acme Widgets Inc."], "Matter Number": ["00012", "00013"],
                       "Matter Description": ["Divorce", "Supply contract"], "Rate": ["$350.00", "425"]})
    result = api.normalize_matters([from_dataframe(df)], names=["frame.csv"])
    out = api.to_dataframe(result)
    assert list(out["Matter ID"]) == ["00012", "00013"]
    assert list(out["Hourly Rate"]) == ["350.00", "425.00"]
    assert result.report.counts["rows_written"] == 2

"""Property tests over generated messy tables: every row accounted for, IDs valid and unique, and the output read
back by an independent CSV reader (pandas) agrees with the report."""
from __future__ import annotations

import csv
import io
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings, strategies as st

from normalizer import api
from normalizer.check import check

ID = re.compile(r"^[A-Za-z0-9._-]+$")
HEADER = ["Client", "Matter Number", "Matter Name", "Status", "Hourly Rate", "Province"]
OUT_HEADER = ["Client ID", "Client Name", "Matter ID", "Matter Name", "Jurisdiction", "Law Practice Area",
              "Hourly Rate"]

# Small pools so that duplicates, slug collisions and conflicts actually happen.
messy = st.sampled_from(["Acme Ltd.", "ACME LTD", "acme-ltd", "Lévesque, Hélène", "Levesque Helene", "  Ann\nSmith ",
                         "Ann Smith", "株式会社", "O'Brien & Sons", "@Home", "=1+2", "C#01", "", " "])
refs = st.sampled_from(["M-1", "M-1", "m 1", "2024/001", "00012", "0012", "#", "", "", "A#1", "É-7", "16-1001"])
names = st.sampled_from(["Lease", "Lease ", "Divorce", "Estate – probate", "", "=SUM(A1)", "x" * 60, "Will\nupdate"])
statuses = st.sampled_from(["Open", "Closed", "Pending", "Inactive", "Archived", "weird", "", "OPEN"])
rates = st.sampled_from(["", "$1,250.00", "1 250,00", "350", "Flat fee", "abc", "(5)", "300/hr"])
provinces = st.sampled_from(["", "ON", "QC", "BC"])
rows_st = st.lists(st.tuples(messy, refs, names, statuses, rates, provinces), min_size=1, max_size=30)


def to_csv(rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_st, include_closed=st.booleans(), jurisdiction=st.sampled_from([None, "ON"]))
def test_every_row_is_accounted_for_and_ids_are_valid_and_unique(rows, include_closed, jurisdiction) -> None:
    data = to_csv(rows)
    try:
        result = api.normalize_matters([data], names=["gen.csv"], system="synonyms", include_closed=include_closed,
                                       jurisdiction=jurisdiction)
    except Exception as exc:                  # only "nothing usable" may stop the job, never a traceback
        from normalizer.errors import InputError
        assert isinstance(exc, InputError), repr(exc)
        return
    c = result.report.counts
    assert c["rows_read"] == c["rows_written"] + c["rows_merged"] + c["rows_filtered"] + c["rows_rejected"]
    assert c["rows_read"] <= len(rows)

    frame = pd.read_csv(io.BytesIO(result.data), dtype=str, keep_default_na=False)
    assert list(frame.columns) == OUT_HEADER
    assert len(frame) == c["rows_written"]
    client_ids = frame["Client ID"].map(lambda v: v.lstrip("'"))
    matter_ids = frame["Matter ID"]
    assert all(ID.match(v) for v in client_ids) and all(ID.match(v) for v in matter_ids)
    assert matter_ids.is_unique
    # One Client ID, one name; one client name, one ID.
    assert (frame.groupby("Client ID")["Client Name"].nunique() <= 1).all()
    assert (frame.groupby("Client Name")["Client ID"].nunique() <= 1).all()
    # Same client + matter name never under two Matter IDs.
    assert not frame.duplicated(["Client ID", "Matter Name"]).any()
    assert all(v == "" or re.match(r"^\d+\.\d\d$", v) for v in frame["Hourly Rate"])
    if jurisdiction:
        assert (frame["Jurisdiction"] != "").all()
    if not include_closed:
        closed = sum(1 for r in rows if r[3].strip().casefold() in ("closed", "inactive", "archived"))
        assert c["rows_filtered"] == closed
    assert check(result.data).errors == []


@settings(max_examples=40, deadline=None)
@given(rows=rows_st)
def test_converting_twice_gives_the_same_bytes(rows) -> None:
    data = to_csv(rows)
    try:
        first = api.normalize_matters([data], names=["gen.csv"], system="synonyms")
    except Exception:
        return
    assert api.normalize_matters([data], names=["gen.csv"], system="synonyms").data == first.data

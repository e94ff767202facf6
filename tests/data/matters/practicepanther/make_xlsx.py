"""Rebuild matters_export.xlsx deterministically (run with the project's venv: .venv/bin/python).

A PracticePanther matters export as XLSX (vendors.md, PracticePanther: matters-export columns from JBL-PP, seen in
public code; column order unconfirmed; money as "$1,250.00" text; contacts as "<number> - <name>"; XLSX may hold real
dates). openpyxl stamps the save time into docProps/core.xml and the ZIP entries, so the file is re-packed with a
fixed timestamp to make rebuilds byte-identical.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
OUT = HERE / "matters_export.xlsx"
STAMP = (2025, 11, 21, 10, 0, 0)
ISO_STAMP = "2025-11-21T10:00:00Z"

HEADER = ["Matter", "Contact", "Status", "Open Date", "Close Date", "Statute of Limitations", "Matter Rate",
          "Assigned To", "Notes", "Number", "Billable", "Trust", "Operating", "Invoices Due", "Tags"]
D = dt.datetime
ROWS = [
    # sheet row 2: "$1,250.00" text rate, integer Number cell, real date cells
    ["Supply contract dispute", "2658 - Acme Widgets Inc.", "Open", D(2024, 2, 12), None, D(2026, 2, 12),
     "$1,250.00", "Laura Benavides", "Breach of master supply agreement; see email chain 2/9", 1042,
     "$4,812.50", "$10,000.00", "$0.00", "$1,250.00", "litigation, priority"],
    # row 3: flat-rate matter -> no hourly rate
    ["Trademark – ACME WIDGETS word mark", "2658 - Acme Widgets Inc.", "Open", D(2024, 5, 6), None, None,
     "Flat Rate", "Laura Benavides", None, 1051, "$0.00", "$0.00", "$0.00", "$0.00", "ip"],
    # row 4: pending contingency matter, multi-line note
    ["Resendez – wrongful termination", "2702 - Paige Resendez", "Pending", D(2024, 7, 15), None, D(2026, 7, 15),
     "Contingency", "Marcus Pryor", "Intake call 7/15.\nAwaiting EEOC right-to-sue letter.", 1057,
     "$0.00", "$0.00", "$0.00", "$0.00", "employment"],
    # row 5: rate as a real number cell (integer-valued), accented person name
    ["Estate plan – Gómez family trust", "2715 - Ana Lucía Gómez", "Open", D(2024, 8, 1), None, None,
     400, "Marcus Pryor", None, 1063, "$800.00", "$2,500.00", "$0.00", "$0.00", "estate"],
    # row 6: closed
    ["TABC permit renewal", "2719 - Lone Star Taquería LLC", "Closed", D(2023, 3, 1), D(2024, 1, 31), None,
     "$350.00", "Laura Benavides", None, 1009, "$0.00", "$0.00", "$0.00", "$0.00", None],
    # row 7: archived (closed)
    ["2022 equipment financing", "2730 - Hill Country Solar, Inc.", "Archived", D(2022, 6, 14), D(2023, 2, 28),
     None, "$375.00", "Laura Benavides", None, 998, "$0.00", "$0.00", "$0.00", "$0.00", None],
    # row 8: same client, open; comma in client name
    ["Commercial lease – 6th Street", "2730 - Hill Country Solar, Inc.", "Open", D(2025, 1, 9), None, None,
     "$375.00", "Laura Benavides", None, 1066, "$1,125.00", "$0.00", "$0.00", "$375.00", "real estate"],
    # row 9: stray spaces in the matter name, cents in the rate
    ["  Nguyen  v. Brazos Property Mgmt. ", "2741 - Thanh Nguyen", "Open", D(2025, 3, 20), None, D(2027, 3, 20),
     "$295.50", "Marcus Pryor", None, 1070, "$0.00", "$0.00", "$0.00", "$0.00", "landlord-tenant"],
]


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Matters"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for r in range(2, ws.max_row + 1):
        for col in ("D", "E", "F"):
            ws[f"{col}{r}"].number_format = "m/d/yyyy"
        if isinstance(ws[f"G{r}"].value, (int, float)):
            ws[f"G{r}"].number_format = '"$"#,##0.00'
        ws[f"J{r}"].number_format = "0"
    fixed = dt.datetime(*STAMP)
    wb.properties.creator = "PracticePanther"
    wb.properties.created = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def repack(data: bytes) -> bytes:
    """Copy every member with a fixed date and a fixed dcterms:modified, in the original order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + ISO_STAMP.encode() + rb"\g<2>", body)
            info = zipfile.ZipInfo(item.filename, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(repack(workbook_bytes()))
    print(f"wrote {OUT.name}: {OUT.stat().st_size} bytes")

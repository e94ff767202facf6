"""LEDES 1998B: a standard, so its layout and rules live here in code rather than in a mapping file.

Sources (all in ../shared/reference/vendors.md, section "LEDES 1998B" and "UTBMS code lists"):
- layout, 24 fields, `[]` line ends, `|` fields: CASEFOX-SPEC, ECOUNSEL, LEDES-PARSER, LEXITREE (third-party doc /
  seen in public code);
- line total = units x unit cost + adjustment (LT-ERR 006, CLIO-LEDES); INVOICE_TOTAL = sum of line totals, the same
  on every line (LT-ERR 007, ECOUNSEL, BF) -- computed from values already rounded to 2 decimals (inferred);
- numbers: digits, `.` and a leading `-` only (LT-ERR 004); dates YYYYMMDD (LT-ERR 003);
- no escape for `|` or `[]`: replaced, as public writers do (seen in public code); ASCII only (CASEFOX-SPEC, Collaborati);
- e-billing rules: no blank matter ID, matching IDs, line dates inside the billing period, `Surname, First` names,
  descriptions under 1,024 characters (BF), alphanumeric invoice numbers (LEXITREE rejects hyphens).
Whether CRLF or LF must follow `[]` is unconfirmed; we write CRLF like every other output.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from .report import Report
from .targets.spec import Column, Entry, Spec, last_first, money, plain_number

FIELDS = ("INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL", "BILLING_START_DATE",
          "BILLING_END_DATE", "INVOICE_DESCRIPTION", "LINE_ITEM_NUMBER", "EXP/FEE/INV_ADJ_TYPE",
          "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT", "LINE_ITEM_TOTAL", "LINE_ITEM_DATE",
          "LINE_ITEM_TASK_CODE", "LINE_ITEM_EXPENSE_CODE", "LINE_ITEM_ACTIVITY_CODE", "TIMEKEEPER_ID",
          "LINE_ITEM_DESCRIPTION", "LAW_FIRM_ID", "LINE_ITEM_UNIT_COST", "TIMEKEEPER_NAME",
          "TIMEKEEPER_CLASSIFICATION", "CLIENT_MATTER_ID")
FIRST_LINE = "LEDES1998B[]"
EOL = "[]\r\n"

# UTBMS litigation task codes and activity codes (ABA code set page, documented).
TASK_CODES = frozenset(
    "L110 L120 L130 L140 L150 L160 L190 L210 L220 L230 L240 L250 L260 L310 L320 L330 L340 L350 L390 "
    "L410 L420 L430 L440 L450 L460 L470 L510 L520 L530".split())
ACTIVITY_CODES = frozenset(f"A{n}" for n in range(101, 112))
# UTBMS expense codes (E101-E124): CaseClock time entries are fees, so these are recognised but never exported.
EXPENSE_CODES = frozenset(f"E{n}" for n in range(101, 125))
# Timekeeper classifications: the 2014 LOC list as hard-coded in LEXITREE, and the older two-letter codes still listed
# by Collaborati (documented). Names of most 2014 codes are unconfirmed, so we never derive a code from a title.
CLASSIFICATIONS = frozenset((
    "ADJSTR ADJSMT ANALST ARBITR ASSOC TRANEE AUDITR CLKSEC CONSLT TEMPAT TEMPOS CSTCNS CTRPTR DSCATT DSCPMG DSCANJ "
    "DSCANS DOCCDR DOCRAT DOCRNA EVDEVL EXPERT FLTFEE FORANL HLNLPF INVSTG IPSVPV IPAGNT LGLAST LGLINT LGPRMG LIBRRN "
    "MEDITR MDRCRV OFCOUN NBOTHR PARALG PARTNR RSRCHR RSPROF SECNDE SPAGNT SOLDSG STFATT STFCNS TPADMN TRAINR TRNDEV "
    "TRNFAG TRANSL VIDOGR PT AS OC LA OT PL LP CS LI").split())

ID_MAX = 20                  # INVOICE_NUMBER, CLIENT_ID, LAW_FIRM_MATTER_ID, TIMEKEEPER_ID, ... (char 20)
NAME_MAX = 30                # TIMEKEEPER_NAME
DESCRIPTION_MAX = 1023       # Brightflag: "under 1,024 characters"

# The generic checks in entries.py read these, as they read a mapping file's [time_entries] table.
SPEC = Spec(
    target="ledes1998b", label="LEDES 1998B invoice file", support="standard",
    evidence="vendors.md § LEDES 1998B (LOC spec as reproduced by CASEFOX-SPEC / ECOUNSEL; LT-ERR; BF)",
    notes=("LEDES 1998B e-billing invoice: one invoice per client matter, all in one file. Check CLIENT_ID, "
           "LAW_FIRM_MATTER_ID and TIMEKEEPER_ID against what your client registered before uploading.",),
    filename="invoice.ledes.txt", columns=tuple(Column(f, "const") for f in FIELDS), format="ledes",
    date_format="%Y%m%d", date_format_option=False, hours_decimals=2, rate_required=True,
    description_max=DESCRIPTION_MAX, one_line=True, activity_vocabulary="utbms", aliases=("ledes", "ledes98b"))

_CODE = re.compile(r"\b([A-Z]\d{3})\b")
_ASCII_MAP = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                            "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u00df": "ss", "\u00e6": "ae",
                            "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00f8": "o", "\u00d8": "O"})


def split_codes(code: str) -> tuple[str, str, list[str]]:
    """'L120 A104' / 'L120/A104' / 'A104' -> (task, activity, codes that are not UTBMS). Case-insensitive."""
    task = activity = ""
    unknown: list[str] = []
    for token in re.split(r"[\s,/;|+]+", code.strip().upper()):
        if not token:
            continue
        if token in TASK_CODES and not task:
            task = token
        elif token in ACTIVITY_CODES and not activity:
            activity = token
        else:
            unknown.append(token)
    return task, activity, unknown


def clean_text(text: str) -> tuple[str, list[str]]:
    """Make a text field safe for LEDES. Returns the text and what was replaced (for a per-row warning)."""
    changes: list[str] = []
    if "|" in text:
        changes.append("'|' -> space")
        text = text.replace("|", " ")
    if "[" in text or "]" in text:
        changes.append("'[' ']' -> '(' ')'")
        text = text.replace("[", "(").replace("]", ")")
    if any(c in text for c in "\r\n"):
        changes.append("line breaks -> space")
    if "\t" in text:
        changes.append("tabs -> space")
    text = " ".join(text.split()) if changes or "  " in text else text
    if not text.isascii():
        folded = unicodedata.normalize("NFKD", text.translate(_ASCII_MAP))
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        odd = sorted({c for c in folded if not c.isascii()})
        folded = "".join(c if c.isascii() else "?" for c in folded)
        changes.append("accents and typographic characters -> ASCII" + (f"; {''.join(odd)!r} -> '?'" if odd else ""))
        text = folded
    return text, changes


@dataclass
class Invoice:
    client_id: str
    matter_id: str
    client_name: str
    entries: list[Entry] = field(default_factory=list)
    number: str = ""

    @property
    def start(self) -> dt.date:
        return min(e.date for e in self.entries)

    @property
    def end(self) -> dt.date:
        return max(e.date for e in self.entries)

    @property
    def total(self) -> Decimal:
        return sum((line_total(e) for e in self.entries), Decimal("0.00"))


def units(e: Entry) -> Decimal:
    return money(e.hours, 2)


def unit_cost(e: Entry) -> Decimal:
    return money(e.rate, 2)


def line_total(e: Entry) -> Decimal:
    """From values already rounded to 2 decimals, so a validator recomputing it gets the same cents."""
    return money(units(e) * unit_cost(e), 2)


def next_number(number: str, step: int) -> str:
    """INV0041 -> INV0042 (step 1): the trailing digits count up, keeping their width; no digits -> append."""
    m = re.search(r"(\d+)$", number)
    if not m:
        return f"{number}{step + 1}" if step else number
    digits = m.group(1)
    return number[:m.start()] + str(int(digits) + step).zfill(len(digits))


@dataclass
class Options:
    invoice_number: str | None = None
    invoice_date: dt.date | None = None
    law_firm_id: str | None = None
    client_id: str | None = None
    today: dt.date | None = None


OPTION_FIELDS = (("invoice_number", "--invoice-number", "INVOICE_NUMBER"), ("law_firm_id", "--law-firm-id", "LAW_FIRM_ID"),
                 ("client_id", "--client-id", "CLIENT_ID"))


def clean_options(opts: Options, report: Report, file: str | None = None) -> Options:
    """The LEDES field values given as options, cleaned like the line fields (a `|`, `[]` or line break would break
    the file's structure), each change a warning naming the option. A value that cleans to nothing is not given."""
    values = {}
    for attr, option, label in OPTION_FIELDS:
        value = getattr(opts, attr)
        if value is None:
            continue
        text, changes = clean_text(value)
        text = text.strip()
        if changes or text != value:
            report.add("warning", "chars-replaced",
                       f"{option} {value!r} cannot go into the LEDES file as given "
                       f"({'; '.join(changes) or 'extra spaces removed'}): "
                       + (f"{label} is written as {text!r}" if text else f"{label} is treated as not given"),
                       file=file)
        values[attr] = text or None
    return dataclasses.replace(opts, **values)


def group(entries: list[Entry]) -> list[Invoice]:
    """One invoice per client matter, in order of first appearance; lines by date, then source order."""
    invoices: dict[tuple[str, str], Invoice] = {}
    for e in entries:
        rec = e.record
        key = (rec.client_id, rec.ref) if rec else (e.client, e.matter)
        if key not in invoices:
            # CLIENT_ID is the firm's code for the client, from the matter list (or --client-id): never a name.
            invoices[key] = Invoice(rec.client_id if rec else "", key[1], rec.client_name if rec else e.client)
        invoices[key].entries.append(e)
    for inv in invoices.values():
        inv.entries.sort(key=lambda e: (e.date, e.line))
    return list(invoices.values())


def write(entries: list[Entry], opts: Options, report: Report, *, file: str | None = None) -> bytes:
    """The LEDES 1998B file for already-reviewed entries (each has a date, hours and a rate). Adds LEDES issues."""
    invoices = group(entries)
    today = opts.today or dt.date.today()
    invoice_date = opts.invoice_date or today
    law_firm_id = _file_level_checks(invoices, opts, invoice_date, report, file)
    out = [FIRST_LINE + "\r\n", "|".join(FIELDS) + EOL]
    timekeepers_seen: set[str] = set()
    derived = _timekeeper_ids(entries, report, file)
    for n, inv in enumerate(invoices):
        inv.number = _invoice_number(opts, invoice_date, n)
        client_id = opts.client_id or inv.client_id
        total = f"{inv.total:f}"
        for i, e in enumerate(inv.entries, 1):
            tk_id, tk_name, tk_class = _timekeeper(e, report, timekeepers_seen, file, derived)
            desc, changes = clean_text(e.description)
            if changes:
                report.add("warning", "chars-replaced", f"LEDES cannot carry these characters: {'; '.join(changes)}",
                           row=e.line, column="Description", file=file)
            values = [
                invoice_date.strftime("%Y%m%d"), inv.number, _ascii_id(client_id), _ascii_id(inv.matter_id), total,
                inv.start.strftime("%Y%m%d"), inv.end.strftime("%Y%m%d"), "Legal services", str(i), "F",
                plain_number(units(e), min_places=1, max_places=2), "0.00", f"{line_total(e):f}",
                e.date.strftime("%Y%m%d"), e.utbms_task, "", e.utbms_activity, tk_id, desc, law_firm_id,
                f"{unit_cost(e):f}", tk_name, tk_class, ""]
            out.append("|".join(values) + EOL)
    return "".join(out).encode("ascii")


def _file_level_checks(invoices: list[Invoice], opts: Options, invoice_date: dt.date, report: Report,
                       file: str | None) -> str:
    if not opts.law_firm_id:
        report.add("warning", "ledes-law-firm-id-missing",
                   "LAW_FIRM_ID is required and was left empty: pass --law-firm-id (in the US the firm's federal "
                   "taxpayer ID; Legal Tracker asks for `None` when there is none)", file=file)
    law_firm_id = _ascii_id(opts.law_firm_id or "")
    if opts.invoice_number is None:
        report.add("info", "ledes-invoice-number-derived",
                   f"no --invoice-number: invoices are numbered {_invoice_number(opts, invoice_date, 0)} onwards "
                   "(invoice date + sequence); e-billing systems reject a number used before", file=file)
    else:
        last = _invoice_number(opts, invoice_date, max(len(invoices) - 1, 0))
        if not re.fullmatch(r"[A-Za-z0-9]{1,20}", opts.invoice_number) or len(last) > ID_MAX:
            report.add("warning", "ledes-invoice-number-format",
                       f"invoice number {opts.invoice_number!r} should be 1-20 letters and digits (some validators "
                       "reject hyphens and other characters)", file=file)
    if opts.client_id and len({inv.client_id for inv in invoices}) > 1:
        report.add("warning", "ledes-client-id-override",
                   f"--client-id {opts.client_id!r} was applied to invoices for "
                   f"{len({inv.client_id for inv in invoices})} different clients", file=file)
    for inv in invoices:
        # CLIENT_ID is required (vendors.md § E-billing validation rules, LT-ERR 005): an entry without one is
        # rejected by entries.py (error `ledes-client-id-missing`) before it gets here.
        assert opts.client_id or inv.client_id, f"no CLIENT_ID for {inv.client_name!r}"
        for label, value in (("CLIENT_ID", opts.client_id or inv.client_id), ("LAW_FIRM_MATTER_ID", inv.matter_id)):
            if len(value) > ID_MAX:
                report.add("warning", "ledes-field-too-long",
                           f"{label} {value!r} is longer than {ID_MAX} characters", row=inv.entries[0].line, file=file)
        if invoice_date < inv.end:
            report.add("warning", "ledes-invoice-date-early",
                       f"invoice date {invoice_date:%Y-%m-%d} is before the end of the billing period "
                       f"{inv.end:%Y-%m-%d} (invoice {inv.client_id}/{inv.matter_id})", file=file)
    report.add("warning", "ledes-client-matter-id-blank",
               "CLIENT_MATTER_ID (the client's own matter number) is left blank: some e-billing systems (Brightflag) "
               "reject a blank value; fill it in if your client requires it", file=file)
    return law_firm_id


def _invoice_number(opts: Options, invoice_date: dt.date, n: int) -> str:
    if opts.invoice_number:
        return next_number(opts.invoice_number, n)
    return f"{invoice_date:%Y%m%d}{n + 1:02d}"


def _ascii_id(value: str) -> str:
    text, _ = clean_text(value)
    return text


def _person(name: str) -> str:
    from .resolve import normalize
    return normalize(name)


def _timekeeper_ids(entries: list[Entry], report: Report, file: str | None) -> dict[str, str]:
    """A derived TIMEKEEPER_ID per person (names equal ignoring case, accents and spacing are one person), unique in
    the file: two people whose IDs would be the same (John and Jane Smith -> JSMITH) get JSMITH and JSMITH2, in order
    of first appearance, with a warning naming both -- one ID for two people would put one's time on the other's
    approved rate. IDs given in a `Timekeeper ID` column are kept and never handed out again."""
    taken = {e.timekeeper_id.strip().upper(): e.timekeeper for e in entries if e.timekeeper_id}
    out: dict[str, str] = {}
    for e in sorted(entries, key=lambda e: e.line):
        who = _person(e.timekeeper)
        if e.timekeeper_id or who in out:
            continue
        base = derive_timekeeper_id(e.timekeeper)
        tk_id, n = base, 1
        while tk_id in taken:
            n += 1
            tk_id = base[:ID_MAX - len(str(n))] + str(n)
        if n > 1:
            report.add("warning", "ledes-timekeeper-id-shared",
                       f"{e.timekeeper!r} and {taken[base]!r} would both get TIMEKEEPER_ID {base!r}: "
                       f"{e.timekeeper!r} gets {tk_id!r}; add a `Timekeeper ID` column with the IDs your client "
                       "approved", row=e.line, column="Timekeeper", file=file)
        taken[tk_id] = e.timekeeper
        out[who] = tk_id
    return out


def _timekeeper(e: Entry, report: Report, seen: set[str], file: str | None,
                derived: dict[str, str] | None = None) -> tuple[str, str, str]:
    name, _ = clean_text(last_first(e.timekeeper))
    tk_id = e.timekeeper_id or (derived or {}).get(_person(e.timekeeper)) or derive_timekeeper_id(e.timekeeper)
    first_time = e.timekeeper not in seen
    seen.add(e.timekeeper)
    cls = e.timekeeper_class.strip().upper()
    if first_time:
        if not e.timekeeper_id:
            report.add("warning", "ledes-timekeeper-id-derived",
                       f"TIMEKEEPER_ID {tk_id!r} was made from the name {e.timekeeper!r}; it must match the ID your "
                       "client approved (add a `Timekeeper ID` column to the entries to set it)",
                       row=e.line, column="Timekeeper", file=file)
        if not cls:
            report.add("warning", "ledes-timekeeper-classification-missing",
                       f"no TIMEKEEPER_CLASSIFICATION for {e.timekeeper!r} (e.g. PARTNR, ASSOC, PARALG); add a "
                       "`Timekeeper classification` column if your client requires it",
                       row=e.line, column="Timekeeper", file=file)
        elif cls not in CLASSIFICATIONS:
            report.add("warning", "ledes-timekeeper-classification-unknown",
                       f"{cls!r} is not a LEDES timekeeper classification code", row=e.line, file=file)
        if len(name) > NAME_MAX:
            report.add("warning", "ledes-field-too-long",
                       f"TIMEKEEPER_NAME {name!r} is longer than {NAME_MAX} characters", row=e.line, file=file)
    return tk_id[:ID_MAX], name, cls if cls in CLASSIFICATIONS else ""


def derive_timekeeper_id(name: str) -> str:
    """'Jane Smith' / 'Smith, Jane' -> 'JSMITH': first initial + surname, ASCII letters and digits, 20 at most."""
    ordered = last_first(name)
    last, _, first = ordered.partition(",")
    text = (first.strip()[:1] + last) if first.strip() else last
    text, _ = clean_text(text)
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()[:ID_MAX]

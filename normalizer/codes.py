"""The issue-code catalogue: one short title and one plain sentence of help per code, so the page can explain an
issue without re-wording its message. A code's meaning is what the code that emits it does; read it before editing.

`severity` is the usual one ("fatal": the InputError that stops the job); `also` names any other severity the same
code is emitted at. tests/test_codes.py scans the library for every code it emits and fails on one missing here.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("fatal", "error", "warning", "info")


@dataclass(frozen=True)
class Code:
    code: str
    severity: str       # "error" | "warning" | "info" | "fatal"
    title: str          # a few plain words
    help: str           # one sentence for a legal assistant: what it means and what to do
    also: tuple[str, ...] = ()


_ENTRIES = (
    # -- the file cannot be used at all (InputError) ---------------------------------------------------------------
    ("cannot-open", "fatal", "File cannot be opened",
     "The file could not be opened from the computer; check that it still exists where you chose it and that you "
     "may open it, then try again."),
    ("empty", "fatal", "File is empty",
     "The file (or the ZIP, or every sheet of the workbook) holds no data; export the list again and check that it "
     "has rows."),
    ("zip-archive", "fatal", "File is a ZIP archive",
     "This file is a ZIP archive holding other files; unpack it and choose the file you need (converting a matter "
     "list opens ZIP exports by itself)."),
    ("encrypted-or-xls", "fatal", "Protected or old Excel file",
     "This is a password-protected Excel workbook or an old .xls file; open it in Excel and save it as .xlsx "
     "without a password, or as CSV."),
    ("corrupt-archive", "fatal", "Damaged workbook or ZIP",
     "The file looks like an Excel workbook or ZIP archive but is damaged (often an unfinished download); export "
     "or download it again."),
    ("corrupt-workbook", "fatal", "Workbook cannot be opened",
     "The Excel workbook cannot be opened; open it in Excel, save it again as .xlsx (or export CSV), and try again."),
    ("not-a-table", "fatal", "Not a spreadsheet",
     "The file is a PDF, a picture, a database or a compressed archive rather than a list; export the list from "
     "the system as CSV or Excel (or unpack the archive first)."),
    ("not-text", "fatal", "Not a text file",
     "The file holds computer data rather than text; check that you chose the exported CSV or Excel file."),
    ("old-xls", "fatal", "Old Excel file (.xls)",
     "This is a workbook in Excel's old .xls format, which cannot be read here; open it in Excel and save it as "
     ".xlsx, or as CSV."),
    ("encrypted-workbook", "fatal", "Password-protected workbook",
     "This Excel workbook is protected by a password, so its contents cannot be read; open it in Excel, remove the "
     "password (File > Info > Protect Workbook), save it, and try again."),
    ("zip-bomb", "fatal", "Workbook or ZIP refused as unsafe",
     "A file inside this workbook or ZIP would unpack to far more data than a real export holds (a 'ZIP bomb'), "
     "so it was not opened; export the list again from the system, and do not open this file elsewhere either."),
    ("xml-entity", "fatal", "Workbook refused as unsafe",
     "This workbook contains XML entity declarations, which real exports never contain and which can be used to "
     "attack the computer reading them, so it was not opened; export the list again from the system."),
    ("zip-too-large", "fatal", "ZIP too large",
     "The ZIP archive would unpack to more than 1 GB; unpack it yourself and choose only the file you need."),
    ("encrypted-zip", "fatal", "Password-protected ZIP",
     "A file inside the ZIP is protected by a password; unpack it with the password and choose the file you need."),
    ("no-such-sheet", "fatal", "Sheet not found",
     "The workbook has no sheet with the name given; choose one of the sheets the message lists."),
    ("options-invalid", "fatal", "Setting cannot be used",
     "A setting, cell edit or column choice you gave cannot be used (for example an unknown encoding or billing "
     "system, a header row past the end of the file, or a column the file does not have); correct it as the message "
     "says."),
    ("mapping-file-invalid", "fatal", "Column mapping file not valid",
     "The column-mapping file you gave cannot be read or names columns or fields that do not exist; correct it as "
     "the message says, or choose the columns again."),
    ("unreadable", "fatal", "File cannot be read",
     "The file cannot be used as it is; the message says why."),
    ("internal-error", "fatal", "Unexpected failure",
     "Something went wrong inside the program, not in your file; please report it with the message shown and a "
     "description of the file's columns (not its contents)."),
    ("bad-mapping", "fatal", "Program settings damaged",
     "One of the program's own files describing a billing system is damaged, so nothing can be exported; please "
     "report it (your file is not the cause)."),
    ("no-matter-list", "fatal", "No matter list found",
     "None of the files given is a client and matter list (for example only a contacts export, or another "
     "report); export the matter list from the system and add it."),
    ("unmapped", "fatal", "Columns not recognised",
     "No column for the client or the matter could be found in this file; rename the column, choose the system "
     "it came from, or choose the columns by hand."),
    ("bad-json", "fatal", "Time entries not readable",
     "The time entries sent to the program are not a readable list of entries; export them from CaseClock again."),
    ("unknown-header", "fatal", "Not a CaseClock time export",
     "The file's header row is not that of CaseClock's time-entry export; choose the time entries exported from "
     "CaseClock."),
    ("not-caseclock-matters", "fatal", "Not a CaseClock matter list",
     "The matter list is not in CaseClock's import format and could not be used as one; give CaseClock's import "
     "file or the matter list exported from your system."),
    ("no-matters", "fatal", "No matters in the matter list",
     "No matter could be read from the matter list given; check that it is the firm's matter list and that its rows "
     "name clients and matters."),

    # -- reading the file ---------------------------------------------------------------------------------------------
    ("read-option-given", "info", "Reading setting chosen by you",
     "The encoding, delimiter, quote character or header row you chose was used instead of the one detected; "
     "nothing to do unless the result looks wrong."),
    ("encoding-replaced", "warning", "Unreadable character replaced",
     "A character could not be read in the file's text encoding and was replaced by a placeholder; check this "
     "value, and if many are affected choose the file's encoding yourself or export it again as CSV UTF-8."),
    ("encoding-mixed", "warning", "Line in another text encoding",
     "This line was written in a different text encoding from the rest of the file (often two exports pasted "
     "together); it was read in its own encoding, so check that its accented letters look right."),
    ("encoding-uncertain", "warning", "Text encoding hard to tell",
     "The file's text encoding could be one of two, and the message shows how a name reads in each; if accented "
     "letters look wrong, choose the other encoding named in the message."),
    ("mojibake", "warning", "Garbled accented letters",
     "This value's accented letters were garbled by a wrong text encoding before the file was exported (such as "
     "'BÃ©rubÃ©' for 'Bérubé'); the message shows what it probably was: correct it in the system, or fix the cell."),
    ("character-lost", "warning", "Letter lost",
     "A letter in this value was replaced by � or ? before the file was exported (a program could not handle "
     "an accented letter); correct the value, using the spelling the message suggests when it gives one."),
    ("sheet-chosen", "info", "Sheet chosen in the workbook",
     "The workbook has several sheets and the one holding the list was read (the message says which and why); if "
     "it is the wrong one, choose the sheet yourself."),
    ("nul-removed", "warning", "Hidden characters removed",
     "The file held hidden null characters, which are not text (often a sign of a damaged export); they were "
     "removed, so check the value where the first one was."),
    ("stray-quote", "warning", "Quote mark never closed",
     "A quotation mark in the file is never closed, so the file was read without treating quote marks specially; "
     "check this value, which keeps the quote mark."),
    ("unterminated-quote", "warning", "Quoted value never closed",
     "A quoted value that starts on this line is never closed, so this line was read as plain text and the lines "
     "after it were read normally; check this line."),
    ("long-quoted-field", "warning", "Very long quoted value",
     "One quoted value runs over many lines, which often means a quote mark is missing or extra; check this value "
     "and the rows around it."),
    ("formula-not-calculated", "warning", "Formula without a value",
     "This cell holds a formula that was saved without its result, so it reads as empty; open the file in Excel, "
     "save it, and convert again."),
    ("preamble-skipped", "info", "Line above the table left out",
     "A title or note line above the table (such as a report heading or a printed date) is not part of the list "
     "and was left out; nothing to do."),
    ("footer-skipped", "info", "Line below the table left out",
     "A total or note line after the last row is not part of the list and was left out; nothing to do."),
    ("row-too-short", "warning", "Row has missing columns",
     "This row has fewer values than the header, so its last columns were left empty; check that no value ended "
     "up in the wrong column."),
    ("row-too-long", "warning", "Row has extra values",
     "This row has more values than the header and the extra ones belong to no column (often a comma inside a "
     "value that was not quoted); check the row in the original file."),
    ("cell-fixed", "info", "Cell edited by you",
     "A cell you edited was used in place of the value in the file, before the rest of the clean-up; nothing to "
     "do."),
    ("fix-not-applied", "warning", "Edit not applied",
     "An edit you made names a line or column the table does not have (or a line that is not one of its rows), so "
     "it was not applied; make the edit again on the right cell."),
    ("column-mapped-by-user", "info", "Column chosen by you",
     "The column you assigned to this field was used instead of the one detected; nothing to do."),

    # -- converting a matter list -------------------------------------------------------------------------------------
    ("member-table", "info", "Table found in the ZIP",
     "This file inside the ZIP can be read as a table; the message gives its columns and number of rows."),
    ("member-ignored", "info", "File in the ZIP left out",
     "A file inside the ZIP could not be read or is not a client or matter list, so it was left out; nothing to do "
     "unless it is the list you need."),
    ("not-a-matter-list", "info", "Not a matter list",
     "This file looks like another kind of export (such as time entries), so it was left out; nothing to do if "
     "the matter list was converted (a warning when you chose the file yourself, a note inside a ZIP).",
     ("warning",)),
    ("contacts-joined", "info", "Client list joined",
     "This file lists clients but no matters, so it was used to fill in the matters' clients by client number; "
     "nothing to do."),
    ("column-fuzzy-matched", "info", "Column matched by a close name",
     "A column heading was not a known name, so it was matched to the closest one (the message says which); check "
     "that the right column was used."),
    ("column-ignored", "warning", "Column not used",
     "This column looks like it holds one of CaseClock's fields, but another column was used for that field; check "
     "that the right column was taken."),
    ("column-unsure", "warning", "Column read with little certainty",
     "A column's name did not say clearly what it holds, so it was read by its words, its values or its position "
     "(the message says which and why); check the column, or choose its field yourself."),
    ("columns-not-used", "info", "Columns not used",
     "These columns of the file feed nothing in CaseClock's import (the message gives each one's reason, such as a "
     "lawyer's name or notes); choose a field for one yourself if it holds something CaseClock needs."),
    ("id-damaged-by-excel", "error", "ID damaged by Excel",
     "The ID looks changed by a spreadsheet (turned into a date, written like 1.70E+11, or stripped of its leading "
     "zeros), so it is not used as an ID (a matter row is left out); correct the ID in the file or export the list "
     "again without opening it in Excel.", ("warning",)),
    ("client-id-transliterated", "warning", "Client ID spelled in Latin letters",
     "The client's name is in Greek or Cyrillic letters and has no client number, so its Client ID was spelled in "
     "Latin letters by a standard transliteration; nothing to do unless you prefer another ID."),
    ("client-id-hashed", "warning", "Client ID made as a code",
     "The client's name is in a script with no built-in Latin spelling (such as Chinese or Arabic) and has no client "
     "number, so its Client ID is a short code made from the name, always the same for that name; nothing to do "
     "unless you prefer another ID."),
    ("cell-cut", "warning", "Very long value cut",
     "The value is longer than one spreadsheet cell may hold, so it was cut (ending with …); check it and shorten "
     "it in the system if the end matters."),
    ("cell-too-long", "error", "Value too long for a cell",
     "The value is longer than one spreadsheet cell may hold (32,767 characters), so CaseClock's file cannot carry "
     "it; shorten it (when converting, a row whose ID is that long is left out)."),
    ("matter-closed", "info", "Closed matter left out",
     "This matter is marked closed in the export, so it was left out; choose to include closed matters if you "
     "want it."),
    ("status-unknown", "warning", "Status not recognised",
     "The matter's status is not a word this system normally uses, so the matter was treated as open and kept; "
     "check whether it should have been left out as closed."),
    ("line-breaks-joined", "info", "Line breaks joined",
     "A client or matter name ran over several lines in the export; the lines were joined into one with spaces; "
     "nothing to do."),
    ("client-missing", "error", "No client on the row",
     "This row names no client (no client name and no client number), so it was left out; add the client in the "
     "system and export again."),
    ("client-name-missing", "warning", "Client name missing",
     "The client has no name (when converting, the client's number is used as its name); fill in the name if you "
     "know it."),
    ("client-name-varies", "warning", "Client named two ways",
     "The same client number appears with two different names (when converting, the first name is used for both); "
     "check that the rows really belong to one client."),
    ("client-id-rewritten", "warning", "Client ID rewritten",
     "The client's number has characters CaseClock does not allow in IDs (only letters, digits, dot, underscore and "
     "hyphen), so it was changed as the message shows; nothing to do unless you prefer another ID."),
    ("client-id-varies", "warning", "Client number on some rows only",
     "The same client has a client number on one row and none on another; check the Client ID the message names, "
     "and give every row the number in the system."),
    ("client-id-collision", "warning", "Client ID already taken",
     "The Client ID this client would get already belongs to another client, so it got a number added (such as "
     "-2); check that they really are two different clients."),
    ("matter-id-rewritten", "warning", "Matter ID rewritten",
     "The matter's number has characters CaseClock does not allow in IDs (only letters, digits, dot, underscore and "
     "hyphen), so it was changed as the message shows (or made from the name when nothing usable was left)."),
    ("matter-id-derived", "warning", "Matter ID made from the name",
     "The row has no matter number, so a Matter ID was made from the client and matter name; check it, or add "
     "matter numbers in the system if it uses them."),
    ("matter-id-collision", "warning", "Matter ID already taken",
     "The Matter ID this row would get already belongs to another matter, so it got a number added (such as -2); "
     "check that the two matters really are different."),
    ("matter-missing", "error", "No matter on the row",
     "This row names no matter (no matter number and no matter name, or for a time entry no client and no "
     "matter), so it was left out; fill in the matter and try again."),
    ("matter-name-missing", "warning", "Matter name missing",
     "The matter has no name or description (when converting, its Matter ID is used as the name); add a name if "
     "you know one."),
    ("rate-not-hourly", "info", "Not an hourly rate",
     "The rate or billing method says flat fee or contingency, so the Hourly Rate was left empty; nothing to do."),
    ("rate-zero", "info", "Zero rate left empty",
     "A rate of zero means no rate was set, so the Hourly Rate was left empty; nothing to do."),
    ("rate-unreadable", "warning", "Rate not understood",
     "The rate is not a plain positive amount (such as 250.00), so the Hourly Rate was left empty; correct it in "
     "the system or fill it in after import."),
    ("duplicate-merged", "info", "Duplicate row merged",
     "This row is the same as an earlier one, so it was written once; nothing to do."),
    ("duplicate-matter-id", "error", "Matter ID used twice",
     "Two rows with different details have the same Matter ID, and the later one is left out; give one of the "
     "matters its own number in the system and export again."),
    ("duplicate-matter-name", "error", "Matter name used twice",
     "The same client has two matters with the same name under different Matter IDs, so the later row was left "
     "out; rename one of the matters in the system and export again."),
    ("jurisdiction-missing", "warning", "Jurisdiction missing",
     "The export gives no jurisdiction for these matters, so the Jurisdiction column is empty; choose a "
     "jurisdiction for all rows (such as ON or TX) or fill it in before uploading."),
    ("formula-neutralised", "warning", "Formula-like value protected",
     "The value starts like a spreadsheet formula (with =, +, - or @), so a ' was put in front to make Excel show "
     "it as text; check that the value is right."),

    # -- checking a CaseClock import file -----------------------------------------------------------------------------
    ("not-csv", "error", "Not a CSV file",
     "CaseClock needs a .csv file and this is a workbook, a ZIP or another kind of file; in Excel use File > Save "
     "As > CSV UTF-8."),
    ("not-utf8", "error", "Not saved as UTF-8",
     "The file has characters that are not saved as UTF-8, as CaseClock needs; save it as CSV UTF-8 and check it "
     "again."),
    ("bom", "info", "Excel marker at the start",
     "The file starts with the invisible marker Excel adds to CSV UTF-8 files; this is usually fine, but remove it "
     "if the import complains."),
    ("empty-file", "error", "File has no rows",
     "The file holds no rows; export or save the matter list again."),
    ("bad-quoting", "error", "Quote marks do not pair up",
     "The quote marks in the file do not pair up here, so the file cannot be read from this point on; correct the "
     "quote marks on this line."),
    ("blank-line", "warning", "Blank line",
     "The file has an empty line here; delete it."),
    ("not-caseclock-file", "error", "A system's export, not a CaseClock file",
     "This file is a practice-management system's own export (the message says which), not CaseClock's import file; "
     "convert it first (caseclock-normalizer matters, or the page's Convert step), then check the result."),
    ("wrong-delimiter", "error", "Not separated by commas",
     "The values are separated by semicolons, tabs or bars, but CaseClock needs commas; save the file as CSV UTF-8 "
     "(comma delimited)."),
    ("header-missing", "warning", "Header row missing",
     "The file has no header row; CaseClock accepts that but recommends one, so add the header the message shows."),
    ("header-mismatch", "error", "Header not as CaseClock needs",
     "The header's columns are not exactly CaseClock's, in CaseClock's order; use the header the message shows."),
    ("wrong-column-count", "error", "Wrong number of columns",
     "The row does not have the seven columns CaseClock needs (often a comma inside a value that is not in "
     "quotes); correct the row."),
    ("client-id-missing", "error", "Client ID empty",
     "The Client ID is empty and CaseClock needs one on every row; fill it in."),
    ("client-id-invalid", "error", "Client ID has characters not allowed",
     "The Client ID has characters CaseClock does not allow (only letters, digits, dot, underscore and hyphen); "
     "change them."),
    ("matter-id-missing", "error", "Matter ID empty",
     "The Matter ID is empty and CaseClock needs one on every row; fill it in."),
    ("matter-id-invalid", "error", "Matter ID has characters not allowed",
     "The Matter ID has characters CaseClock does not allow (only letters, digits, dot, underscore and hyphen); "
     "change them."),
    ("rate-invalid", "error", "Rate not a plain amount",
     "The rate is not a plain amount (write 250.00, without a currency sign or thousands separators); correct it "
     "(a time entry with such a rate is left out)."),
    ("untidy-text", "warning", "Extra spaces or line breaks",
     "The value has line breaks or extra spaces in it; tidy it before uploading."),
    ("formula-cell", "warning", "Looks like a formula",
     "The value starts like a spreadsheet formula (with =, +, - or @), which Excel may run or change; check that it "
     "is meant as text."),

    # -- exporting time entries ---------------------------------------------------------------------------------------
    ("matters-normalized", "info", "Matter list converted",
     "The matter list given was an export from your practice-management system, so it was converted to CaseClock's "
     "format first; nothing to do."),
    ("matter-ref-kept", "info", "System's matter number kept",
     "The billing system matches time on its own matter number, so that number is written exactly as its export "
     "had it; nothing to do."),
    ("matters-missing", "warning", "No matter list given",
     "No matter list was given, so matters are written as typed, but the billing system matches on its own matter "
     "number; give the firm's matter list."),
    ("date-order-mixed", "warning", "Dates written two ways",
     "The file mixes day-first and month-first dates; dates that could be read either way are flagged, so check "
     "them."),
    ("date-unparseable", "error", "Date not understood",
     "The date is empty or not a date the program can read, so the entry was left out; correct the date."),
    ("date-ambiguous", "warning", "Date could be read two ways",
     "The date could be day-first or month-first and nothing else in the file settles which; check that the date "
     "shown in the message is right."),
    ("date-future", "warning", "Date in the future",
     "The entry's date is after today; check that the date is right."),
    ("date-implausible", "warning", "Date looks wrong",
     "The date is before 1990, looks like an empty cell shown as a date, or is more than a year before most dates "
     "in the file; check the date."),
    ("duration-invalid", "error", "Duration not understood",
     "The duration is empty, zero or not a number of hours, so the entry was left out; write decimal hours (such as "
     "0.5) or hours and minutes (such as 1:30)."),
    ("duration-over-24h", "error", "Duration over 24 hours",
     "The entry is longer than 24 hours, so it was left out; correct the duration."),
    ("duration-converted", "info", "Duration converted",
     "The duration was written another way (such as 1:30 or 90min) and was converted to decimal hours; nothing to "
     "do."),
    ("duration-rounded", "warning", "Duration rounded",
     "The duration was rounded to the billing increment (such as up to the next 0.1 hour); check the result if you "
     "did not expect rounding."),
    ("duration-precision", "warning", "Duration rounded to fit",
     "The billing system keeps fewer decimal places for hours, so the duration was rounded to fit; check the "
     "result."),
    ("day-over-24h", "error", "Over 24 hours in one day",
     "One timekeeper's entries for one day add up to more than 24 hours, so those entries were left out; correct "
     "the durations or dates."),
    ("description-empty", "error", "Description empty",
     "The entry has no description and every billing system needs one, so it was left out; write a description."),
    ("description-too-long", "warning", "Description too long",
     "The description is longer than the billing system accepts; shorten it, or the system may cut or refuse it."),
    ("block-billing", "warning", "Several tasks in one entry",
     "The description seems to run several tasks together (block billing), which many clients refuse to pay; "
     "split it into one entry per task."),
    ("possible-duplicate", "warning", "Possible duplicate entry",
     "Two entries have the same date, timekeeper, matter, duration and description and both are written; delete "
     "one if it was entered twice."),
    ("matter-ambiguous", "error", "Matter unclear",
     "The client or matter named fits several matters equally well, so the entry was left out; name the matter "
     "more precisely (the message lists the candidates)."),
    ("matter-not-found", "error", "Matter not found",
     "No matter in the matter list fits the client or matter named, so the entry was left out; correct the name "
     "(the message names the nearest matters) or add the matter to the matter list."),
    ("matter-is-closed", "error", "Matter is closed",
     "The entry names a matter that is closed in the matter list, so the entry was left out; reopen the matter in "
     "the billing system and export the matter list again, or put the time on one of the client's live matters."),
    ("matter-typo", "warning", "Matter matched by a close spelling",
     "The matter named was matched to a matter with a close spelling; check that it is the right one."),
    ("matter-spoken", "info", "Client's only matter used",
     "The entry named the client or described the matter loosely (such as 'the Smith file'), and the client has only "
     "one live (not closed) matter in the list, so that matter was used; check it if unsure."),
    ("matter-partial", "info", "Matter matched from part of its name",
     "The entry named the matter by some of the words of its client and name (such as 'Smith divorce' or 'Supply "
     "contract'), and only one matter holds them all, so that matter was used; check it if unsure."),
    ("matter-normalized", "info", "Matter matched despite small differences",
     "The matter named matched one in the matter list once capitals, accents and punctuation (and, for the client, "
     "word order and endings such as Inc or LLC) were ignored; nothing to do."),
    ("client-matter-mismatch", "error", "Client and matter do not match",
     "The matter number belongs to a different client than the one on the entry, so the entry was left out; "
     "correct the client or the matter."),
    ("matter-name-not-unique", "error", "Several matters share this name",
     "The billing system finds matters by name only and several matters share this name, so the entry was left "
     "out; rename one of them in the system and export the matter list again."),
    ("matter-not-a-reference", "error", "Matter number needed",
     "The billing system matches time on its own matter number, and this entry names the matter another way, so it "
     "was left out; give the firm's matter list so names can be turned into numbers."),
    ("timekeeper-missing", "warning", "Timekeeper missing",
     "The entry names no timekeeper; the message says what the billing system does then, so add one if needed."),
    ("timekeeper-spellings", "warning", "Timekeeper spelled several ways",
     "Several spellings of what seems to be one timekeeper were written to one file; use one exact name, as the "
     "billing system needs."),
    ("rate-missing", "error", "Rate missing",
     "The billing system needs a rate and neither the entry nor the matter list gives one, so the entry was left "
     "out; add a rate."),
    ("non-billable-left-out", "info", "Non-billable time left out",
     "The entry is marked non-billable, so it was left out of the LEDES invoice; nothing to do."),
    ("non-billable-not-marked", "warning", "Non-billable time will be billed",
     "The entry is marked non-billable but the billing system's file has no place to say so; mark it non-billable "
     "in that system after import."),
    ("chars-replaced", "warning", "Characters replaced",
     "Some characters (such as line breaks, or characters a LEDES file cannot hold) were replaced or removed so the "
     "file stays valid; check the text."),
    ("line-breaks-crlf", "info", "Line breaks standardised",
     "Line breaks inside the description were written in the same style as the rest of the file; nothing to do."),
    ("value-too-long", "warning", "Value too long",
     "A value is longer than the billing system accepts in that column; shorten it."),
    ("date-format-ignored", "warning", "Date format not used",
     "The date format you chose does not apply to this billing system, which uses its own; nothing to do."),
    ("split-ignored", "warning", "No file per timekeeper",
     "This billing system's import cannot be split into one file per timekeeper, so a single file was written."),
    ("expense-code-not-supported", "warning", "Expense code left out",
     "The activity code is a UTBMS expense code, but these are time entries, so the code was left out and the entry "
     "written as a fee."),
    ("activity-code-not-utbms", "warning", "Activity code not recognised",
     "The activity code is not a UTBMS task or activity code, so it was left out of the file; correct it if the "
     "client needs it."),

    # -- LEDES invoices -------------------------------------------------------------------------------------------
    ("ledes-client-id-missing", "error", "LEDES client ID missing",
     "A LEDES invoice needs the firm's code for the client and none is known for this entry, so it was left out; "
     "give a client ID or a matter list with Client IDs."),
    ("ledes-law-firm-id-missing", "warning", "Law firm ID missing",
     "A LEDES invoice needs the firm's ID (in the US, its federal taxpayer ID) and none was given, so it is empty; "
     "give the law firm ID."),
    ("ledes-invoice-number-derived", "info", "Invoice number made up",
     "No invoice number was given, so invoices are numbered from the invoice date; give your own number if your "
     "firm numbers invoices, as e-billing systems refuse a number used before."),
    ("ledes-invoice-number-format", "warning", "Invoice number format",
     "The invoice number should be 1 to 20 letters and digits only, as some e-billing systems refuse hyphens and "
     "other characters."),
    ("ledes-client-id-override", "warning", "Client ID used for several clients",
     "The client ID you gave was applied to invoices for several different clients; check that this is intended."),
    ("ledes-field-too-long", "warning", "LEDES value too long",
     "An ID (over 20 characters) or a timekeeper name (over 30) is longer than LEDES allows; shorten it."),
    ("ledes-invoice-date-early", "warning", "Invoice date before the work",
     "The invoice date is before the last day of work on the invoice; check the invoice date."),
    ("ledes-client-matter-id-blank", "warning", "Client's matter number blank",
     "The client's own matter number is left blank, which some e-billing systems (such as Brightflag) refuse; "
     "fill it in if your client requires it."),
    ("ledes-timekeeper-id-derived", "warning", "Timekeeper ID made from the name",
     "The timekeeper ID was made from the timekeeper's name and must match the ID your client approved; add a "
     "Timekeeper ID column if it differs."),
    ("ledes-timekeeper-id-shared", "warning", "Two timekeepers, one ID",
     "Two timekeepers would get the same timekeeper ID, so the later one got a number added; add the IDs your "
     "client approved."),
    ("ledes-timekeeper-classification-missing", "warning", "Timekeeper role missing",
     "The timekeeper has no LEDES role code (such as PARTNR, ASSOC or PARALG); add one if your client requires it."),
    ("ledes-timekeeper-classification-unknown", "warning", "Timekeeper role not recognised",
     "The timekeeper's role is not a LEDES code (such as PARTNR, ASSOC or PARALG), so it was left empty; correct "
     "it."),

    # -- notes -> draft time entries (normalizer/notes/) ---------------------------------------------------------
    ("note-duration-missing", "error", "No time in the note",
     "No duration was found in the note (or only one longer than a day), so the Duration is left empty; say or type "
     "how long the work took, such as 0.2, six minutes or 1:30."),
    ("note-durations-several", "warning", "Several times in one note",
     "The note holds more than one duration and the first one was used; check it, or give each task its own time "
     "separated by semicolons so each becomes its own entry."),
    ("note-duration-rounded", "info", "Time rounded to the increment",
     "The time said was rounded to the firm's billing increment (the message shows before and after); nothing to do "
     "unless that is not your firm's rounding."),
    ("note-date-unreadable", "error", "Date in the note not understood",
     "Words in the note look like a date but are not a day of the calendar (such as 11/31), so the Date is left "
     "empty; correct the date."),
    ("note-matter-missing", "error", "No matter named in the note",
     "The note names no client or matter, so Client and Matter are left empty; add the matter, such as 'Smith "
     "file', 'for Acme' or its Matter ID."),
    ("note-matter-not-found", "error", "Matter named is not in the list",
     "No matter in the matter list fits the words taken as the matter, so Client is left empty and Matter keeps the "
     "words said; correct the name or add the matter to the matter list."),
    ("note-matter-ambiguous", "error", "Matter named fits several matters",
     "The words taken as the matter fit several matters (the message lists them), so none was chosen; name the "
     "matter more precisely, such as 'Jones probate' rather than 'Jones file'."),
    ("note-matter-partial", "warning", "Matter matched on the client only",
     "The client named has only one live matter, so it was used, but some words said do not fit that matter (such "
     "as a case caption); check that it is the right one."),
    ("note-matter-inferred", "warning", "Matter taken from a name in the text",
     "The note names no matter as such, so a client's name found in the description was used; check that it is "
     "the right matter."),
    ("note-description-empty", "error", "Nothing said about the work",
     "Nothing is left of the note once its date, time and matter are taken out, so the Description is empty; say "
     "what was done."),
    ("note-vague", "warning", "Vague description",
     "The description is vague (such as 'work on file', 'research' alone, or a call with no subject), which "
     "reviewers often cut; say what was done and what it was about."),
    ("note-split", "info", "Note split into one entry per task",
     "The note gave each task its own time, so each task became its own entry with the note's date and matter; "
     "nothing to do."),
)

CODES: dict[str, Code] = {c.code: c for c in (Code(*entry) for entry in _ENTRIES)}


def describe(code: str) -> Code:
    """The catalogue entry; an unknown code (a newer worker, an old report) still gets a readable title."""
    known = CODES.get(code)
    if known is not None:
        return known
    title = code.replace("-", " ").strip().capitalize() or "Issue"
    return Code(code, "info", title, "See the message for what happened and what to do.")


def catalogue() -> list[dict]:
    """Every code as plain JSON values, sorted by code, for the page."""
    return [dict(asdict(CODES[k]), also=list(CODES[k].also)) for k in sorted(CODES)]

"""Rebuild mycase-backup-2025-11-21.zip deterministically (fixed member order, timestamps and attributes).

Run from anywhere:  python tests/data/matters/mycase/make_zip.py
The ZIP stands in for MyCase's "Full Data Backup" (vendors.md, MyCase: a ZIP of 16 CSVs, single source; member
names unconfirmed). It holds the sibling cases.csv byte for byte, plus contact and billing CSVs that the matters
import must NOT pick as the matters table. Only 5 of the 16 CSVs are reproduced; the rest are not needed here.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "mycase-backup-2025-11-21.zip"
FOLDER = "mycase-backup-2025-11-21/"
STAMP = (2025, 11, 21, 9, 30, 0)

# People contacts: LEGALCASE's people-file header with the ID column named "MyCase ID" (inferred), Outlook style.
CLIENTS = (
    "MyCase ID,First Name,Middle Name,Last Name,Company,Job Title,Home Street,Home Street 2,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Home Fax,Work Phone,Home Phone,Mobile Phone,Contact Group,E-mail Address,"
    "Web Page,Outstanding Trust Balance,Login Enabled,Archived,Birthday,Private Notes,License Number,License State,"
    "Welcome Message,Non-Trust Credit Balance,:Notes,Cases,Case Link IDs,Created Date\n"
    "31800421,Aaron,,Thibodeau,,,14 Pearl St,,Burlington,VT,05401,United States,,,(802) 555-0131,(802) 555-0188,"
    "Client,aaron.thibodeau@example.com,,$0.00,false,false,,,,,,$0.00,,People vs Aaron,40177215,09/12/2023\n"
    "31800587,Aaron,J.,Richards,,,9 Maple Ave,,Winooski,VT,05404,United States,,,,(802) 555-0102,Client,"
    "a.richards@example.com,,$0.00,true,false,03/14/1984,,,,,$0.00,,\"Richards, Aaron; Richards – child support "
    "modification\",40213388;40263114,01/22/2024\n"
    "31800612,Maya,,Abel,,,220 North Ave,Apt 3,Burlington,VT,05401,United States,,,,(802) 555-0177,Client,"
    "maya.abel@example.com,,$0.00,false,false,,,,,,$0.00,,abel maya,40220946,02/05/2024\n"
    "31800633,Hélène,,Lévesque,,,41 rue Principale,,Newport,VT,05855,United States,,,(802) 555-0150,,Client,"
    "helene.levesque@example.com,,$0.00,true,false,,,,,,$0.00,\"Prefers French; call after 4 pm\","
    "Estate of Germaine Lévesque – probate and trust administration,40231570,03/18/2024\n"
    "31800690,Marc,,Thibodeau,,,3 Church St,,Middlebury,VT,05753,United States,,,,(802) 555-0119,Client,"
    "marc.t@example.com,,$0.00,false,false,,,,,,$0.00,,Thibodeau v. Champlain Valley Motors,40240019,04/09/2024\n"
)
COMPANIES = (
    "MyCase ID,Company,Business Street,Business Street 2,Business City,Business State,Business Postal Code,"
    "Business Country/Region,Business Fax,Company Main Phone,E-mail Address,Web Page,Outstanding Trust Balance,"
    "Archived,Private Notes,:Notes,Contacts,Cases,Case Link IDs,Non-Trust Credit Balance,Created Date\n"
    "31700044,Bouchard Dairy Farm LLC,1180 Route 100,,Lowell,VT,05847,United States,,(802) 555-0160,"
    "office@bouchard-dairy.example,,$0.00,false,,,,Bouchard Dairy Farm LLC – water rights,40102231,$0.00,06/01/2022\n"
    "31700102,\"Lake Champlain Marine Supply, Inc.\",5 Harbor Rd,,Shelburne,VT,05482,United States,,(802) 555-0199,"
    "ap@lcmarine.example,https://lcmarine.example,$0.00,false,,,,Lease renewal – Shelburne showroom,40251802,"
    "$0.00,05/06/2024\n"
)
TIME_ENTRIES = (
    "Date,Activity,Time,Rate,Flat rate,Total,Description,User,Case Name,Invoice,Nonbillable,MyCase ID\n"
    "11/17/2025,Telephone Call,0.3,$325.00,false,$97.50,\"Call with client re: deposition, scheduling\","
    "Owen Bashaw,\"Richards, Aaron\",,false,90011873\n"
    "11/18/2025,Drafting,1.5,$325.00,false,$487.50,Draft response to motion to modify support,Owen Bashaw,"
    "Richards – child support modification,,false,90011902\n"
    "11/19/2025,Court Appearance,2.0,$0.00,true,$0.00,Arraignment,Nora Delacroix,People vs Aaron,1047,true,90011950\n"
)
EXPENSES = (
    "Date,Activity,Quantity,Cost,Total,Description,User,Case Name,Invoice,Nonbillable,MyCase ID\n"
    "11/18/2025,Filing Fees,1,$295.00,$295.00,Probate petition filing fee,Owen Bashaw,"
    "Estate of Germaine Lévesque – probate and trust administration,,false,91000412\n"
)
MEMBERS = [
    ("cases.csv", None),              # read from the sibling file, byte for byte
    ("clients.csv", CLIENTS),
    ("companies.csv", COMPANIES),
    ("time_entries.csv", TIME_ENTRIES),
    ("expenses.csv", EXPENSES),
]


def build() -> bytes:
    OUT.unlink(missing_ok=True)
    with zipfile.ZipFile(OUT, "w") as zf:
        for name, text in MEMBERS:
            data = (HERE / name).read_bytes() if text is None else text.encode("utf-8")
            info = zipfile.ZipInfo(FOLDER + name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return OUT.read_bytes()


if __name__ == "__main__":
    data = build()
    print(f"wrote {OUT.name}: {len(data)} bytes")

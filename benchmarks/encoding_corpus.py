"""A seeded corpus of accented client lists, the kind of short export a law firm sends us, in many encodings.

Each case is a small CSV-like table (2-40 rows): client name, matter description, maybe a rate. Names and
words come from French, Spanish, German, Nordic, Portuguese, Italian and English. A file is only written in an
encoding that can represent every character of its text: typographic quotes and dashes fall back to ASCII where
the code page lacks them (as old DOS exports do), and names the code page cannot spell are left out.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# (codec used to write the bytes, whether a BOM is written); the key is the label reported per encoding.
ENCODINGS: dict[str, tuple[str, bool]] = {
    "utf-8": ("utf-8", False),
    "utf-8-sig": ("utf-8", True),
    "utf-16-le+bom": ("utf-16-le", True),
    "utf-16-be+bom": ("utf-16-be", True),
    "utf-16-le": ("utf-16-le", False),
    "utf-16-be": ("utf-16-be", False),
    "cp1252": ("cp1252", False),
    "mac_roman": ("mac_roman", False),
    "cp850": ("cp850", False),
    "latin-1": ("latin-1", False),
}
_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}

FIRST = [
    # French
    "Hélène", "Françoise", "Jérôme", "Benoît", "Zoë", "Gaëlle", "Noël", "Anaïs", "Cécile", "Léa", "Maël", "Agnès",
    "Étienne", "Élodie", "Inès", "Joël", "Thérèse", "Raphaël", "Aurélie", "Frédéric", "Stéphane", "Josée",
    # Spanish
    "José", "María", "Begoña", "Ángel", "Iñaki", "Sofía", "Martín", "Jesús", "Inés", "Íñigo", "Ramón", "Lucía",
    "Óscar", "Raúl", "Núria", "Adrián",
    # German
    "Jürgen", "Günther", "Jörg", "Björn", "Käthe", "Müller", "Sönke", "Uwe", "Bärbel", "Lütfiye",
    # Nordic
    "Bjørn", "Søren", "Åse", "Øystein", "Sigrún", "Jón", "Märta", "Göran", "Åsa", "Ægir", "Kåre", "Pål",
    # Portuguese
    "João", "Conceição", "Gonçalo", "Inês", "Sebastião", "Estêvão", "Antônio", "Luís", "Mônica", "Cláudia",
    # Italian
    "Niccolò", "Nicolò", "Zoè", "Mirèio",
    # English / plain
    "John", "Mary", "Patrick", "Sarah", "David", "Emma", "Michael", "Anne", "Peter", "Claire",
]
LAST = [
    "Lévesque", "Côté", "Gagné", "Bélanger", "Pelletier", "Bérubé", "Fréchette", "Lefèvre", "Dubé", "Gélinas",
    "Thériault", "Boulé", "Bédard", "Pagé", "Brûlé", "Leblanc", "Rousseau", "Caron",
    "Núñez", "Muñoz", "Ibáñez", "Peña", "Gutiérrez", "Martínez", "Rodríguez", "Pérez", "Sánchez", "López",
    "García", "Fernández", "Díaz", "Gómez", "Castaño", "Ordóñez",
    "Müller", "Schröder", "Weiß", "Groß", "Köhler", "Böhm", "Krüger", "Jäger", "Schäfer", "Hoß", "Strauß",
    "Fuchs", "Wagner",
    "Ørsted", "Sørensen", "Jørgensen", "Ødegård", "Håkonsen", "Løvaas", "Ångström", "Öberg", "Åkesson",
    "Lindqvist", "Bergström", "Mäkinen", "Kärkkäinen", "Þórsson", "Guðmundsdóttir",
    "Conceição", "Magalhães", "Gonçalves", "Simões", "Falcão", "Brandão", "Guimarães", "Araújo", "Assunção",
    "Lóio", "Romão",
    "Bianchi", "Nicolò", "Mazzà", "Forlì",
    "O’Brien", "O’Connor", "D’Amico", "Smith", "Johnson", "Brown", "Taylor", "Walsh",
]
COMPANIES = [
    "Müller GmbH", "São Paulo Ltda", "Œuvre Conseil SARL", "Société Générale", "Crédit Agricole",
    "Électricité du Nord", "Café Zoë SARL", "Bäckerei Groß KG", "Ørsted A/S", "Næringsbygg AS", "Åhléns AB",
    "Construcciones Núñez S.L.", "Telefónica Móviles S.A.", "Pão de Açúcar S.A.", "Gonçalves & Filhos Ltda",
    "Côté Frères Inc.", "Brasserie L’Étoile", "Häagen & Söhne", "Café Olé Ltd.", "Réseau Québec Inc.",
    "Lévesque & Associés", "Hôtel Château Frontenac", "Kaffeehaus Schönbrunn", "Jürgensen ApS",
    "Fabricação Ribeirão Ltda", "Peña Abogados", "Zürich Versicherung AG", "Øresund Shipping",
    "O’Brien Holdings Ltd.", "Acme Corp.", "Smith & Jones LLP",
]
MATTERS = [
    "Succession de {name}", "Divorce – {last} c. {last2}", "Vente immobilière à Montréal", "Bail commercial – {co}",
    "Compraventa de inmueble – {last}", "Contrato de arrendamiento", "Herencia de {name}", "Demanda laboral",
    "Kündigungsschutzklage {last}", "Arbeitsrecht: Abfindung", "Mietvertrag – Prüfung", "Gesellschaftsgründung",
    "Skifte efter {name}", "Ejendomshandel – Århus", "Arvsskifte", "Tvist om leveranse",
    "Contrato de locação – São Paulo", "Inventário de {name}", "Ação trabalhista", "Divórcio consensual",
    "Successione di {name}", "Contratto di locazione",
    "Estate of {name}", "Contract review – {co}", "“Urgent” lease renewal", "Acquisition of {co}",
    "Employment dispute – {last}", "Trademark “{last}” registration", "General advice", "Real estate closing",
    "Réclamation d’assurance – {last}", "Œuvre d’art – litige", "Prêt hypothécaire", "Fusion — {co}",
]
PLAIN_MATTERS = ["Estate of {name}", "Contract review", "Lease renewal", "Employment dispute", "General advice",
                 "Real estate closing", "Litigation", "Trademark registration"]
ASCII_ONLY = {True: [n for n in FIRST if n.isascii()], False: [n for n in LAST if n.isascii() and "’" not in n]}
RATES = ["{n}.00", "€{n}", "{n},00 €", "£{n}", "${n}.00", "{n}", "CHF {n}.–", "{n} €/h", "{n},00"]
HEADERS = [
    ("Client", "Matter", "Description", "Rate"),
    ("Client Name", "Matter Description", "Hourly Rate"),
    ("Nom du client", "Dossier", "Taux"),
    ("Cliente", "Asunto", "Tarifa"),
    ("Mandant", "Akte", "Stundensatz"),
    ("Klient", "Sag"),
    ("client_name", "matter_no", "description"),
]
_ASCII_FALLBACK = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
                                 "€": "EUR ", "Œ": "Oe", "œ": "oe"})


@dataclass(frozen=True)
class Case:
    label: str        # key of ENCODINGS
    text: str         # the original text
    data: bytes       # the bytes on disk


def _can_write(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _pick(rng: random.Random, pool: list[str], codec: str) -> str:
    for _ in range(50):
        item = rng.choice(pool)
        if _can_write(item, codec):
            return item
    return "Smith"


def _row(rng: random.Random, codec: str, columns: int, number: int, accents: float) -> list[str]:
    first, last, last2 = (_pick(rng, p if rng.random() < accents else ASCII_ONLY[p is FIRST], codec)
                          for p in (FIRST, LAST, LAST))
    name = rng.choice([f"{last}, {first}", f"{first} {last}", f"{last} {first}", _pick(rng, COMPANIES, codec)])
    fill = {"name": f"{first} {last}", "last": last, "last2": last2, "co": _pick(rng, COMPANIES, codec)}
    matter = _pick(rng, MATTERS if rng.random() < accents else PLAIN_MATTERS, codec).format(**fill)
    rate = rng.choice(RATES).format(n=rng.choice([150, 180, 225, 250, 275, 300, 350, 420]))
    cells = [name, f"{rng.randint(2015, 2025)}-{number:04d}", matter, rate][:columns]
    if columns == 3 and rng.random() < 0.5:
        cells = [name, matter, rate]
    return cells


def _quote(cell: str, delimiter: str) -> str:
    if delimiter in cell or '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def make_text(rng: random.Random, codec: str) -> str:
    """One client list that `codec` can represent: mostly short, sometimes with only a name or two accented,
    sometimes upper-cased as DOS-era systems print names."""
    header = rng.choice(HEADERS)
    delimiter = rng.choice([",", ",", ";", "\t"])
    newline = "\r" if codec == "mac_roman" and rng.random() < 0.3 else rng.choice(["\r\n", "\n"])
    count = rng.choice([2, 2, 3, 4, 5, rng.randint(6, 40)])
    accents = rng.choice([1.0, 0.5, 0.2])
    rows = [list(header)] + [_row(rng, codec, len(header), i + 1, accents) for i in range(count)]
    if rng.random() < 0.15:
        rows = [rows[0]] + [[row[0].upper()] + row[1:] for row in rows[1:]]
    text = newline.join(delimiter.join(_quote(c, delimiter) for c in row) for row in rows) + newline
    if not _can_write(text, codec):
        text = text.translate(_ASCII_FALLBACK)
    return text


def make_corpus(per_encoding: int = 120, seed: int = 20240611) -> list[Case]:
    """`per_encoding` files for each label in ENCODINGS, the same for every run with the same seed."""
    rng = random.Random(seed)
    cases = []
    for label, (codec, bom) in ENCODINGS.items():
        for _ in range(per_encoding):
            text = make_text(rng, codec)
            data = (_BOMS[codec] if bom else b"") + text.encode(codec)
            cases.append(Case(label, text, data))
    return cases

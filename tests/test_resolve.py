"""Matter resolution: exact, normalized, spoken, typo; ambiguous or unknown is an error (no match)."""
from decimal import Decimal

from normalizer.resolve import Matter, MatterIndex, normalize

ACME = Matter("acme", "Acme Widgets Inc.", "00012-Acme", "Supply Contract Dispute", rate=Decimal("450"))
ACME_TM = Matter("acme", "Acme Widgets Inc.", "00019-Acme", "Trademark registration")
SMITH = Matter("smith-john", "Smith, John", "00015-Smith", "Divorce")
JONES_1 = Matter("jones-mary", "Jones, Mary", "00016-Jones", "Estate planning")
JONES_2 = Matter("jones-mary", "Jones, Mary", "00017-Jones", "Probate")
LEV = Matter("levesque-helene", "Lévesque, Hélène", "00018-Levesque", "Bail commercial – 612 rue Saint-Joseph")
INDEX = MatterIndex([ACME, ACME_TM, SMITH, JONES_1, JONES_2, LEV])


def test_normalize_ignores_case_accents_punctuation_spacing():
    assert normalize("Acme Widgets, Inc.") == "acme widgets inc"
    assert normalize("  supply contract  dispute ") == "supply contract dispute"
    assert normalize("Lévesque, Hélène") == "levesque helene"


def test_exact_matter_id():
    r = INDEX.resolve("", "00012-Acme")
    assert (r.matter, r.stage, r.by) == (ACME, "exact", "id")


def test_exact_client_and_matter_name():
    r = INDEX.resolve("Smith, John", "Divorce")
    assert (r.matter, r.stage, r.by) == (SMITH, "exact", "name")


def test_normalized_names():
    r = INDEX.resolve("acme widgets inc", "supply contract  dispute")
    assert (r.matter, r.stage) == (ACME, "normalized")


def test_normalized_accents():
    r = INDEX.resolve("Levesque Helene", "bail commercial 612 rue saint joseph")
    assert (r.matter, r.stage) == (LEV, "normalized")


def test_normalized_matter_id():
    assert INDEX.resolve("", "00012 acme").matter == ACME


def test_typo_is_matched_as_typo():
    r = INDEX.resolve("Acme Widgets Inc.", "Suply contract dispute")
    assert (r.matter, r.stage) == (ACME, "typo")


def test_spoken_form_takes_the_clients_only_matter():
    r = INDEX.resolve("", "Smith file")
    assert (r.matter, r.stage) == (SMITH, "spoken")
    assert INDEX.resolve("Smith, John", "the Smith matter").matter == SMITH


def test_spoken_form_with_two_live_matters_is_ambiguous():
    r = INDEX.resolve("Jones, Mary", "Jones file")
    assert r.matter is None and r.stage == "ambiguous"
    assert set(r.candidates) == {JONES_1, JONES_2}


def test_client_alone_with_one_matter():
    assert INDEX.resolve("Smith, John", "").matter == SMITH


def test_unknown_matter_is_none():
    r = INDEX.resolve("Acme Widgets Inc.", "Patent litigation")
    assert r.matter is None and r.stage == "none"


def test_two_equally_good_typos_are_ambiguous():
    index = MatterIndex([Matter("a", "Alpha", "1", "Lease review A"), Matter("a", "Alpha", "2", "Lease review B")])
    r = index.resolve("Alpha", "Lease review")
    assert r.matter is None and r.stage == "ambiguous"


def test_same_matter_name_under_two_clients_without_client_is_ambiguous():
    index = MatterIndex([Matter("a", "Alpha", "1", "General"), Matter("b", "Beta", "2", "General")])
    assert index.resolve("", "General").stage == "ambiguous"
    assert index.resolve("Beta", "general").matter.matter_id == "2"


def test_results_are_cached():
    assert INDEX.resolve("", "Smith file") is INDEX.resolve("", "Smith file")

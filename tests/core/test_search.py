"""The reception search: folding, any order, prefixes, ranking, phones, bad input, updates in place."""

import random
import uuid
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core import search, synthetic
from kiosk.core.people import Person
from kiosk.core.search import SearchIndex, Tier, load_index, phone_word, query_variants


def person(first, last, *, organisation="", function="", phone="", email="", code=None, category="Autre", sex="F"):
    return Person(
        id=str(uuid.uuid4()), code=code or uuid.uuid4().hex[:6].upper(), first_name=first, last_name=last,
        sex=sex, organisation=organisation, category=category, function=function, phone=phone, email=email,
        badge_role="Participant", registration="invited",
    )


@pytest.fixture
def people():
    return [
        person("Ndèye", "Guèye", organisation="ARD de Thiès", phone="+221771234567", email="ndeye.gueye@ard.sn", code="GP9VX9"),
        person("Fatou", "Diop", organisation="Mairie de Podor", function="Maire"),
        person("Fatoumata", "Diallo", organisation="Diop Conseil"),
        person("Awa", "N'Diaye", organisation="OIM Sénégal"),
        person("Moussa", "Ndiaye", organisation="PNUD"),
        person("Jean", "Dupont-Moreau", organisation="Ambassade de France", phone="+33612345678"),
        person("Marie", "Dupont Moreau", organisation="Mairie de Thiès"),
        person("Diop", "Sarr", organisation="Forum civil"),
    ]


@pytest.fixture
def index(people):
    return SearchIndex.build(people)


def names(hits):
    return [hit.person.name for hit in hits]


@pytest.mark.parametrize("query", ["ndeye", "NDEYE", "Ndèye", "gueye", "GUÈYE", "gueye ndeye", "ndè guè"])
def test_case_and_accents_do_not_matter(index, query):
    assert names(index.search(query))[0] == "Ndèye Guèye"


def test_words_in_any_order_and_prefixes(index):
    hits = index.search("diop fatou")
    assert [(h.person.name, h.tier) for h in hits] == [("Fatou Diop", Tier.EXACT), ("Fatoumata Diallo", Tier.OTHER)]
    assert names(index.search("fa di")) == ["Fatoumata Diallo", "Fatou Diop"]


def test_apostrophes_and_hyphens_inside_names(index):
    ndiaye = {"Awa N'Diaye", "Moussa Ndiaye"}
    assert set(names(index.search("ndiaye"))) == ndiaye
    assert set(names(index.search("n'diaye"))) == ndiaye
    assert set(names(index.search("N Diaye"))) >= {"Awa N'Diaye"}
    dupont = {"Jean Dupont-Moreau", "Marie Dupont Moreau"}
    assert set(names(index.search("dupont moreau"))) == dupont
    assert set(names(index.search("Dupont-Moreau"))) == dupont
    assert set(names(index.search("dupontmoreau"))) == dupont


def test_ranking_exact_name_then_name_prefix_then_other_fields(index):
    hits = index.search("diop")
    assert [(hit.person.name, hit.tier) for hit in hits] == [
        ("Fatou Diop", Tier.NAME),
        ("Diop Sarr", Tier.NAME),
        ("Fatoumata Diallo", Tier.OTHER),  # organisation "Diop Conseil"
    ]
    hits = index.search("fatou diop")
    assert hits[0].tier == Tier.EXACT and hits[0].person.name == "Fatou Diop"
    assert index.search("Moussa Ndiaye")[0].tier == Tier.EXACT
    assert index.search("ndiaye awa")[0].tier == Tier.EXACT


def test_other_fields(index):
    assert names(index.search("podor")) == ["Fatou Diop"]
    assert names(index.search("maire")) == ["Fatou Diop"]  # function; "Mairie" also starts with "mair" but not "maire"
    assert names(index.search("gp9vx9")) == ["Ndèye Guèye"]
    assert names(index.search("ndeye.gueye@ard.sn")) == ["Ndèye Guèye"]
    assert index.search("ard.sn") == []  # e-mail domains are not searched (gmail, com: everyone)
    assert names(index.search("thies ard")) == ["Ndèye Guèye"]


@pytest.mark.parametrize("typed", ["77 123 45 67", "771234567", "+221 77 123 45 67", "00221771234567", "77123"])
def test_phone_as_typed(index, typed):
    assert names(index.search(typed)) == ["Ndèye Guèye"]


def test_foreign_phone_with_trunk_zero(index):
    assert names(index.search("06 12 34 56 78")) == ["Jean Dupont-Moreau"]


def test_phone_word():
    assert phone_word("+221771234567") == "771234567"
    assert phone_word("+33612345678") == "612345678"
    assert phone_word("") == ""


@pytest.mark.parametrize(
    "query",
    ["x" * 300, "diop " * 60, "😀", "فاطمة ديوب", "% _ ' ;", "'; DROP TABLE participant; --", '"', "\u200f\u202e", "   ", ""],
)
def test_bad_input_is_plain_text(index, query):
    hits = index.search(query)
    assert len(hits) <= search.DEFAULT_LIMIT
    if query.strip() == "":
        assert hits == []


def test_results_are_capped_and_in_alphabetical_order():
    crowd = [person(f"Awa{i:03d}", "Diop") for i in range(120)]
    index = SearchIndex.build(crowd)
    hits = index.search("diop")
    assert len(hits) == 50
    assert names(hits) == sorted(names(hits))


def test_put_updates_in_place_without_rebuild(index, people, monkeypatch):
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda *a, **k: pytest.fail("rebuilt")))
    newcomer = person("Aïssatou", "Bâ", organisation="Coopérative de Podor")
    index.put(newcomer)
    assert names(index.search("aissatou ba")) == ["Aïssatou Bâ"]
    fixed = replace(people[1], first_name="Fatima")
    index.put(fixed)
    assert names(index.search("fatima diop")) == ["Fatima Diop"]
    assert "Fatou Diop" not in names(index.search("fatou"))
    index.remove(newcomer.id)
    assert index.search("aissatou") == []
    assert len(index) == len(people)


def test_counts_follow_updates(index, people):
    assert index.expected_by_sex["F"] == len(people)
    index.put(replace(people[0], sex="M", registration="walk_in"))
    assert index.expected_by_sex["M"] == 1 and index.walk_ins == 1


def test_duplicates_by_name_phone_and_email(index, people):
    found = index.duplicates({"first_name": "NDEYE", "last_name": "gueye", "phone": "", "email": ""})
    assert [(p.name, why) for p, why in found] == [("Ndèye Guèye", ["name"])]
    found = index.duplicates({"first_name": "Awa", "last_name": "Ndiaye", "phone": "+221771234567", "email": ""})
    assert {(p.name, tuple(why)) for p, why in found} == {("Awa N'Diaye", ("name",)), ("Ndèye Guèye", ("phone",))}
    found = index.duplicates({"first_name": "X", "last_name": "Y", "phone": "", "email": "ndeye.gueye@ard.sn"})
    assert [p.name for p, _why in found] == ["Ndèye Guèye"]
    assert index.duplicates(people[0].form_values(), exclude_id=people[0].id) == []


def test_query_variants():
    assert query_variants("N'Diaye") == [("diaye", "n"), ("ndiaye",)]
    assert ("771234567",) in query_variants("77 123 45 67")
    assert query_variants("a awa")[0] == ("awa",)
    assert ("771234567",) in query_variants("+221 77 123 45 67")
    assert ("612345678",) in query_variants("06 12 34 56 78")


def test_load_index_skips_deleted(demo_db):
    from sqlalchemy import update

    from kiosk.db.models import Participant

    with demo_db.transaction() as session:
        session.execute(update(Participant).where(Participant.code == "GP9VX9").values(deleted=True))
    index = load_index(demo_db)
    assert len(index) == 151 and index.by_code("GP9VX9") is None


def _brute_force(people, query):
    """Reference: the people some variant of the query matches, field by field."""
    def words_of(p):
        name = set(search.fast_tokens(p.first_name)) | set(search.fast_tokens(p.last_name))
        name |= {"".join(search.fast_tokens(p.first_name)), "".join(search.fast_tokens(p.last_name))}
        other = set(search.fast_tokens(p.organisation)) | set(search.fast_tokens(p.function))
        ids = {p.code.lower(), phone_word(p.phone), *search.fast_tokens(p.email.partition("@")[0])}
        return name, other, ids

    found = set()
    for p in people:
        name, other, ids = words_of(p)
        for variant in query_variants(query):
            if all(
                any(w.startswith(q) for w in name | other | (ids if len(q) >= search.MIN_ID_PREFIX else set()))
                for q in variant
            ):
                found.add(p.id)
    return found


@pytest.mark.parametrize("limits", [(3000, 12000, 4000, 25000, 12), (5, 40, 3, 100, 1), (50, 10**6, 10**6, 0, 10**6)])
def test_matches_the_brute_force_reference(monkeypatch, limits):
    """Every shortcut of the search (gather, intersect, sort, walk) gives the plain answer."""
    for name, value in zip(("GATHER_LIMIT", "GATHER_MAX", "SORT_LIMIT", "WALK_FROM_FIRST_LIMIT", "INTERSECT_FACTOR"), limits, strict=True):
        monkeypatch.setattr(search, name, value)
    monkeypatch.setattr(search, "SCAN_BUDGET", 10**6)
    rows = list(synthetic.people(800, seed=5))
    crowd = [Person(str(uuid.uuid4()), **{k: r[k] for k in (
        "code", "first_name", "last_name", "sex", "organisation", "category", "function", "phone", "email",
        "badge_role", "registration")}) for r in rows]
    index = SearchIndex.build(crowd)
    rng = random.Random(9)
    for _ in range(120):
        p = rng.choice(crowd)
        text = rng.choice([f"{p.last_name} {p.first_name}", p.organisation, p.phone[4:], p.code, p.email])
        query = text[: rng.randint(1, len(text))]
        expected = _brute_force(crowd, query)
        hits = index.search(query, limit=10_000)
        assert {hit.person.id for hit in hits} == expected, query
        tiers = [hit.tier for hit in hits]
        assert tiers == sorted(tiers), query


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_searchable(text):
    index = SearchIndex.build([person("Ndèye", "Guèye", phone="+221771234567"), person("Jean", "Dupont-Moreau")])
    assert len(index.search(text)) <= 2

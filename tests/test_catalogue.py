"""The shipped actor catalogue: integrity of the data and the lookups the recogniser relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from multivector.data.catalogue import ACTOR_FILES, Catalogue, fold, token_pattern

DATA = Path(__file__).resolve().parents[1] / "src" / "multivector" / "data"


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.default()


def test_every_actor_id_is_unique_across_files():
    ids = [raw["id"] for name in ACTOR_FILES for raw in json.loads((DATA / "actors" / name).read_text("utf-8"))]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_all_193_un_members_are_states_with_iso_codes(cat):
    un = cat.members("UN")
    assert len(un) == 193
    for state_id in un:
        entry = cat.get(state_id)
        assert entry.kind == "state" and entry.un_member
        assert pycountry.countries.get(alpha_3=state_id) is not None
    assert "TWN" not in un and "PSE" not in un and "VAT" not in un


def test_at_least_60_organisations(cat):
    assert len(cat.of_kind("organisation")) >= 60


def test_every_member_is_a_known_state_or_entity(cat):
    for entry in cat:
        for member in entry.members | entry.observers:
            assert cat.get(member) is not None and cat.get(member).kind in {"state", "entity"}, (entry.id, member)


def test_member_lists_for_the_main_organisations(cat):
    for org in (
        "CSTO",
        "EAEU",
        "SCO",
        "OTS",
        "CIS",
        "EU",
        "NATO",
        "BRICS",
        "G7",
        "G20",
        "OIC",
        "OSCE",
        "ASEAN",
        "C5P1",
        "GUAM",
        "ECO",
        "CICA",
        "OPEC",
        "UN",
    ):
        assert cat.members(org), org
    assert len(cat.members("EU")) == 27 and len(cat.members("NATO")) == 32
    assert len(cat.members("OSCE")) == 57 and len(cat.members("OIC")) == 57


def test_membership_queries(cat):
    assert cat.is_member("ARM", "CSTO") is True  # froze participation, still formally a member
    assert cat.is_member("AZE", "CSTO") is False
    assert cat.is_member("TUR", "OTS") is True and cat.is_member("TKM", "OTS") is False
    assert cat.is_member("KAZ", "UNHCR") is None  # no member list kept: the catalogue cannot tell
    assert cat.members("WEST") is None


def test_every_surface_form_belongs_to_one_actor(cat):
    assert cat.clashes == []
    owners: dict[str, str] = {}
    for entry in cat:
        for form in entry.aliases:
            assert owners.setdefault(fold(form), entry.id) == entry.id, (form, owners[fold(form)], entry.id)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Celestial Empire", "CHN"),
        ("PRC", "CHN"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Nur-Sultan", "KAZ"),
        ("Qazaqstan", "KAZ"),
        ("Kirghizia", "KGZ"),
        ("Azerbaycan", "AZE"),
        ("Özbekistan", "UZB"),
        ("Rossiya", "RUS"),
        ("EEU", "EAEU"),
        ("Turkic Council", "OTS"),
        ("ODKB", "CSTO"),
        ("ОДКБ", "CSTO"),
        ("Brussels", "EU"),
        ("Great Silk Road Economic Belt", "BRI"),
        ("TITR", "MIDDLE_CORRIDOR"),
        ("Zangazur corridor", "ZANGEZUR_CORRIDOR"),
        ("Daesh", "ISIS"),
        ("DPR and LPR", "DONBAS_REPUBLICS"),
        ("C5+1", "C5P1"),
        ("OPEC+", "OPEC_PLUS"),
        ("Islamic countries", "MUSLIM_WORLD"),
        ("Kazakhstani", "KAZ"),
        ("Washington", "USA"),
        ("Ulaanbaatar", "MNG"),
        ("Kiev", "UKR"),
    ],
)
def test_lookup_of_surface_forms(cat, text, actor_id):
    assert cat.lookup(text)[0] == actor_id


def test_lookup_reports_how_the_actor_was_named(cat):
    assert cat.lookup("Moscow") == ("RUS", "capital")
    assert cat.lookup("Russian") == ("RUS", "demonym")
    assert cat.lookup("CSTO") == ("CSTO", "acronym")
    assert cat.lookup("Kazakhstan") == ("KAZ", "name")


def test_people(cat):
    assert len(cat.people) >= 50
    assert cat.person("Putin").name == "Vladimir Putin"
    assert cat.person("President Putin").name == "Vladimir Putin"
    assert cat.person("Ilham Aliyev’s").name == "Ilham Aliyev"
    assert cat.person("Aliyev").name == "Ilham Aliyev"  # a bare surname goes to the first-listed office holder
    assert cat.person("Erdogan").name == cat.person("Erdoğan").name
    assert cat.person("Nobody Atall") is None


def test_patterns_are_case_sensitive_for_capitalised_tokens():
    assert token_pattern("US") == [{"ORTH": "US"}]
    assert token_pattern("Western countries") == [{"ORTH": "Western"}, {"LOWER": "countries"}]


def test_ruler_patterns_carry_actor_ids(cat):
    patterns = cat.ruler_patterns()
    ids = {p["id"] for p in patterns}
    assert {"KAZ", "CSTO", "WEST", "MIDDLE_CORRIDOR", "Vladimir Putin"} <= ids
    west = [p["pattern"] for p in patterns if p["id"] == "WEST"]
    assert [{"LOWER": "collective"}, {"ORTH": "West"}] in west
    # diacritic-free and curly-apostrophe variants are generated
    assert [{"ORTH": "Turkiye"}] in [p["pattern"] for p in patterns if p["id"] == "TUR"]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Tatneft", "TATNEFT"),
        ("Gazprom Armenia", "GAZPROM_ARMENIA"),
        ("RUSAL", "RUSAL"),
        ("TALCO", "TAJIK_ALUMINIUM_COMPANY"),
        ("AZAL", "AZERBAIJAN_AIRLINES"),
        ("SOFAZ", "STATE_OIL_FUND_OF_AZERBAIJAN"),
        ("China Exim Bank", "EXPORT_IMPORT_BANK_OF_CHINA"),
        ("Orano", "ORANO"),
        ("Khorgos Gateway", "KHORGOS"),
        ("Anaklia", "ANAKLIA_PORT"),
        ("Shah Deniz", "SHAH_DENIZ_FIELD"),
        ("trans-Afghan railway", "TRANS_AFGHAN_RAILWAY"),
        ("European Peace Facility", "EUROPEAN_PEACE_FACILITY"),
        ("NAM", "NON_ALIGNED_MOVEMENT"),
        ("Central Asia + Japan", "CENTRAL_ASIA_PLUS_JAPAN_DIALOGUE"),
        ("South Asia", "SOUTH_ASIA"),
        ("Caucasus countries", "SOUTH_CAUCASUS"),
        ("JICA", "JPN"),
        ("TIKA", "TUR"),
        ("Supreme Eurasian Economic Council", "EAEU"),
        ("Team Europe", "EU"),
        ("CPEC", "CHINA_PAKISTAN_ECONOMIC_CORRIDOR"),
        ("port of Chabahar", "CHABAHAR_PORT"),
        ("Baku port", "BAKU_INTERNATIONAL_SEA_TRADE_PORT"),
        ("Georgian Dream party", "GEORGIAN_DREAM"),
        ("AKP", "JUSTICE_AND_DEVELOPMENT_PARTY"),
        ("Civil Contract", "CIVIL_CONTRACT"),
        ("FSB", "RUS"),
        ("Black Sea submarine electricity cable", "BLACK_SEA_SUBMARINE_CABLE"),
        ("Regional Anti-Terrorist Structure", "SCO"),
        ("ICWC", "INTERSTATE_COMMISSION_FOR_WATER_COORDINATION"),
        ("PetroChina", "PETROCHINA"),
        ("former Soviet republics", "POST_SOVIET_REPUBLICS"),
        ("post-Soviet space", "POST_SOVIET_SPACE"),
        ("North-South transport corridor", "INSTC"),
        ("Abu Dhabi National Oil Company", "ADNOC"),
    ],
)
def test_lookup_of_companies_projects_and_agencies(cat, text, actor_id):
    assert cat.lookup(text)[0] == actor_id


def test_a_complete_catalogue_of_the_regions_companies_and_projects(cat):
    # the national energy, mining, transport and finance companies of each state of the region, and the big fields
    companies = {e.id for e in cat.of_kind("company")}
    national = {"SOCAR", "KAZMUNAYGAS", "UZBEKNEFTEGAZ", "TURKMENGAZ", "TAJIK_ALUMINIUM_COMPANY", "KYRGYZALTYN"}
    assert national <= companies
    assert {"KTZ", "UZBEKISTAN_RAILWAYS", "AZERBAIJAN_RAILWAYS", "GEORGIAN_RAILWAY", "RUSSIAN_RAILWAYS"} <= companies
    projects = {e.id for e in cat.of_kind("project")}
    assert {"KASHAGAN_FIELD", "TENGIZ_FIELD", "KARACHAGANAK_FIELD", "GALKYNYSH_FIELD", "SHAH_DENIZ_FIELD"} <= projects
    # ids of companies and projects are UPPER_SNAKE of an English name (or its acronym)
    assert all(e.id == e.id.upper() and " " not in e.id for e in cat.of_kind("company") + cat.of_kind("project"))

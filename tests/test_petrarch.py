"""The TABARI / PETRARCH / Phoenix dictionary reader, on hand-made fixtures and (when present) the real files."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from analystkit.petrarch import (
    Actor,
    Agent,
    DatedCode,
    DictionaryError,
    Discard,
    Issue,
    Pattern,
    Transformation,
    UnitTest,
    Verb,
    detect_kind,
    read_dictionary,
    read_unit_tests,
)

from .conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "petrarch"
REAL = ROOT.parent / "shared" / "data" / "petrarch2"


def write(tmp_path: Path, text: str, name: str = "bad.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "kind"), [
    ("verbs_tabari.txt", "verbs"), ("verbs_petrarch2.txt", "verbs"), ("actors.txt", "actors"),
    ("agents.txt", "agents"), ("discards.txt", "discards"), ("issues.txt", "issues"), ("unittests.xml", None)])
def test_detect_kind_by_content(name: str, kind: str | None, tmp_path: Path) -> None:
    assert detect_kind(FIX / name) == kind
    renamed = write(tmp_path, (FIX / name).read_text(encoding="utf-8"), "dictionary.dat")
    assert detect_kind(renamed) == kind  # the content decides, not the name


@pytest.mark.parametrize("text", ['{"verbs": ["SAY"], "code": "010"}\n', "kind: actors\nphrases:\n  - AFGHANISTAN\n",
                                  "- one\n- two\n", "", "# only a comment\n"])
def test_detect_kind_none_for_other_files(text: str, tmp_path: Path) -> None:
    path = write(tmp_path, text, "other.txt")
    assert detect_kind(path) is None
    with pytest.raises(DictionaryError, match=r"other\.txt:1: not a verb"):
        read_dictionary(path)


def test_actors_synonyms_default_and_dates() -> None:
    d = read_dictionary(FIX / "actors.txt")
    assert d.kind == "actors" and d.problems == ()
    afg, byrnes, zahir, lie, boromir = d.records
    assert afg == Actor(("AFGHANISTAN", "AFGHAN", "KABUL"), "AFG", (), 2)
    assert byrnes == Actor(("JAMES BYRNES",), None, (DatedCode("USAELI", date(1897, 1, 1), date(1945, 7, 3)),
                                                     DatedCode("USAGOV", date(1945, 7, 3), date(1947, 1, 21))), 6)
    assert zahir.phrases == ("MOHAMMAD ZAHIR SHAH", "ZAHIR SHAH")
    assert zahir.dated == (DatedCode("AFGGOV", None, date(1973, 7, 17)), DatedCode("AFGELI", date(1973, 7, 17), None),
                           DatedCode("AFGREB", date(2001, 12, 22), date(2013, 1, 1)), DatedCode("AFGELI", None, None))
    assert lie == Actor(("TRYGVE LIE",), "ELI", (DatedCode("IGOUNO", date(1946, 2, 1), date(1952, 11, 10)),), 17)
    assert boromir.default is None


def test_agents_plurals_position_and_markers() -> None:
    d = read_dictionary(FIX / "agents.txt")
    assert d.records[:4] == (Agent("AMBASSADOR", None, "GOV", False, 5), Agent("POLICE", (), "COP", False, 6),
                             Agent("ATTORNEY GENERAL", ("ATTORNEYS GENERAL",), "GOVATG", False, 7),
                             Agent("HUMAN RIGHTS BODY", None, "NGO", True, 8))
    assert [(a.phrase, a.plurals, a.code, a.line) for a in d.records[4:]] == [
        ("CONGRESSMAN", (), "LEG", 9), ("CONGRESSMEN", (), "LEG", 9), ("CONGRESSWOMAN", (), "LEG", 9),
        ("MINISTER OF DEFENSE", (), "GOVDEF", 10), ("MINISTRY OF DEFENSE", (), "GOVDEF", 10)]


def test_tabari_verbs_forms_and_codes() -> None:
    d = read_dictionary(FIX / "verbs_tabari.txt")
    verbs = {v.word: v for v in d.records if isinstance(v, Verb)}
    assert verbs["SAY"] == Verb("SAY", ("SAY", "SAYS", "SAID", "SAYING"), "010", "SAY", 13)
    assert verbs["CARRY"].forms == ("CARRY", "CARRIES", "CARRIED", "CARRYING")
    assert verbs["DIE"].forms == ("DIE", "DIES", "DIED", "DYING")
    assert verbs["EXPRESS"].forms[1:] == ("EXPRESSES", "EXPRESSED", "EXPRESSING")
    assert verbs["EXPRESS"].code == "0110"
    assert verbs["CORDON OFF"].forms == ("CORDON OFF", "CORDONED OFF", "CORDONS OFF", "CORDONING OFF")
    assert verbs["WIRE TAP"].forms == ("WIRE TAP", "WIRE TAPS", "WIRE TAPED", "WIRE TAPING")  # the "+" word inflects
    assert verbs["LOCK"].code is None and verbs["LOCK"].block == "LOCK"
    assert verbs["BEEF UP"] == Verb("BEEF UP", ("BEEF UP", "BEEFS UP", "BEEFED UP", "BEEFING UP"), "174", "LOCK", 28)


def test_tabari_patterns_tokens_and_joins() -> None:
    d = read_dictionary(FIX / "verbs_tabari.txt")
    pats = [p for p in d.records if isinstance(p, Pattern)]
    assert pats[0] == Pattern("SAY", "SAY", ("$", "&AUXVERB"), ("+",), "013:012", 19, "tabari")
    assert (pats[1].verb, pats[1].post, pats[1].code) == ("SAY", ("DIPLOMATIC", "_RELATIONS", "WITH", "+"), "0874")
    assert (pats[2].pre, pats[2].post, pats[2].code, pats[2].verb) == (("%", "IN_"), ("^", "&CURRENCY"), "075A", None)
    assert (pats[3].pre, pats[3].post, pats[3].code) == (("IN_",), (), None)  # "IN_ *" is "IN_*"; [---] -> None
    assert (pats[4].pre, pats[4].post) == (("SO", "IN", "_AND_"), ("_OUT", "_AGAIN", "NOW"))
    assert pats[5].code == "###"  # '#' inside [...] is no comment
    assert pats[6] == Pattern("LOCK", "LOCK", (), ("SCEPTICAL",), "012", 29, "tabari")
    assert d.synsets == {"&AUXVERB": ("WILL", "IS TO"), "&CURRENCY": ("DOLLAR", "CASH")}
    assert d.no_plural == frozenset({"&AUXVERB"})
    assert [type(r).__name__ for r in d.records][:7] == ["Verb"] * 6 + ["Pattern"]  # file order


def test_petrarch2_patterns_flattened_and_transformations() -> None:
    d = read_dictionary(FIX / "verbs_petrarch2.txt")
    verbs = [r for r in d.records if isinstance(r, Verb)]
    assert [(v.word, v.forms, v.block) for v in verbs] == [
        ("RUSH", ("RUSH", "RUSHES", "RUSHED", "RUSHING"), "RUSH"), ("SPEED", ("SPEED", "SPEEDS", "SPED", "SPEEDING"),
                                                                    "RUSH"), ("ANGERED BY", ("ANGERED BY",), "RUSH")]
    pats = [p for p in d.records if isinstance(p, Pattern)]
    assert {p.syntax for p in pats} == {"petrarch2"}
    assert [(p.verb, p.pre, p.post, p.code) for p in pats] == [
        ("RUSH", (), ("TO", "BORDER"), "154"), ("SPEED", (), ("ARMS", "SHIPMENT"), "072"),
        (None, (), ("POLICE", "FOR", "FINANCIAL", "AID"), "073"), (None, ("&MILITARY",), ("$",), ":110")]
    assert d.records[-1] == Transformation("~ a (a b ATTACK) SAY = a b 015", 16)
    assert d.synsets == {"&MILITARY": ("ARMY", "ARMED FORCES")} and d.no_plural == {"&MILITARY"}


def test_discards() -> None:
    assert read_dictionary(FIX / "discards.txt").records == (
        Discard("ACADEMY AWARD", True, True, 2), Discard("WORLD CUP", False, True, 3),
        Discard("GROUP A", False, False, 4), Discard("Manchester United", True, True, 5))


def test_issues_expansions_and_ignores() -> None:
    got = [(i.phrase, i.code, i.ignore, i.line) for i in read_dictionary(FIX / "issues.txt").records]
    assert got == [
        ("atrocity", "ID_ATROCITY", False, 3), ("atrocities", "ID_ATROCITY", False, 3),
        ("ethnic purge", "ID_ATROCITY", False, 4), ("ethnic purges", "ID_ATROCITY", False, 4),
        ("ethnic purged", "ID_ATROCITY", False, 4), ("ethnic purging", "ID_ATROCITY", False, 4),
        ("al zarqawi network", "NAMED_TERROR_GROUP", False, 5), ("al-zarqawi network", "NAMED_TERROR_GROUP", False, 5),
        ("massacre", "ID_ATROCITY", False, 6), ("massacres", "ID_ATROCITY", False, 6),  # the block's CATEGORY
        ("Saturday Night massacre", "ID_ATROCITY", True, 7), ("Armenian genocide", "ID_ATROCITY", True, 8)]
    assert all(isinstance(i, Issue) for i in read_dictionary(FIX / "issues.txt").records)


def test_unit_tests() -> None:
    tests = read_unit_tests(FIX / "unittests.xml")
    assert tests == [
        UnitTest("DEMO-01", date(1995, 1, 1), "DEMO", "Arnor is about to restore full diplomatic ties with Gondor.",
                 (("ARN", "GON", "064"), ('"INJURY TOLL"', "ARN", "033")), False, 6),
        UnitTest("DEMO-02", date(1995, 1, 2), "DEMO", "Nothing happened.", (), False, 17),
        UnitTest("PARSING-01", date(2008, 8, 1), "PARSING", "CEBU CITY: -- a dateline.", (), True, 22)]


def test_unit_tests_regex_reader_when_not_well_formed(tmp_path: Path) -> None:
    text = (FIX / "unittests.xml").read_text(encoding="utf-8").replace("</Validation>", "")
    assert read_unit_tests(write(tmp_path, text, "broken.xml")) == read_unit_tests(FIX / "unittests.xml")
    bad = write(tmp_path, text.replace('date="20080801"', 'date="2008-08-01"'), "baddate.xml")
    with pytest.raises(DictionaryError, match=r"baddate\.xml:22: bad date"):
        read_unit_tests(bad)


@pytest.mark.parametrize(("text", "kind", "where"), [
    ("AFGHANISTAN_ [AFG\n", "actors", ":1: unbalanced brackets"),
    ("\t[AFGGOV <730717]\n", "actors", ":1: date restriction before any actor phrase"),
    ("--- SAY [010] ---\nSAY\n- * TIES [064\n", "verbs", ":3: unbalanced brackets"),
    ("SAY\n- * TIES [064]\n", "verbs", ":1: verb or pattern before the first"),
    ("--- SAY [010] ---\nSAY {SAYS SAID\n", "verbs", ":2: malformed verb line"),
    ("POLICE [COP]\n", "agents", ":1: agent code [COP] needs one '~'"),
    ("CONGRESS!PERSON! [~LEG]\n", "agents", ":1: undefined substitution marker !PERSON!"),
    ("n:massacre\n", "issues", ":1: issue phrase 'n:massacre' has no [CODE]"),
])
def test_malformed_lines_name_file_and_line(text: str, kind: str, where: str, tmp_path: Path) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError) as err:
        read_dictionary(path, kind)
    assert str(err.value).startswith(f"{path}{where}") and "\n" not in str(err.value)


@pytest.mark.parametrize(("text", "kind", "line", "what"), [
    ("JOHN_DOE_\n\t[USAGOV 991332-000101]\n", "actors", 2, "bad date restriction"),
    ("JOHN_DOE_\n\t[USAGOV >201005011]\n", "actors", 2, "bad date restriction"),
    ("ISLAMIC_EXTREMIST\n", "agents", 1, "agent 'ISLAMIC_EXTREMIST' has no [~CODE]"),
    ("--- SAY [010] ---\nSAY\n- * (TO BORDER [154]\n", "verbs", 3, "unbalanced parentheses"),
    ("--- SAY [010] ---\nSAY\n- SAID * OFFER\n", "verbs", 3, "pattern without a [code]"),
])
def test_lenient_problems_or_strict_errors(text: str, kind: str, line: int, what: str, tmp_path: Path) -> None:
    path = write(tmp_path, text)
    d = read_dictionary(path, kind)
    assert len(d.problems) == 1 and d.problems[0].startswith(f"{path}:{line}: {what}")
    with pytest.raises(DictionaryError, match=f":{line}: "):
        read_dictionary(path, kind, strict=True)


def test_bad_date_restriction_is_skipped_not_the_actor(tmp_path: Path) -> None:
    d = read_dictionary(write(tmp_path, "JOHN_DOE_ [USA]\n\t[USAGOV 19920230-19930101]\n\t[USAELI >930101]\n"))
    assert d.records == (Actor(("JOHN DOE",), "USA", (DatedCode("USAELI", date(1993, 1, 1), None),), 1),)


def test_comments_and_latin1(tmp_path: Path) -> None:
    text = ("<!-- header\n  [NOT A CODE]\n -->\nJOS\xc9_MART\xcd_ [CUB] # note\n<! -- odd comment -->\n"
            "+MART\xcd ; TABARI\n")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_dictionary(path).records == (Actor(("JOS\xc9 MART\xcd", "MART\xcd"), "CUB", (), 4),)


REAL_FILES = {  # file: (kind, record type, at least this many)
    "CAMEO.verbpatterns.150430.txt": ("verbs", Pattern, 10_000), "CAMEO.2.0.txt": ("verbs", Pattern, 4_000),
    "PETR.Validate.verbs.txt": ("verbs", Pattern, 400), "Phoenix.Countries.actors.txt": ("actors", Actor, 10_000),
    "Phoenix.International.actors.txt": ("actors", Actor, 5_000),
    "Phoenix.MilNonState.actors.txt": ("actors", Actor, 800), "PETR.Validate.actors.txt": ("actors", Actor, 100),
    "Phoenix.agents.txt": ("agents", Agent, 2_000), "PETR.Validate.agents.txt": ("agents", Agent, 80),
    "Phoenix.discards.txt": ("discards", Discard, 400), "PETR.Validate.discards.txt": ("discards", Discard, 9),
    "Phoenix.IssueCoding.txt": ("issues", Issue, 3_000),
}
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} not present")


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_dictionaries_read(name: str) -> None:
    kind, rtype, least = REAL_FILES[name]
    assert detect_kind(REAL / name) == kind
    d = read_dictionary(REAL / name)
    assert sum(isinstance(r, rtype) for r in d.records) >= least
    assert len(d.problems) <= 10  # the few typos of the real files, each skipped or repaired


@needs_real
def test_real_details() -> None:
    actors = read_dictionary(REAL / "Phoenix.Countries.actors.txt").records
    xi = [a for a in actors if "XI JINPING" in a.phrases]
    assert any(DatedCode("CHNGOV", date(2012, 11, 15), None) in a.dated for a in xi)
    tabari = read_dictionary(REAL / "CAMEO.verbpatterns.150430.txt")
    assert {r.syntax for r in tabari.records if isinstance(r, Pattern)} == {"tabari"}
    assert sum(isinstance(r, Verb) for r in tabari.records) > 1_500 and "&CURRENCY" in tabari.synsets
    p2 = read_dictionary(REAL / "CAMEO.2.0.txt")
    assert {r.syntax for r in p2.records if isinstance(r, Pattern)} == {"petrarch2"}
    assert sum(isinstance(r, Transformation) for r in p2.records) == 8
    assert detect_kind(REAL / "PETR.UnitTest.records.xml") is None and detect_kind(REAL / "dictionaries.rst") is None
    tests = read_unit_tests(REAL / "PETR.UnitTest.records.xml")
    assert len(tests) > 250 and sum(t.error for t in tests) == 7 and sum(len(t.expected) > 1 for t in tests) > 10


@needs_real
def test_real_files_read_quickly() -> None:
    start = time.perf_counter()
    for name in REAL_FILES:
        read_dictionary(REAL / name)
    read_unit_tests(REAL / "PETR.UnitTest.records.xml")
    assert time.perf_counter() - start < 10  # about 1 s on a laptop; the bound only catches a pathological slowdown

"""The field's dictionaries as lexicons: conversion, --lexicon with dictionary files and folders,
--no-default-lexicon, dated roles, agents composed with countries, domestic events and their scope."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from analystkit import code_text
from analystkit.cli import main
from analystkit.lexicon import LexiconError, file_format, load_lexicon
from analystkit.petrarch import read_dictionary
from analystkit.phoenix import convert, split_code

FIXTURES = Path(__file__).parent / "fixtures" / "petrarch"

ACTORS = """# hand-made Phoenix-style actors
ARNORIA_  [ARN]
+ARNORIAN_
GONDORIA_  [GON]
+GONDORIAN_
ELENDIL_VORONWE_
+VORONWE_
\t[ARNGOV 200101-231231]
\t[ARNELI >240101]
ISILDUR_BAND_ [IMGREBISB]
"""
AGENTS = """# hand-made agents
TOWN_GUARD {} [~COP]
RABBLE {} [~OPP]
"""
VERBS = """# hand-made PETRARCH-2 verbs
---  SCOLD   [111]  ---
SCOLD
BERATE
- * (FOR {BORDER RAIDS})   [1121]   # SCOLD
---  PARLEY   [---]  ---
PARLEY
- * (WITH +)   [040]   # PARLEY
"""


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "my.actors").write_text(ACTORS, encoding="utf-8")
    (folder / "my.agents.txt").write_text(AGENTS, encoding="utf-8")
    (folder / "verbs.dat").write_text(VERBS, encoding="utf-8")  # no telling suffix: detected by content
    (folder / "README.md").write_text("not a lexicon", encoding="utf-8")
    return folder


def test_split_code() -> None:
    countries = {"USA", "SDN"}
    assert split_code("SDNREB", countries) == ("SDNREB", "SDN", "REB", "group")
    assert split_code("USAGOVMIL", countries) == ("USAGOV", "USA", "GOV", "state")
    assert split_code("IGOUNOKID", countries) == ("IGOUNOKID", None, "IGO", "organisation")
    assert split_code("IMGMUSALQ", countries) == ("IMGMUSALQ", None, "REB", "group")


def test_convert_hand_made_files(dictionaries: Path) -> None:
    ds = [read_dictionary(dictionaries / n) for n in ("my.actors", "my.agents.txt", "verbs.dat")]
    records, skipped = convert(ds, countries={"ARN", "GON"}, valid_codes={"111", "1121", "040"})
    by_table: dict[str, list[dict]] = {}
    for table, r in records:
        by_table.setdefault(table, []).append(r)
    voronwe = [r for r in by_table["actors"] if r["pattern"] == "VORONWE"]
    assert [(r["code"], r["valid_from"], r["valid_to"]) for r in voronwe] == [
        ("ARNGOV", "2020-01-01", "2023-12-31"), ("ARNELI", "2024-01-01", None)]
    assert all(r["kind"] == "person" and r["fold"] for r in voronwe)
    band = next(r for r in by_table["actors"] if r["pattern"] == "ISILDUR BAND")
    assert (band["code"], band["country"], band["role"], band["kind"]) == ("IMGREBISB", None, "REB", "group")
    assert {(r["pattern"], r["role"]) for r in by_table["roles"]} == {("town guard", "COP"), ("rabble", "OPP")}
    patterns = {(r["pattern"], r["cameo"], r.get("target_prep")) for r in by_table["events"]}
    assert ("scold", "111", None) in patterns and ("berate", "111", None) in patterns
    assert ("scold ~ for ~ border ~ raids", "1121", None) in patterns
    assert ("parley ~ with", "040", "with") in patterns
    assert not any(p.startswith("berate ~") for p, _, _ in patterns)  # a pattern goes with the verb it names
    assert skipped["verb without an event code"] == 1  # PARLEY alone is [---]


def test_formats_are_told_apart_by_content(dictionaries: Path, tmp_path: Path) -> None:
    assert file_format(dictionaries / "verbs.dat") == "verbs"
    assert file_format(dictionaries / "my.actors") == "actors"
    assert file_format(dictionaries / "my.agents.txt") == "agents"
    records = tmp_path / "mine.txt"
    records.write_text('{"lexicon": "roles", "pattern": "wardens", "role": "COP"}\n', encoding="utf-8")
    assert file_format(records) == "jsonl"
    junk = tmp_path / "junk.xml"
    junk.write_text("<Validation><Sentences></Sentences></Validation>\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="junk.xml: not a lexicon"):
        load_lexicon([junk])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"lexicon": "roles", "pattern": \n', encoding="utf-8")
    with pytest.raises(LexiconError, match="broken.jsonl:1: not valid JSON"):
        load_lexicon([broken])


def test_no_default_lexicon_codes_with_the_given_dictionaries_alone(dictionaries: Path) -> None:
    lex = load_lexicon([dictionaries], default=False)
    assert lex.counts["events"] == 4 and lex.counts["actors"] >= 6
    text = "Arnoria scolded Gondoria for border raids on Monday."
    ev = code_text(text, published="2022-05-04", lexicon=lex).events
    assert ev[["source_code", "target_code", "cameo_code"]].values.tolist() == [["ARN", "GON", "1121"]]
    # the shipped lexicon is not there: a real country codes nothing
    assert code_text("France scolded Germany.", published="2022-05-04", lexicon=lex).events.empty
    with pytest.raises(LexiconError, match="no-default-lexicon"):
        load_lexicon(None, default=False)


def test_dated_roles_follow_the_document_date(dictionaries: Path) -> None:
    lex = load_lexicon([dictionaries], default=False)
    text = "Elendil Voronwe scolded Gondoria."
    during = code_text(text, published="2022-05-04", lexicon=lex).events
    after = code_text(text, published="2025-05-04", lexicon=lex).events
    assert during["source_code"].tolist() == ["ARNGOV"] and after["source_code"].tolist() == ["ARNELI"]
    # the dictionary's names match capitalised words only
    assert code_text("elendil voronwe scolded Gondoria.", published="2022-05-04", lexicon=lex).events.empty


def test_agents_compose_with_countries(dictionaries: Path) -> None:
    lex = load_lexicon([dictionaries], default=False)
    ev = code_text("The Arnorian town guard scolded the Gondorian rabble.", published="2022-05-04",
                   lexicon=lex).events
    assert ev[["source_code", "target_code"]].values.tolist() == [["ARNCOP", "GONOPP"]]


def test_shipped_lexicon_holds_the_field_dictionaries_and_own_entries_win() -> None:
    lex = load_lexicon()
    sources = {s for s, _ in lex.by_source}
    assert {"analystkit", "phoenix"} <= sources
    assert lex.by_source[("phoenix", "actors")] > 30_000 and lex.by_source[("phoenix", "roles")] > 3_000
    # Phoenix knows this 1990s Turkish prime minister; the project's own files do not
    ev = code_text("Tansu Ciller criticized Greece.", published="1995-03-01").events
    assert ev[["source_code", "target_code"]].values.tolist() == [["TURGOV", "GRC"]]
    # the project's own entry wins: Putin's dated offices come from actors.jsonl
    ev = code_text("Vladimir Putin criticized Germany.", published="2024-03-01").events
    assert ev["source_code"].tolist() == ["RUSGOV"]


@pytest.mark.parametrize("text, source, target", [
    ("Georgian police detained dozens of protesters in Tbilisi on Sunday.", "GEOCOP", "GEOOPP"),
    ("Sudanese rebels attacked the army in Darfur.", "SDNREB", "SDNMIL"),
    ("Kenyan police fired tear gas at protesters in Nairobi on Tuesday.", "KENCOP", "KENOPP"),
    ("Colombian troops clashed with ELN guerrillas near the Venezuelan border.", "COLMIL", "COLREB"),
])
def test_domestic_events_are_coded_with_their_scope(text: str, source: str, target: str) -> None:
    ev = code_text(text, published="2024-06-25").events
    row = ev[(ev["source_code"] == source) & (ev["target_code"] == target)]
    assert len(row) == 1, ev[["source_code", "trigger", "target_code"]].values.tolist()
    assert row["scope"].item() == "domestic"


def test_bare_sectors_take_the_dateline_country() -> None:
    text = ("Police clash with protesters\n\nPublished: 6/25/2024\n\n"
            "NAIROBI, June 25 (Wire) - Police fired tear gas at protesters outside parliament on Tuesday.")
    ev = code_text(text).events
    assert ev[["source_code", "target_code", "scope"]].values.tolist() == [["KENCOP", "KENOPP", "domestic"]]
    intl = code_text("Russia shelled Kharkiv on Monday.", published="2024-06-25").events
    assert intl["scope"].tolist() == ["international"]


def test_cli_lexicon_sizes_by_source_and_dictionary_flags(dictionaries: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["lexicon"])
    assert shown.exit_code == 0 and "phoenix" in shown.output and "analystkit" in shown.output
    own = runner.invoke(main, ["lexicon", "--no-default-lexicon", "--lexicon", str(dictionaries / "verbs.dat"),
                               "--lexicon", str(dictionaries / "my.actors")])
    assert own.exit_code == 0 and "user:verbs.dat" in own.output and "phoenix" not in own.output
    doc = tmp_path / "a.txt"
    doc.write_text("Arnoria scolded Gondoria for border raids.", encoding="utf-8")
    out = tmp_path / "out"
    run = runner.invoke(main, ["code", str(doc), "--out", str(out), "--published", "2022-05-04",
                               "--no-default-lexicon", "--lexicon", str(dictionaries)])
    assert run.exit_code == 0, run.output
    import pandas as pd
    assert pd.read_parquet(out / "events.parquet")["cameo_code"].tolist() == ["1121"]
    bad = runner.invoke(main, ["code", str(doc), "--out", str(out), "--no-default-lexicon"])
    assert bad.exit_code == 2 and "needs at least one --lexicon" in bad.output


def test_real_dictionaries_load_through_lexicon_when_shared_is_present() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
    if not shared.is_dir():
        pytest.skip("../shared/data/petrarch2 is not beside the repository")
    lex = load_lexicon([shared / "PETR.Validate.verbs.txt", shared / "PETR.Validate.actors.txt"], default=False)
    assert lex.counts["events"] > 50 and lex.counts["actors"] > 100
    assert dt.date(2000, 1, 1)  # the validation dictionaries use WEIS-era codes; only CAMEO event codes load


# ------------------------------------------------------------------ TABARI constructions in an analyst's dictionaries
TABARI_VERBS = """# hand-made TABARI-style verbs: words before the verb, joins, two-part codes, compounds
&NEG
+DID N'T
+WILL NOT
--- CLASH [190] ---
CLASH
- &NEG * OVER EFFORTS [904]
- MOST_CERTAINLY_&NEG_EVER * OVER EFFORTS [907]
- &NEG EVER * OVER EFFORTS [905]
--- ACT [100] ---
ACT
- INDICATED WOULD * NOW [1010]
--- ACCORD [---] ---
ACCORD
- IN * [072]
--- ABANDON [345] ---
ABANDON
- * NEW_ECONOMIC_RELATIONS [903]
--- ARRIVE [032:033] ---
ARRIVE
--- LEAVE [012] ---
LEAVE
--- LEFT [032:033] ---
LEFT
--- MEET [031:031] ---
MEET
--- DELAY [031:031] ---
DELAY
- % HAVE * [191]
--- CRITICIZE [121] ---
CRITICIZE
--- CONDEMN [122] ---
CONDEMN
--- ATTACK [190] ---
ATTACK
--- WELCOME [041] ---
WELCOME
"""
TABARI_AGENTS = """# hand-made agents: whole codes, a prefix, no plural
FOREIGN_MINISTER [~GOVFRM]
MAIN_OPPOSITION_GROUP [~MOP]
MSF {} [NGO~]
POLICE {} [~COP]
SOLDIER [~MIL]
AMBASSADOR [~GOV]
LAWMAKER [~LEG]
"""


@pytest.fixture(scope="module")
def tabari(dictionaries: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("tabari")
    (folder / "tabari.verbs").write_text(TABARI_VERBS, encoding="utf-8")
    (folder / "tabari.agents").write_text(TABARI_AGENTS, encoding="utf-8")
    return load_lexicon([dictionaries / "my.actors", folder], default=False)


def _coded(text: str, lex: object) -> set[tuple[str, str | None, str]]:
    ev = code_text(text, published="2022-05-04", lexicon=lex).events
    return {(s, t if isinstance(t, str) else None, c)
            for s, t, c in ev[["source_code", "target_code", "cameo_code"]].values.tolist()}


def test_tabari_conversion_words_before_the_verb_joins_and_two_part_codes(tmp_path: Path) -> None:
    (tmp_path / "v.txt").write_text(TABARI_VERBS, encoding="utf-8")
    records, _ = convert([read_dictionary(tmp_path / "v.txt")], countries=set(), valid_codes=None)
    events = {r["pattern"]: r for table, r in records if table == "events"}
    assert events["indicated ~ would ~ act ~ now"]["verb_at"] == 4
    assert events["most certainly will not ever ~ clash ~ over ~ efforts"]["verb_at"] == 6
    assert "abandon ~ new economic relations" in events  # "_" joins: adjacent words
    assert events["arrive"]["counterpart_cameo"] == "033" and "symmetric" not in events["arrive"]
    assert events["meet"]["symmetric"] and events["meet"]["counterpart_cameo"] == "031"  # [031:031]
    assert events["have ~ delay"]["symmetric"]  # "%": the members of a compound subject
    assert events["criticize"]["reach"] > 6  # TABARI's target: the first actor after the verb


def test_tabari_agents_keep_whole_codes_prefixes_and_no_plural(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TABARI_AGENTS, encoding="utf-8")
    records, _ = convert([read_dictionary(tmp_path / "a.txt", "agents")], countries=set(), valid_codes=None)
    roles = {r["pattern"]: r for _, r in records}
    assert (roles["foreign minister"]["role"], roles["foreign minister"]["code"]) == ("GOV", "GOVFRM")
    assert roles["main opposition group"]["code"] == "MOP"
    assert roles["msf"]["prefix"] and roles["msf"]["role"] == "NGO" and roles["police"]["plural"] is False
    assert "code" not in roles["soldier"] and "plural" not in roles["soldier"]


@pytest.mark.parametrize("text, expected", [
    # words before the verb, synsets among them; the longer pattern wins; "_" joins adjacent words
    ("Arnoria didn't clash over the efforts of Gondoria.", {("ARN", "GON", "904")}),
    ("Arnoria will not ever clash over the efforts of Gondoria.", {("ARN", "GON", "905")}),
    ("Arnoria most certainly will not ever clash over the efforts of Gondoria.", {("ARN", "GON", "907")}),
    ("Arnoria most certainly really will not even ever clash over the efforts of Gondoria.", {("ARN", "GON", "905")}),
    ("Arnoria indicated it would act now with Gondoria.", {("ARN", "GON", "1010")}),
    ("Arnoria is in an accord with Gondoria.", set()),  # an article before it: a noun
    ("Arnoria will abandon new global economic relations with Gondoria.", {("ARN", "GON", "345")}),
    # two-part codes, and a verb listed as written before a form generated from another
    ("Arnoria arrived in Gondoria on Monday.", {("ARN", "GON", "032"), ("GON", "ARN", "033")}),
    ("Arnoria left for Gondoria on Monday.", {("ARN", "GON", "032"), ("GON", "ARN", "033")}),
    ("Arnoria and Gondoria have delayed their meeting.", {("ARN", "GON", "191"), ("GON", "ARN", "191")}),
    ("Arnoria will meet Gondoria on Monday.", {("ARN", "GON", "031"), ("GON", "ARN", "031")}),
    # the target far after the verb; the agent of an event noun after "by" is the target, of a participle not
    ("Arnoria criticized the recent closure of guest houses in Gondoria.", {("ARN", "GON", "121")}),
    ("Arnoria condemned an attack by Gondorian soldiers.", {("ARN", "GONMIL", "122")}),
    ("Arnoria welcomed memos sent by Gondoria.", set()),
    # agents: whole codes, prefixes, no plural; role + of / from / in + actor, shared along a list
    ("Arnoria criticized the Gondorian main opposition group.", {("ARN", "GONMOP", "121")}),
    ("The Arnorian foreign minister criticized Gondoria.", {("ARNGOVFRM", "GON", "121")}),
    ("MSF Arnoria criticized Gondoria.", {("NGOARN", "GON", "121")}),
    ("Arnoria criticized Gondorian polices.", {("ARN", "GON", "121")}),
    ("Soldiers from Gondoria attacked Arnoria.", {("GONMIL", "ARN", "190")}),
    ("Lawmakers in Arnoria welcomed Gondoria.", {("ARNLEG", "GON", "041")}),
    ("The ambassadors of Arnoria and Gondoria criticized Isildur Band.",
     {("ARNGOV", "IMGREBISB", "121"), ("GONGOV", "IMGREBISB", "121")}),
])
def test_tabari_constructions_code_as_tabari_did(tabari: object, text: str, expected: set) -> None:
    assert _coded(text, tabari) == expected


def test_no_default_lexicon_keeps_the_language_tables(dictionaries: Path) -> None:
    lex = load_lexicon([dictionaries], default=False)
    assert lex.counts["cues"] > 0 and lex.counts["references"] > 0 and lex.counts["places"] > 0
    assert lex.counts["roles"] == 2 and lex.counts["events"] == 4  # actors, roles and events: the analyst's alone
    # a reporting verb is no target: "Gondoria" is the speaker
    ev = code_text("Arnoria scolded the Isildur Band, Gondoria said.", published="2022-05-04", lexicon=lex).events
    assert ev[["source_code", "target_code"]].values.tolist() == [["ARN", "IMGREBISB"]]


def test_compiled_cache_is_rebuilt_when_a_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from analystkit import lexicon
    from analystkit.lexicon import _cache_key, _cached

    monkeypatch.setattr(lexicon, "_cache_path", lambda key: tmp_path / f"{key}.pickle")

    source = tmp_path / "actors.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    builds: list[int] = []

    def make() -> int:
        builds.append(1)
        return len(builds)

    key = _cache_key([source])
    assert _cached("test", [source], make) == _cached("test", [source], make) == 1  # built once, then read back
    source.write_text("{}\n{}\n", encoding="utf-8")
    os.utime(source, ns=(source.stat().st_mtime_ns + 10**9,) * 2)
    assert _cache_key([source]) != key
    assert _cached("test", [source], make) == 2  # the changed source rebuilds it


def test_agents_that_name_events_are_left_out_of_the_shipped_roles() -> None:
    """'condemned the uprising': Phoenix lists 'uprising', 'rebellion', 'insurgency' as rebels (REB); the shipped
    conversion leaves them out (scripts/phoenix_skip_agents.txt), so an event's name is not its target."""
    from pathlib import Path

    roles = (Path(__file__).resolve().parent.parent / "analystkit" / "lexicons" / "phoenix" / "roles.jsonl").read_text(
        encoding="utf-8")
    assert '"pattern": "uprising"' not in roles and '"pattern": "insurgency"' not in roles
    assert '"pattern": "insurgent"' in roles  # the people stay

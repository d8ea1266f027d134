"""ACLED importer: the invented fixtures (current and older layouts), the type mapping, actors, rejects."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analystkit.acled import acled_fatalities, acled_mapping, parse_event_date, read_acled
from analystkit.cli import main
from analystkit.frames import COLUMNS, FRAME_NAMES, Frames, schema
from analystkit.gdelt import ImportFormatError
from analystkit.lexicon import Lexicon
from analystkit.reference import reference_tables

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "acled_sample.csv"
OLD = FIXTURES / "acled_sample_old.csv"
GDELT = ROOT / "data" / "samples" / "gdelt2_events_sample_50rows.tsv"

# every sub-event type of ACLED's current codebook (2019 on)
SUB_EVENT_TYPES = [
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest",
    "Protest with intervention", "Excessive force against protesters", "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
]


def _validates(frames: Frames) -> None:
    for name in FRAME_NAMES:
        frame = getattr(frames, name)
        assert list(frame.columns) == [c for c, *_ in COLUMNS[name]], name
        schema(name).validate(frame)


@pytest.fixture(scope="module")
def sample(lex: Lexicon) -> Frames:
    return read_acled(SAMPLE, lexicon=lex)


def _event(frames: Frames, acled_id: str) -> pd.Series:
    return frames.events.set_index("event_id").loc[f"acled:{acled_id}"]


def test_mapping_table_covers_acled_and_agrees_with_the_reference_tables() -> None:
    mapping = acled_mapping()
    tables = reference_tables()
    assert [t for t in SUB_EVENT_TYPES if t not in mapping] == []
    for kind in mapping.values():
        assert kind.level in {"sub_event_type", "event_type", "legacy"}
        if kind.cameo is None:
            assert kind.plover is None and "no CAMEO equivalent" in kind.note
            continue
        assert tables.describe(kind.cameo), kind  # a real CAMEO code
        assert kind.plover == tables.plover_for(kind.cameo), kind
        assert kind.certainty in {"sure", "uncertain"}
    assert (mapping["Armed clash"].cameo, mapping["Peaceful protest"].cameo, mapping["Arrests"].plover) == (
        "190", "141", "COERCE")
    assert (mapping["Non-violent transfer of territory"].cameo, mapping["Non-violent transfer of territory"].plover,
            mapping["Non-violent transfer of territory"].reversed) == ("0874", "RETREAT", True)
    assert mapping["Other"].cameo is None and mapping["Change to group/activity"].cameo is None


def test_fixture_loads_and_validates(sample: Frames) -> None:
    ev = sample.events
    assert len(ev) == 17 and len(sample.documents) == 17 and len(sample.rejects) == 3
    _validates(sample)
    assert (ev["origin"] == "acled").all() and (ev["modality"] == "asserted").all()
    assert (ev["event_id"] == ev["doc_id"]).all() and ev["event_id"].str.startswith("acled:").all()
    for col in ["sent_idx", "start", "end", "incident_type", "participants_min", "participants_max"]:
        assert ev[col].isna().all(), col
    assert ev["evidence"].str.startswith("FICTIONAL TEST RECORD.").all()


def test_types_codes_and_scores(sample: Frames) -> None:
    tables = reference_tables()
    ev = sample.events
    clash = _event(sample, "UKR90001")
    assert clash["trigger"] == "ACLED: Battles / Armed clash"
    assert (clash["cameo_code"], clash["cameo_root"], clash["plover"], clash["quad_class"], clash["goldstein"]) == (
        "190", "19", "ASSAULT", 4, -10.0)
    protest = _event(sample, "KEN90001")
    assert (protest["cameo_code"], protest["plover"], protest["quad_class"], protest["goldstein"]) == (
        "141", "PROTEST", 3, -6.5)
    agreement = _event(sample, "SDN90004")
    assert (agreement["cameo_code"], agreement["plover"], agreement["quad_class"]) == ("057", "SUPPORT", 1)
    assert ev["goldstein"].tolist() == [tables.goldstein_for(c) for c in ev["cameo_code"]]
    assert ev["quad_class"].tolist() == [tables.quad_class[c[:2]] for c in ev["cameo_code"]]
    assert _event(sample, "UKR90003")["location"] == "Placeholder, Belgorod, Russia"
    assert _event(sample, "UKR90001")["date"] == pd.Timestamp("2024-03-01")
    assert _event(sample, "SDN90001")["date_precision"] == "week"
    assert _event(sample, "SDN90004")["date_precision"] == "month"


def test_actors(sample: Frames) -> None:
    def side(acled_id: str, who: str) -> tuple:
        e = _event(sample, acled_id)
        return tuple(None if pd.isna(e[f"{who}_{k}"]) else e[f"{who}_{k}"] for k in ("code", "name", "country",
                                                                                       "role"))

    assert side("UKR90001", "target") == ("UKRMIL", "Military Forces of Ukraine (2019-)", "UKR", "MIL")
    assert side("UKR90001", "source") == ("RUSMIL", "Military Forces of Russia (2000-)", "RUS", "MIL")
    assert side("KEN90001", "source") == ("KENCVL", "Protesters (Kenya)", "KEN", "CVL")
    assert side("KEN90001", "target") == (None, None, None, None)
    assert side("KEN90002", "source") == ("KENCOP", "Police Forces of Kenya (2022-)", "KEN", "COP")
    assert side("SDN90004", "source")[2:] == ("SDN", "GOV")
    assert side("SDN90001", "source") == ("SDNREB", "Rapid Support Forces", "SDN", "REB")  # a group in the lexicon
    assert side("SDN90002", "source") == ("SDN", "Unidentified Armed Group (Sudan)", "SDN", None)
    # an actor the lexicon cannot place keeps its name, with no code or country
    assert side("NGA90003", "source") == (None, "Northern Hills Brigade", None, None)
    # the actor's country comes from its name, not from where the event happened (a strike inside Russia)
    assert side("UKR90003", "source")[2] == "UKR" and _event(sample, "UKR90003")["location"].endswith("Russia")
    # a non-violent transfer of territory: ACLED's actor1 takes the ground, so actor2's retreat is the event
    transfer = _event(sample, "SDN90003")
    assert (transfer["source_code"], transfer["target_code"], transfer["plover"]) == ("SDNMIL", "SDNREB", "RETREAT")


def test_rejects_name_file_and_line(sample: Frames) -> None:
    rj = sample.rejects
    assert rj["path"].tolist() == [f"{SAMPLE}:{n}" for n in (19, 20, 21)]
    assert rj["doc_id"].tolist() == ["acled:UKR90005", "acled:KEN90004", "acled:SDN90005"]
    assert (rj["stage"] == "import").all()
    reasons = rj["reason"].tolist()
    assert reasons[0] == "bad event_date '2024-02-30'"
    assert reasons[1] == "non-numeric fatalities 'several'"
    assert "Change to group/activity' has no CAMEO equivalent" in reasons[2]


def test_fatalities_side_table_and_documents(sample: Frames, lex: Lexicon) -> None:
    deaths = acled_fatalities(SAMPLE, lexicon=lex)
    assert list(deaths.columns) == ["event_id", "fatalities"] and str(deaths["fatalities"].dtype) == "Int64"
    assert deaths["event_id"].tolist() == sample.events["event_id"].tolist()
    by_id = deaths.set_index("event_id")["fatalities"]
    assert (by_id["acled:UKR90001"], by_id["acled:SDN90001"], by_id["acled:KEN90001"]) == (3, 12, 0)
    assert int(deaths["fatalities"].sum()) == 27
    doc = sample.documents.set_index("doc_id").loc["acled:UKR90002"]
    assert doc["source"] == "Fictional Daily; Example Wire" and doc["path"] == str(SAMPLE)
    assert pd.isna(doc["published"]) and pd.isna(doc["url"])


def test_older_layout(lex: Lexicon) -> None:
    frames = read_acled(OLD, lexicon=lex)
    assert len(frames.events) == 4 and len(frames.rejects) == 0
    _validates(frames)
    ev = frames.events.set_index("event_id")
    assert ev.loc["acled:KEN91001", "date"] == pd.Timestamp("2019-06-12")
    assert ev.loc["acled:KEN91002", "source_code"] == "KENMIL"
    assert pd.isna(ev.loc["acled:KEN91002", "target_code"])
    assert ev.loc["acled:KEN91002", "target_name"] == "Northern Hills Brigade"
    assert "\n" in ev.loc["acled:KEN91002", "evidence"]  # notes over two lines stay one record
    assert ev.loc["acled:SDN91003", "cameo_code"] == "1821" and ev.loc["acled:SDN91003", "date_precision"] == "week"
    assert ev.loc["acled:SDN91004", "source_code"] == "SDNCOP"


def test_line_numbers_after_a_multiline_record(tmp_path: Path, lex: Lexicon) -> None:
    lines = OLD.read_text(encoding="utf-8")
    path = tmp_path / "old.csv"
    path.write_text(lines.replace("15 June 2019", "June 15th"), encoding="utf-8")
    frames = read_acled(path, lexicon=lex)
    assert frames.rejects["path"].tolist() == [f"{path}:6"]  # the header, 1 row, a 2-line row, 1 row, then it


def test_pre_2019_layout_without_sub_event_types(tmp_path: Path, lex: Lexicon) -> None:
    path = tmp_path / "acled_2017.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ISO", "EVENT_ID_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE", "ACTOR1",
                    "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY",
                    "ADMIN1", "LOCATION", "LATITUDE", "LONGITUDE", "SOURCE", "NOTES", "FATALITIES"])
        w.writerow(["404", "KEN92001", "03/05/2017", "2017", "1", "Riots/Protests", "Protesters (Kenya)", "", "6",
                    "", "", "", "60", "Kenya", "Nairobi", "Oldtown", "0", "0", "Fictional Herald",
                    "FICTIONAL TEST RECORD.", "0"])
        w.writerow(["404", "KEN92002", "04/05/2017", "2017", "1", "Battle-No change of territory",
                    "Military Forces of Kenya (2013-)", "", "1", "Northern Hills Brigade", "", "2", "12", "Kenya",
                    "Garissa", "Oldwell", "0", "0", "Fictional Herald", "FICTIONAL TEST RECORD.", "1"])
        w.writerow(["404", "KEN92003", "05/05/2017", "2017", "1", "Strategic development", "Government of Kenya",
                    "", "1", "", "", "", "10", "Kenya", "Nairobi", "Oldtown", "0", "0", "Fictional Herald",
                    "FICTIONAL TEST RECORD.", "0"])
    frames = read_acled(path, lexicon=lex)
    ev = frames.events.set_index("event_id")
    assert ev.loc["acled:KEN92001", "cameo_code"] == "140" and ev.loc["acled:KEN92001", "trigger"] == (
        "ACLED: Riots/Protests")
    assert ev.loc["acled:KEN92001", "date"] == pd.Timestamp("2017-05-03")  # day first
    assert ev.loc["acled:KEN92002", "cameo_code"] == "190"
    assert ev.loc["acled:KEN92002", "target_role"] == "REB"  # from INTER2 = 2 (rebel group)
    assert frames.rejects["reason"].tolist() == [
        "ACLED type 'Strategic development' has no CAMEO equivalent (reference/acled2cameo.tsv)"]


def test_malformed_rows(tmp_path: Path, lex: Lexicon) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "bad.csv"
    short = lines[2].rsplit(",", 3)[0]                      # three fields missing
    duplicate = lines[1]                                    # UKR90001 again
    no_id = "," + lines[3].split(",", 1)[1]
    path.write_text("\n".join([lines[0], lines[1], short, duplicate, no_id]) + "\n", encoding="utf-8")
    frames = read_acled(path, lexicon=lex)
    assert len(frames.events) == 1
    assert frames.rejects["path"].tolist() == [f"{path}:{n}" for n in (3, 4, 5)]
    assert frames.rejects["reason"].tolist() == [
        "29 fields where the header has 32", f"duplicate event_id_cnty UKR90001 (first at {path}:2)",
        "no event_id_cnty"]


def test_not_an_export_and_empty_files(tmp_path: Path, lex: Lexicon) -> None:
    text = tmp_path / "article.csv"
    text.write_text("Seoul urged Moscow on Monday to halt arms deals.\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_acled(text, lexicon=lex)
    assert str(info.value).startswith(f"{text}: not an ACLED export") and "\n" not in str(info.value)
    with pytest.raises(ImportFormatError, match="not an ACLED export"):
        read_acled(GDELT, lexicon=lex)
    empty_file = tmp_path / "empty.csv"
    empty_file.write_text("", encoding="utf-8")
    header_only = tmp_path / "header.csv"
    header_only.write_text(SAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    for path in (empty_file, header_only):
        frames = read_acled(path, lexicon=lex)
        assert all(len(getattr(frames, n)) == 0 for n in FRAME_NAMES)
        _validates(frames)
    assert len(acled_fatalities(empty_file, lexicon=lex)) == 0


def test_folder_and_glob(tmp_path: Path, lex: Lexicon) -> None:
    folder = tmp_path / "acled"
    folder.mkdir()
    (folder / "new.csv").write_bytes(SAMPLE.read_bytes())
    (folder / "old.csv").write_bytes(OLD.read_bytes())
    (folder / "notes.txt").write_text("not an export\n", encoding="utf-8")
    frames = read_acled(folder, lexicon=lex)
    assert len(frames.events) == 21
    assert frames.rejects["path"].tolist()[-1] == str(folder / "notes.txt")
    assert len(read_acled(str(folder / "*.csv"), lexicon=lex).events) == 21


def test_parse_event_date() -> None:
    assert parse_event_date("15-June-2023") == parse_event_date("15/06/2023") == parse_event_date("2023-06-15")
    assert parse_event_date("2023-06-15T00:00:00") == parse_event_date("15 Jun 2023")
    assert parse_event_date("sometime") is None


def test_cli_import_acled(tmp_path: Path) -> None:
    out = tmp_path / "frames"
    result = CliRunner().invoke(main, ["import", "acled", str(SAMPLE), str(OLD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "events: 21" in result.output and "rejects: 3" in result.output
    assert f"rejected: {SAMPLE}:19: bad event_date '2024-02-30'" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in FRAME_NAMES)
    schema("events").validate(pd.read_parquet(out / "events.parquet"))
    result = CliRunner().invoke(main, ["import", "acled", str(GDELT), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {GDELT}: not an ACLED export: the header has no event_id_cnty, event_date, event_type, "
        "actor1 columns"]
    result = CliRunner().invoke(main, ["import", "acled", str(tmp_path / "missing.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no such file or folder" in result.output

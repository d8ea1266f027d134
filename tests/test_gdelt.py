"""GDELT importer: the real 1.0 and 2.0 samples, zipped input, folders and globs, malformed rows, non-exports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analystkit.cli import main
from analystkit.frames import COLUMNS, FRAME_NAMES, Frames, schema
from analystkit.frequency import incident_frequency
from analystkit.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, ImportFormatError, gdelt_counts, read_gdelt
from analystkit.reference import reference_tables

from .conftest import ROOT

SAMPLES = ROOT / "data" / "samples"
V1 = SAMPLES / "gdelt1_events_sample_710rows.tsv"
V2 = SAMPLES / "gdelt2_events_sample_50rows.tsv"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _validates(frames: Frames) -> None:
    for name in FRAME_NAMES:
        frame = getattr(frames, name)
        assert list(frame.columns) == [c for c, *_ in COLUMNS[name]], name
        schema(name).validate(frame)


def _gdelt_quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


@pytest.fixture(scope="module")
def v1() -> Frames:
    return read_gdelt(V1)


@pytest.fixture(scope="module")
def v2() -> Frames:
    return read_gdelt(V2)


def test_layouts() -> None:
    assert len(GDELT2_COLUMNS) == 61 and len(GDELT1_COLUMNS) == 58
    assert GDELT1_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert not any("ADM2" in c for c in GDELT1_COLUMNS)


@pytest.mark.parametrize(("which", "rows"), [("v1", 710), ("v2", 50)])
def test_real_samples_load(which: str, rows: int, request: pytest.FixtureRequest) -> None:
    frames: Frames = request.getfixturevalue(which)
    ev = frames.events
    assert len(ev) == rows and len(frames.rejects) == 0
    _validates(frames)
    assert (ev["origin"] == "gdelt").all() and (ev["modality"] == "asserted").all()
    assert (ev["date_precision"] == "day").all() and ev["date"].notna().all()
    assert (ev["confidence"] == 1.0).all()
    for col in ["trigger", "evidence", "sent_idx", "start", "end", "participants_min", "participants_max",
                "incident_type"]:
        assert ev[col].isna().all(), col
    assert ev["event_id"].str.match(r"^gdelt:\d+$").all() and ev["event_id"].is_unique
    assert len(frames.sentences) == len(frames.mentions) == len(frames.exchanges) == 0


def test_cameo_codes_keep_leading_zeros_and_plover_is_derived(v1: Frames, v2: Frames) -> None:
    tables = reference_tables()
    for ev in (v1.events, v2.events):
        assert (ev["cameo_code"].str.len() >= 3).all()
        assert (ev["cameo_code"].str[:2] == ev["cameo_root"]).all()
        assert ev["cameo_code"].str.startswith("0").sum() > 0
        assert ev["plover"].fillna("").tolist() == [tables.plover_for(c) or "" for c in ev["cameo_code"]]
    first = v1.events.iloc[0]
    assert (first["event_id"], first["cameo_code"], first["cameo_root"]) == ("gdelt:564111644", "010", "01")
    assert pd.isna(first["plover"])  # CAMEO 010 has no PLOVER type
    row = v1.events.set_index("event_id").loc["gdelt:564111654"]
    assert (row["cameo_code"], row["plover"], row["source_code"], row["source_role"]) == ("0834", "CONCEDE", "GOV",
                                                                                         "GOV")


def test_quad_class_and_goldstein_as_gdelt_gives_them(v1: Frames, v2: Frames) -> None:
    for ev, path in ((v1.events, V1), (v2.events, V2)):
        assert ev["quad_class"].tolist() == [_gdelt_quad(r) for r in ev["cameo_root"]]
        raw = [line.split("\t") for line in _lines(path)]
        i = GDELT2_COLUMNS.index("GoldsteinScale") if path == V2 else GDELT1_COLUMNS.index("GoldsteinScale")
        assert ev["goldstein"].tolist() == [float(r[i]) for r in raw]


def test_actors_locations_and_documents(v1: Frames, v2: Frames) -> None:
    ev = v2.events.set_index("event_id")
    cuba = ev.loc["gdelt:669666354"]
    assert (cuba["target_code"], cuba["target_name"], cuba["target_country"]) == ("CUB", "CUBA", "CUB")
    assert pd.isna(cuba["source_code"]) and pd.isna(cuba["source_country"])
    assert cuba["location"] == "Ouachita Parish, Louisiana, United States"
    assert cuba["date"] == pd.Timestamp("2016-07-01")
    assert ev.loc["gdelt:669666350", "target_role"] == "CVL" and ev.loc["gdelt:669666352", "source_role"] == "CVL"
    # 2.0: one document per SOURCEURL, published = DATEADDED with its time
    docs = v2.documents
    assert set(docs["doc_id"]) == set(v2.events["doc_id"]) and docs["doc_id"].is_unique
    assert (docs["url"] == docs["doc_id"]).all()
    assert (docs["published"] == pd.Timestamp("2017-07-01 23:45:00")).all()
    assert (docs["path"] == str(V2)).all() and (docs["n_sentences"] == 0).all()
    # 1.0: the 201 older rows (57 columns) have no SOURCEURL, so doc_id is the event's own id and url is null
    no_url = v1.events["doc_id"].str.startswith("gdelt:")
    assert no_url.sum() == 201 and (v1.events.loc[no_url, "doc_id"] == v1.events.loc[no_url, "event_id"]).all()
    d1 = v1.documents.set_index("doc_id")
    assert d1.loc["gdelt:1552829", "url"] is None or pd.isna(d1.loc["gdelt:1552829", "url"])
    assert d1.loc["gdelt:1552829", "published"] == pd.Timestamp("2013-02-03")
    assert set(v1.documents["doc_id"]) == set(v1.events["doc_id"])


def test_counts_side_table() -> None:
    counts = gdelt_counts(V2)
    assert list(counts.columns) == ["event_id", "num_mentions", "num_sources", "num_articles"]
    assert len(counts) == 50 and str(counts["num_articles"].dtype) == "Int64"
    assert counts.set_index("event_id").loc["gdelt:669666354"].tolist() == [10, 1, 10]
    merged = read_gdelt(V2).events.merge(counts, on="event_id")
    assert len(merged) == 50


def test_zipped_input(tmp_path: Path, v1: Frames) -> None:
    archive = tmp_path / "20160728.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(V1, "20160728.export.CSV")
    frames = read_gdelt(archive)
    assert len(frames.events) == 710 and len(frames.rejects) == 0
    assert frames.events["cameo_code"].tolist() == v1.events["cameo_code"].tolist()
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.write(V1, "a.CSV")
        z.write(V2, "b.CSV")
    with pytest.raises(ImportFormatError, match=r"two\.zip: a zip must hold exactly one export file"):
        read_gdelt(two)


def test_folder_and_glob_of_several_files(tmp_path: Path) -> None:
    lines = _lines(V1)
    folder = tmp_path / "exports"
    (folder / "older").mkdir(parents=True)
    (folder / "a.export.CSV").write_text("\n".join(lines[:300]) + "\n", encoding="utf-8")
    (folder / "b.export.CSV").write_text("\n".join(lines[300:500]) + "\n", encoding="utf-8")
    (folder / "older" / "c.export.CSV").write_text("\n".join(lines[500:]) + "\n", encoding="utf-8")
    (folder / "d.export.CSV").write_bytes(V2.read_bytes())
    (folder / "README.md").write_text("not an export\n", encoding="utf-8")
    frames = read_gdelt(folder)
    assert len(frames.events) == 760 and len(frames.rejects) == 0
    _validates(frames)
    globbed = read_gdelt(str(folder / "*.export.CSV"))
    assert len(globbed.events) == 300 + 200 + 50
    many = read_gdelt([folder / "a.export.CSV", str(folder / "older" / "*.CSV")])
    assert len(many.events) == 300 + 210
    # the same event in two files is read once; the second is a reject naming the first
    (folder / "e.export.CSV").write_text(lines[0] + "\n", encoding="utf-8")
    again = read_gdelt(folder)
    assert len(again.events) == 760
    first = folder / "a.export.CSV"
    assert again.rejects["reason"].tolist() == [f"duplicate GLOBALEVENTID 564111644 (first at {first}:1)"]
    # a file in a folder that is not an export is listed in rejects; named on its own, it stops the run
    (folder / "notes.txt").write_text("some notes\nmore notes\n", encoding="utf-8")
    mixed = read_gdelt(folder)
    assert mixed.rejects["path"].iloc[-1] == str(folder / "notes.txt")
    assert mixed.rejects["reason"].iloc[-1].startswith("not a GDELT event export")


def test_malformed_rows_go_to_rejects_with_file_and_line(tmp_path: Path) -> None:
    rows = [line.split("\t") for line in _lines(V2)[:6]]
    i_date, i_quad, i_gold = (GDELT2_COLUMNS.index(c) for c in ("SQLDATE", "QuadClass", "GoldsteinScale"))
    rows[1] = rows[1][:-1]                      # 60 columns
    rows[2][i_date] = "2016-07-01"              # bad SQLDATE
    rows[3][i_gold] = "high"                    # non-numeric GoldsteinScale
    rows[4][i_quad] = "x"                       # non-numeric QuadClass
    path = tmp_path / "bad.tsv"
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n\n", encoding="utf-8")
    frames = read_gdelt(path)
    assert len(frames.events) == 2
    rj = frames.rejects
    assert rj["path"].tolist() == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert (rj["stage"] == "import").all()
    reasons = rj["reason"].tolist()
    assert reasons[0] == "60 columns where this GDELT 2.0 file has 61"
    assert reasons[1].startswith("bad SQLDATE '2016-07-01'")
    assert reasons[2].startswith("non-numeric or out-of-range GoldsteinScale 'high'")
    assert reasons[3].startswith("non-numeric or out-of-range QuadClass 'x'")
    assert rj["doc_id"].tolist() == [f"gdelt:{r[0]}" for r in rows[1:5]]
    _validates(frames)


def test_header_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "with_header.tsv"
    path.write_text("\t".join(GDELT2_COLUMNS) + "\n" + V2.read_text(encoding="utf-8"), encoding="utf-8")
    frames = read_gdelt(path)
    assert len(frames.events) == 50 and len(frames.rejects) == 0


def test_not_an_export_fails_with_one_line(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("Seoul urged Moscow on Monday to halt arms deals.\nA second line.\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_gdelt(text)
    message = str(info.value)
    assert message.startswith(f"{text}: not a GDELT event export") and "\n" not in message
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    with pytest.raises(ImportFormatError, match="binary file"):
        read_gdelt(binary)
    with pytest.raises(ImportFormatError, match="not a GDELT event export"):
        read_gdelt(SAMPLES / "korea_timeline_2023_2024.tsv")


def test_empty_file_gives_empty_frames(tmp_path: Path) -> None:
    path = tmp_path / "empty.export.CSV"
    path.write_text("", encoding="utf-8")
    frames = read_gdelt(path)
    for name in FRAME_NAMES:
        assert len(getattr(frames, name)) == 0
    _validates(frames)
    assert len(gdelt_counts(path)) == 0 and list(gdelt_counts(path).columns)[0] == "event_id"


def test_imported_events_feed_the_analysis(v1: Frames) -> None:
    counts = incident_frequency(v1.events, freq="year", by="quad_class")
    assert counts["value"].sum() == 710


def test_cli_import_gdelt(tmp_path: Path) -> None:
    out = tmp_path / "frames"
    result = CliRunner().invoke(main, ["import", "gdelt", str(V1), str(V2), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "events: 760" in result.output and "rejects: 0" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in FRAME_NAMES)
    events = pd.read_parquet(out / "events.parquet")
    schema("events").validate(events)
    assert events["cameo_code"].str.startswith("0").any()
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "gdelt", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith(f"error: {bad}: not a GDELT")
    result = CliRunner().invoke(main, ["import", "gdelt", str(tmp_path / "nope.tsv"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'nope.tsv'}: no such file or folder"

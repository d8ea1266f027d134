"""Casualty counts: the sentence parser, their place on the nearest material-conflict event, the events columns
(coded, imported from ACLED, read from folders written before the columns existed) and frequency by casualties."""

from __future__ import annotations

import pandas as pd
import pytest

from analystkit import code_text
from analystkit.acled import acled_fatalities, read_acled
from analystkit.casualties import find_casualties
from analystkit.frames import read_frames
from analystkit.frequency import incident_frequency

from .test_acled import SAMPLE


@pytest.mark.parametrize("text, expected", [
    ("Three protesters were shot dead by police in Kano on Thursday.", [("killed", 3, 3)]),
    ("The attack killed 33 people, officials said.", [("killed", 33, 33)]),
    ("At least 12 people were killed and more than 40 injured.", [("killed", 12, None), ("injured", 41, None)]),
    ("The death toll rose to 492, the health ministry said.", [("killed", 492, 492)]),
    ("Dozens of rioters had been killed overnight, police in Almaty said.", [("killed", 24, None)]),
    ("18 members of the security forces had been killed and more than 700 injured.",
     [("killed", 18, 18), ("injured", 701, None)]),
    ("Between 20 and 30 soldiers were wounded in the ambush near Djibo.", [("injured", 20, 30)]),
    ("About 2,300 people had been detained.", []),                       # detained is not a casualty
    ("In 2022 the war killed many in Ukraine.", []),                     # a year is not a count
    ("Russia has launched more than 8,000 drones since September 2022.", []),
])
def test_counts_in_wire_sentences(text, expected) -> None:
    assert [(c.kind, c.low, c.high) for c in find_casualties(text)] == expected


def test_counts_go_to_the_nearest_material_conflict_event_once() -> None:
    ev = code_text("BEIRUT, Sept 24 (Wire) - Israeli air strikes killed at least 492 people across Lebanon on Monday "
                   "and wounded more than 1,600, Lebanon's health minister said after meeting the UN envoy.",
                   published="2024-09-24").events
    hit = ev[ev["killed_min"].notna()]
    assert len(hit) == 1 and hit.iloc[0]["cameo_root"] in {"18", "19"}
    assert (hit.iloc[0]["killed_min"], hit.iloc[0]["injured_min"]) == (492, 1601)
    assert pd.isna(hit.iloc[0]["killed_max"])
    assert ev.loc[ev["cameo_root"].isin(["04"]), "killed_min"].isna().all()  # a meeting carries no casualties


def test_acled_fatalities_fill_killed(lex) -> None:
    ev = read_acled(SAMPLE, lexicon=lex).events
    side = acled_fatalities(SAMPLE, lexicon=lex).set_index("event_id")["fatalities"]
    got = ev.set_index("event_id")[["killed_min", "killed_max"]]
    assert (got["killed_min"] == side.reindex(got.index)).fillna(True).all()
    assert got["killed_min"].notna().any() and ev["injured_min"].isna().all()


def test_frames_written_before_the_columns_read_with_nulls(tmp_path) -> None:
    frames = code_text("Russian strikes killed 12 civilians in Kharkiv on Monday.", published="2024-05-20")
    folder = frames.write(tmp_path / "f")
    old = pd.read_parquet(folder / "events.parquet").drop(columns=["killed_min", "killed_max", "injured_min",
                                                                   "injured_max"])
    old.to_parquet(folder / "events.parquet")
    back = read_frames(folder).events
    at = list(back.columns).index("participants_max")
    assert list(back.columns)[at + 1:at + 5] == ["killed_min", "killed_max", "injured_min", "injured_max"]
    assert back["killed_min"].isna().all()


def test_frequency_weighted_by_casualties() -> None:
    ev = code_text("Israeli strikes killed 40 people in Gaza on Monday. Hamas fighters killed 3 Israeli soldiers "
                   "on Tuesday.", published="2024-01-10").events
    by_killed = incident_frequency(ev, freq="month", by=None, weight="killed")
    assert by_killed["value"].sum() == ev["killed_min"].fillna(0).sum() >= 40
    assert incident_frequency(ev, freq="month", by=None, weight="injured")["value"].sum() == 0

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analystkit
from analystkit import code_text

from .conftest import ROOT, triples


def test_code_text_returns_all_frames() -> None:
    f = code_text("Japan protested to China on Monday.", published="2024-06-20")
    assert len(f.documents) == 1 and len(f.sentences) == 1
    assert f.events.loc[0, "date"] == dt.datetime(2024, 6, 17)
    assert list(f.exchanges.columns)[:3] == ["exchange_id", "event_id", "doc_id"]


def test_every_event_explains_itself(seed_frames) -> None:
    ev, sents = seed_frames.events, seed_frames.sentences.set_index("sent_idx")
    assert len(ev) > 10
    for r in ev.itertuples():
        sentence = sents.loc[r.sent_idx]
        assert r.evidence == sentence.text
        assert sentence.start <= r.start < r.end <= sentence.end


def test_seed_has_the_key_events(seed_frames) -> None:
    got = set(triples(seed_frames))
    for key in [("RUS", "PRK", "SUPPORT"), ("KOR", "PRK", "THREATEN"), ("KOR", "RUS", "REQUEST"),
                ("RUS", "IGOUNO", "REJECT"), ("PRK", "RUS", "AID"), ("RUS", "VNM", "CONSULT")]:
        assert key in got, key
    ev = seed_frames.events
    assert ev.loc[ev["trigger"] == "sent", "date_precision"].tolist() == ["year"]
    assert ev.loc[ev["trigger"] == "visit", "modality"].tolist()[-1] == "planned"


def test_participants_and_location() -> None:
    ev = code_text("South Korea's military fired warning shots at 20 to 30 North Korean soldiers near the "
                   "Demilitarized Zone on Tuesday.", published="2024-06-20").events
    r = ev.iloc[0]
    assert (r.participants_min, r.participants_max, r.location) == (20, 30, "Demilitarized Zone")


def test_documents_or_rejects_for_every_input(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("T\n\nPublished: 1/2/2024\n\nSeoul protested.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Tokyo objected."}\n{broken\n', encoding="utf-8")
    f = analystkit.code([tmp_path])
    assert len(f.documents) + len(f.rejects) == 4
    assert f.documents.set_index("doc_id").loc["x", "note"].startswith("no publication date")
    assert f.events.loc[f.events["doc_id"] == "x", "date_precision"].eq("unknown").all()


def test_mixed_paths_and_texts() -> None:
    f = analystkit.code([ROOT / "seeds", "Seoul condemned Pyongyang on Monday."], published="2024-06-20")
    assert len(f.documents) == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.lists(st.sampled_from(["Seoul", "Pyongyang", "fired", "at", "the", "U.S.", "Putin", "and", "visit",
                                   "to", ",", ".", "on", "Monday", "North", "Korean", "soldiers", "'s", "his",
                                   "sanctions", "by", "urged", "\n\n", "—", "20", "30", "Kim", "both", "leaders"]),
                  max_size=60).map(" ".join))
def test_never_crashes_and_offsets_stay_inside(text: str) -> None:
    f = code_text(text or " ", published="2024-06-20")
    assert len(f.documents) + len(f.rejects) == 1
    if len(f.documents):
        body = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
        for r in f.sentences.itertuples():
            assert body[r.start:r.end] == r.text
        for r in f.events.itertuples():
            assert 0 <= r.start < r.end <= len(body)
        for r in f.mentions.itertuples():
            assert body[r.start:r.end] == r.surface

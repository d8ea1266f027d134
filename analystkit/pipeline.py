"""The coding pipeline: load -> segment -> actors -> events -> frames.

Documents are streamed: each is coded and reduced to rows before the next is read, so memory grows with the
frames, not with the corpus text.

Examples:
    >>> f = code_text("Russian President Vladimir Putin thanked North Korea for its support.",
    ...               published="2024-06-20")
    >>> f.events[["source_code", "target_code", "cameo_code", "plover"]].values.tolist()
    [['RUSGOV', 'PRK', '051', 'SUPPORT']]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from .actors import Mention, coordinated_groups, find_mentions
from .casualties import attach as attach_casualties
from .corpus import Document, Reject, iter_documents, iter_texts, list_files, parse_published
from .events import Event, code_sentence
from .exchanges import find_exchanges
from .frames import Frames, empty, from_records, schema
from .lexicon import Lexicon, load_lexicon
from .segment import split_sentences, tokenize

SCREENFUL = 40  # more documents than this get a progress bar
HISTORY_SENTENCES = 2  # references ("both leaders", "his") look this many sentences back


FLUSH_EVERY = 500  # documents; rows are turned into frame chunks this often, so Python objects stay bounded
FRAME_NAMES = ("documents", "sentences", "mentions", "events", "exchanges", "rejects")


class _Rows:
    """Rows of the six frames, turned into DataFrame chunks every FLUSH_EVERY documents."""

    def __init__(self) -> None:
        self.documents: list[tuple[Any, ...]] = []
        self.sentences: list[tuple[Any, ...]] = []
        self.mentions: list[tuple[Any, ...]] = []
        self.events: list[Event] = []
        self.exchanges: list[tuple[Any, ...]] = []
        self.rejects: list[tuple[Any, ...]] = []
        self._chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in FRAME_NAMES}

    def maybe_flush(self) -> None:
        if len(self.documents) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        for name in FRAME_NAMES:
            rows = getattr(self, name)
            if rows:
                self._chunks[name].append(from_records(name, rows, validate=False))
                rows.clear()

    def frames(self, *, validate: bool = True) -> Frames:
        self.flush()
        out = {}
        for name in FRAME_NAMES:
            chunks = self._chunks[name]
            frame = empty(name) if not chunks else chunks[0] if len(chunks) == 1 else \
                pd.concat(chunks, ignore_index=True)
            out[name] = schema(name).validate(frame) if validate else frame
        return Frames(**out)


DATELINE = re.compile(r"^\s*([A-Z][A-Z'’. ]{2,30}?)(,[^\n—–]{1,45})?\s+[—–-]{1,2}\s", re.MULTILINE)


def dateline_country(text: str, lex: Lexicon) -> str | None:
    """The country of the story's dateline: its capital ("SEOUL, Sept. 22 — ..."), a city the places lexicon
    knows, or a country named after the city ("EL FASHER, Sudan —"); None without a dateline.

    Examples:
        >>> from analystkit.lexicon import load_lexicon
        >>> lex = load_lexicon()
        >>> dateline_country("SEOUL, Sept. 22 — South Korea on Thursday ...", lex)
        'KOR'
        >>> dateline_country("GOMA, Congo, Jan 27 (Savanna Report) - Rebels ...", lex)
        'COD'
    """
    match = DATELINE.search(text[:600])
    if match is None:
        return None
    words = [w.capitalize() for w in match.group(1).split()]
    end, entries = lex.actors.longest(words, 0)
    if end == len(words) and entries and entries[0][0].form == "capital":
        return entries[0][0].country
    end, places = lex.places.longest(words, 0)
    if end == len(words) and places and places[0][1]:
        return str(places[0][1])
    after = (match.group(2) or "").lstrip(", ").split(",")[0].split()
    end, entries = lex.actors.longest(after, 0) if after else (0, [])
    if end and end == len(after) and entries and entries[0][0].kind == "state":
        return entries[0][0].country
    return None


def _party(code: str, name: str | None, country: str | None, role: str | None) -> Mention:
    return Mention(0, 0, 0, 0, name or code, code, name or code, country, role, "state" if country else "organisation",
                   0, None, None, True)


def code_document(doc: Document, lex: Lexicon, rows: _Rows) -> None:
    """Code one document into ``rows``."""
    sentences = split_sentences(doc.text)
    dateline = dateline_country(doc.text, lex)
    countries: Counter[str] = Counter()  # the countries the story has named, for bare sectors without a dateline
    recent: list[list[Mention]] = []
    seen: set[str] = set()
    groups: list[list[Mention]] = []
    roles_seen: dict[str, set[str]] = {}
    parties: dict[str, list[Mention]] = {}
    unrest = False  # a protest, or an event with the opposition on one side, has been reported
    for sentence in sentences:
        rows.sentences.append((doc.doc_id, sentence.idx, sentence.start, sentence.end, sentence.text))
        tokens = tokenize(sentence.text, sentence.start)
        history = [m for ms in recent for m in ms]
        home = dateline or (max(countries, key=countries.__getitem__) if countries else None)
        mentions = find_mentions(tokens, lex, on=doc.published, history=history, seen=seen, groups=groups,
                                 roles_seen=roles_seen, home=home, parties=parties)
        if len(mentions) > 1:
            groups.extend(coordinated_groups([m for m in mentions if not m.resolved]))
        seen.update(m.country for m in mentions if m.country)
        countries.update(m.country for m in mentions if m.country and not m.resolved and m.kind != "group")
        recent = (recent + [[m for m in mentions if not m.resolved]])[-HISTORY_SENTENCES:]
        home = home or (max(countries, key=countries.__getitem__) if countries else None)  # a first sentence
        # names it (max keeps the first of equal counts, as most_common does)
        for m in mentions:
            if not m.resolved:
                rows.mentions.append((doc.doc_id, sentence.idx, m.start, m.end, m.surface, m.code, m.name,
                                      m.country, m.role, m.kind))
        events = attach_casualties(code_sentence(doc.doc_id, sentence, tokens, mentions, lex,
                                                 published=doc.published, home=home, context=history,
                                                 unrest=unrest), sentence.text, sentence.start)
        unrest = unrest or any(ev.plover == "PROTEST" or "OPP" in (ev.source_role, ev.target_role) for ev in events)
        rows.events.extend(events)
        rows.exchanges.extend(find_exchanges(sentence, tokens, mentions, events, lex, doc.published))
        for ev in events:  # "the treaty", "the strikes" from here on: these actors
            named = [_party(ev.source_code, ev.source_name, ev.source_country, ev.source_role)]
            if ev.target_code:
                named.append(_party(ev.target_code, ev.target_name, ev.target_country, ev.target_role))
            for key in (ev.incident_type, ev.plover):
                if key:
                    parties[key] = named
    rows.documents.append((doc.doc_id, doc.title, doc.published, doc.source, doc.url, doc.path, len(sentences),
                           doc.text_sha256, doc.note))


LOOKS_LIKE_PATH = re.compile(r"^[^\s]*(?:/|\\)[^\s]*$|^[^\s]+\.(?:txt|md|jsonl|ndjson|json|html?|csv|tsv)$", re.I)


def _work_items(items: Iterable[str | Path]) -> list[str | Path]:
    """Expand folders to files so the number of documents to read is known up front; a string with no space
    that looks like a path ("articles/", "nosuch.txt") but does not exist is an error, not a one-word text."""
    out: list[str | Path] = []
    for item in items:
        if isinstance(item, str) and LOOKS_LIKE_PATH.match(item.strip()) and not Path(item.strip()).exists():
            raise FileNotFoundError(f"{item}: no such file or folder")
        if isinstance(item, Path) or (isinstance(item, str) and item.strip() and "\n" not in item and len(item) < 4096
                                      and Path(item).exists()):
            out.extend(list_files([item]))
        else:
            out.append(item)
    return out


def code(items: str | Path | Iterable[str | Path], *,
         lexicon: Lexicon | str | Path | Iterable[str | Path] | None = None,
         published: Any = None, progress: bool | None = None, validate: bool = True,
         default_lexicon: bool = True) -> Frames:
    """Code articles into frames.

    Args:
        items: paths (files or folders, read recursively) and/or article texts, in any mix.
        lexicon: a loaded :class:`Lexicon`, or the path(s) of lexicon files or folders to merge on the shipped ones
            (JSONL/YAML records or TABARI/PETRARCH/Phoenix dictionaries).
        default_lexicon: False codes with ``lexicon`` alone, without the shipped lexicons.
        published: publication date for texts that carry none of their own.
        progress: show a progress bar; by default only for more than a screenful of documents.
        validate: check every frame against its schema.

    Returns:
        :class:`Frames`: documents, sentences, mentions, events, exchanges, rejects.

    Raises:
        analystkit.corpus.InputError: a path does not exist.

    Examples:
        >>> frames = code(["Japan protested to China on Monday.", ""], published="2024-06-20")
        >>> len(frames.documents), frames.rejects["reason"].tolist()
        (1, ['empty document (no text)'])
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon, default=default_lexicon)
    if isinstance(items, (str, Path)):
        items = [items]
    work = _work_items(items)
    show = len(work) > SCREENFUL if progress is None else progress
    rows = _Rows()
    bar = tqdm(work, desc="coding", unit="file", disable=not show, file=sys.stderr)
    for record in iter_documents(bar, published=published):
        if isinstance(record, Reject):
            rows.rejects.append((record.doc_id, record.path, record.stage, record.reason))
            continue
        try:
            code_document(record, lex, rows)
        except Exception as exc:  # a coder bug must not lose the document: it is listed with the reason
            rows.rejects.append((record.doc_id, record.path, "code", f"{type(exc).__name__}: {exc}"))
        rows.maybe_flush()
    bar.close()
    return rows.frames(validate=validate)


def code_text(text: str, *, published: Any = None, title: str | None = None,
              lexicon: Lexicon | str | Path | Iterable[str | Path] | None = None,
              default_lexicon: bool = True) -> Frames:
    """Code one text (a sentence, a paragraph or a whole article).

    Args:
        text: the text; an article layout (seed header or front matter) is read as such.
        published: the publication date (date or string) that relative dates resolve against.
        title: an optional title for the documents frame.
        lexicon, default_lexicon: as in :func:`code`.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon, default=default_lexicon)
    rows = _Rows()
    for record in iter_texts([text], published=published):
        if isinstance(record, Reject):
            rows.rejects.append((record.doc_id, record.path, record.stage, record.reason))
        else:
            if title is not None:
                record = record._replace(title=title)
            code_document(record, lex, rows)
    return rows.frames()


def iter_events(texts: Iterable[str], *, published: dt.date | str | None = None,
                lexicon: Lexicon | None = None) -> Iterator[Event]:
    """Stream events from many texts without building frames (for very large inputs)."""
    lex = lexicon or load_lexicon()
    pub = parse_published(published)
    for text in texts:
        rows = _Rows()
        for record in iter_texts([text], published=pub):
            if isinstance(record, Document):
                code_document(record, lex, rows)
        yield from rows.events


def load(source: str | Path | Iterable[str | Path], **kwargs: Any) -> Frames:
    """Frames from a frames folder (written by ``analystkit code`` or ``analystkit import``), or else by coding
    ``source`` (paths and/or texts, as :func:`code` takes them). Notebooks use it so either kind of input works.

    Examples:
        >>> import tempfile
        >>> folder = code_text("Seoul protested.", published="2024-06-20").write(tempfile.mkdtemp())
        >>> len(load(folder).documents), len(load(["Tokyo protested."], published="2024-06-20").documents)
        (1, 1)
    """
    from .frames import read_frames

    if isinstance(source, (str, Path)) and Path(source).is_dir() and (Path(source) / "events.parquet").exists():
        return read_frames(source)
    return code(source, **kwargs)

"""Read articles from files, folders and strings into :class:`Document` records.

Three layouts are read (see ARCHITECTURE.md): the seed's plain-text layout (title line, optional
``N minute read``, ``Published: M/D/YYYY``, optional ``Source:`` and ``URL:`` lines, then paragraphs), Markdown
or text with a YAML front matter (title, published, source, url), and JSONL (one object per line with ``text``
and optionally id, title, published, source, url). Folders are read recursively.

Nothing is dropped silently: every input yields either a :class:`Document` or a :class:`Reject` with its reason.

Examples:
    >>> docs = list(iter_texts(["Seoul protested.\\n"], published="2024-06-20"))
    >>> docs[0].published, docs[0].text
    (datetime.date(2024, 6, 20), 'Seoul protested.')
    >>> parse_published("6/20/2024"), parse_published("2024-06-20"), parse_published("June 20, 2024")
    (datetime.date(2024, 6, 20), datetime.date(2024, 6, 20), datetime.date(2024, 6, 20))
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".jsonl", ".ndjson"}


class Document(NamedTuple):
    doc_id: str
    title: str | None
    published: dt.date | None
    source: str | None
    url: str | None
    path: str | None
    text: str
    text_sha256: str
    note: str | None


class Reject(NamedTuple):
    doc_id: str | None
    path: str | None
    stage: str
    reason: str


class InputError(ValueError):
    """An input path cannot be used at all (missing, unreadable); the message is one line."""


def parse_published(value: Any) -> dt.date | None:
    """Parse a publication date in the usual layouts; None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d",
                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _make(text: str, *, doc_id: str | None, title: Any, published: Any, source: Any, url: Any,
          path: str | None) -> Document | Reject:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
    digest = sha256(text)
    ident = doc_id or digest[:16]
    if not text.strip():
        return Reject(ident if doc_id else None, path, "load", "empty document (no text)")
    date = parse_published(published)
    note = None
    if date is None:
        note = ("no publication date; events dated 'unknown'" if published in (None, "")
                else f"unreadable publication date {published!r}; events dated 'unknown'")
    return Document(ident, _str(title), date, _str(source), _str(url), path, text, digest, note)


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value).strip()


# --------------------------------------------------------------------------------------------- layouts
_PUBLISHED_RE = re.compile(r"^\s*Published:\s*(.+?)\s*$", re.I)
_READ_RE = re.compile(r"^\s*\d+\s+min(?:ute)?s?\s+read\s*$", re.I)
_FIELD_RE = re.compile(r"^\s*(Source|URL|By|Author):\s*(.+?)\s*$", re.I)


def parse_article(raw: str, *, path: str | None = None, published: Any = None) -> Document | Reject:
    """Parse one article in the seed layout or with a YAML front matter."""
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if raw.startswith("---\n"):
        end = raw.find("\n---", 4)
        if end < 0:
            return Reject(None, path, "load", "front matter opened with '---' is never closed")
        try:
            meta = yaml.safe_load(raw[4:end]) or {}
        except yaml.YAMLError as exc:
            return Reject(None, path, "load", f"front matter is not valid YAML: {str(exc).splitlines()[0]}")
        if not isinstance(meta, dict):
            return Reject(None, path, "load", "front matter is not a mapping of fields")
        body = raw[raw.find("\n", end + 1) + 1:] if raw.find("\n", end + 1) >= 0 else ""
        return _make(body, doc_id=_str(meta.get("id")), title=meta.get("title"),
                     published=meta.get("published", meta.get("date", published)),
                     source=meta.get("source"), url=meta.get("url"), path=path)
    lines = raw.split("\n")
    fields: dict[str, str] = {}
    title = None
    header_end = 0
    for n, line in enumerate(lines[:12]):
        if not line.strip():
            continue
        if m := _PUBLISHED_RE.match(line):
            fields["published"] = m.group(1)
        elif m := _FIELD_RE.match(line):
            fields[m.group(1).lower()] = m.group(2)
        elif _READ_RE.match(line):
            pass
        elif title is None and "published" not in fields:
            title = line.strip()
        elif line.strip() == title:  # the title repeated, as scraped pages often have it
            pass
        else:
            break
        header_end = n + 1
    if "published" not in fields:  # not the seed layout: the whole file is text
        title, header_end = None, 0
    body = "\n".join(lines[header_end:])
    return _make(body, doc_id=None, title=title, published=fields.get("published", published),
                 source=fields.get("source"), url=fields.get("url"), path=path)


def parse_jsonl(raw: str, *, path: str | None = None, published: Any = None) -> Iterator[Document | Reject]:
    """One document per JSON line; a malformed line is a reject naming the file and line; ``published`` dates the
    records that carry no date of their own."""
    for n, line in enumerate(raw.lstrip("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}" if path else f"line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(None, where, "load", f"not valid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Reject(None, where, "load", "a JSONL record must be an object")
            continue
        if not isinstance(record.get("text"), str):
            yield Reject(_str(record.get("id")), where, "load", "record has no 'text' string")
            continue
        yield _make(record["text"], doc_id=_str(record.get("id")), title=record.get("title"),
                    published=record.get("published", record.get("date", published)), source=record.get("source"),
                    url=record.get("url"), path=path)


# --------------------------------------------------------------------------------------------- decoding
def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason). UTF-8 with or without BOM first; other encodings are detected, and then the
    second value says which was used ("decoded as cp1252, not UTF-8"), for the document's note."""
    if not data.strip():
        return None, "empty file"
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:  # the usual legacy encoding of news text (Windows Latin-1); detection guesses badly on short texts
        text = data.decode("cp1252")
        if not any(ord(c) < 32 and c not in "\r\n\t\f" for c in text):
            return text, "decoded as cp1252, not UTF-8: check the text"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        return None, "not UTF-8, and no other text encoding fits"
    return str(best), f"decoded as {best.encoding}, not UTF-8: check the text"


# --------------------------------------------------------------------------------------------- entry points
def list_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read, folders expanded recursively (hidden files and unknown suffixes skipped in folders).

    Raises:
        InputError: a path does not exist.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                                and f.name.lower() != "readme.md"))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def iter_file(path: Path, *, published: Any = None) -> Iterator[Document | Reject]:
    """Documents (or rejects) from one file; ``published`` dates the documents that carry no date of their own."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(None, name, "load", f"cannot read file: {exc.strerror}")
        return
    text, reason = decode(data)
    if text is None:
        yield Reject(None, name, "load", reason or "unreadable")
        return
    docs = parse_jsonl(text, path=name, published=published) if path.suffix.lower() in {".jsonl", ".ndjson"} \
        else [parse_article(text, path=name, published=published)]
    for doc in docs:
        if reason and isinstance(doc, Document):  # the encoding guessed: said in the document's note
            doc = doc._replace(note="; ".join(n for n in (doc.note, reason) if n))
        yield doc


def iter_texts(texts: Iterable[str], *, published: Any = None) -> Iterator[Document | Reject]:
    """Documents from strings (each in any of the article layouts)."""
    for text in texts:
        yield parse_article(text, published=published)


def iter_documents(items: Iterable[str | Path], *, published: Any = None) -> Iterator[Document | Reject]:
    """Documents from a mix of paths and raw texts, with duplicates by content turned into rejects.

    A string that names an existing file or folder is read from disk; any other string is article text.
    """
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for item in items:
        if isinstance(item, Path) or (isinstance(item, str) and item.strip() and "\n" not in item and len(item) < 4096
                                      and Path(item).exists()):
            stream: Iterable[Document | Reject] = (r for f in list_files([item])
                                                   for r in iter_file(f, published=published))
        else:
            stream = iter_texts([str(item)], published=published)
        for rec in stream:
            if isinstance(rec, Document):
                if rec.text_sha256 in seen:
                    rec = Reject(rec.doc_id, rec.path, "load", f"duplicate content of document {seen[rec.text_sha256]}")
                elif rec.doc_id in ids:
                    rec = Reject(rec.doc_id, rec.path, "load",
                                 f"duplicate id {rec.doc_id!r} with different content (first in {ids[rec.doc_id]})")
                else:
                    seen[rec.text_sha256] = rec.doc_id
                    ids[rec.doc_id] = rec.path or "text"
            yield rec

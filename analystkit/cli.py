"""The ``analystkit`` command: code, import, evaluate, lexicon, store.

Exit status: 0 on success; 1 when the run produced nothing usable (every document rejected); 2 on unusable
input (missing path, malformed lexicon or gold, a named file that is not the export asked for), always with a
one-line reason on stderr.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analystkit")
def main() -> None:
    """Code news articles into source-linked political events (CAMEO, PLOVER, Goldstein)."""


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for the frames.")
@click.option("--lexicon", "lexicon", type=click.Path(), multiple=True,
              help="A lexicon file or folder merged over the shipped ones: JSONL/YAML records, or TABARI/PETRARCH/"
                   "Phoenix dictionary files (told apart by content). Repeatable.")
@click.option("--no-default-lexicon", "no_default", is_flag=True,
              help="Code with the --lexicon files alone, without the shipped lexicons.")
@click.option("--published", default=None, help="Publication date for documents that carry none (YYYY-MM-DD).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when over 40 files).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; more than 1 codes in parallel (same frames).")
@click.option("--scheduler", default=None, metavar="ADDRESS|local",
              help="Code on a Dask cluster (or 'local'); OUT gets <frame>/part-NNNNN.parquet partitions.")
def code_cmd(paths: tuple[str, ...], out: str, lexicon: tuple[str, ...], no_default: bool, published: str | None,
             progress: bool | None, workers: int, scheduler: str | None) -> None:
    """Code PATHS (files or folders, read recursively) and write the six frames to OUT as Parquet."""
    from .corpus import InputError
    from .lexicon import LexiconError, load_lexicon
    from .pipeline import code

    for p in paths:
        if not Path(p).exists():
            _fail(f"{p}: no such file or folder")
    if published is not None:
        from .corpus import parse_published

        if parse_published(published) is None:
            _fail(f"--published {published}: not a date (YYYY-MM-DD)")
    try:
        lex = load_lexicon(lexicon, default=not no_default)
    except LexiconError as exc:
        _fail(str(exc))
    started = time.perf_counter()
    try:
        if scheduler:
            from .parallel import code_dask, read_partitioned
            folder = code_dask(list(paths), scheduler=scheduler, out=out, lexicon=lex, published=published)
            frames = read_partitioned(folder)
        elif workers > 1:
            from .parallel import code_parallel
            frames = code_parallel(list(paths), workers=workers, lexicon=lex, published=published)
        else:
            frames = code(list(paths), lexicon=lex, published=published, progress=progress)
    except InputError as exc:
        _fail(str(exc))
    except OSError as exc:  # a scheduler that cannot be reached (timeouts are OSErrors)
        _fail(f"scheduler {scheduler}: {exc}" if scheduler else str(exc))
    if scheduler:
        kind = "<frame>/part-NNNNN.parquet partitions"
    else:
        folder = frames.write(out)
        kind = "documents, sentences, mentions, events, exchanges, rejects .parquet"
    seconds = time.perf_counter() - started
    click.echo(frames.summary())
    click.echo(f"wrote {folder}/ ({kind}) in {seconds:.1f} s")
    if len(frames.documents) == 0:
        where = f"{folder}/rejects/" if scheduler else f"{folder}/rejects.parquet"
        _fail(f"no document could be coded ({len(frames.rejects)} rejected; see {where})", 1)


@main.command("import")
@click.argument("kind", type=click.Choice(["gdelt", "acled"]))
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for the frames.")
def import_cmd(kind: str, paths: tuple[str, ...], out: str) -> None:
    """Import GDELT event exports or ACLED CSV exports (files, folders, globs; .zip too) into the six frames.

    Malformed rows are listed in rejects.parquet with FILE:LINE and the reason; a file that is not the export
    named stops the run with a one-line error (exit 2).
    """
    from .corpus import InputError

    started = time.perf_counter()
    try:
        if kind == "gdelt":
            from .gdelt import read_gdelt
            frames = read_gdelt(list(paths))
        else:
            from .acled import read_acled
            frames = read_acled(list(paths))
    except InputError as exc:  # ImportFormatError is an InputError
        _fail(str(exc))
    folder = frames.write(out)
    seconds = time.perf_counter() - started
    click.echo(frames.summary())
    click.echo(f"wrote {folder}/ (documents, sentences, mentions, events, exchanges, rejects .parquet) "
               f"in {seconds:.1f} s")
    if len(frames.events) == 0 and len(frames.rejects):
        _fail(f"no event could be imported ({len(frames.rejects)} rejected; see {folder}/rejects.parquet)", 1)


@main.command("evaluate")
@click.option("--gold", required=True, type=click.Path(), help="A gold file or folder of *.gold.yaml.")
@click.option("--pred", required=True, type=click.Path(), help="A frames folder written by `analystkit code`.")
@click.option("--misses", is_flag=True, help="List every missed and spurious event.")
@click.option("--by", "by", multiple=True, metavar="scope|FIELD",
              help="Also print scores per group: 'scope' (domestic / international) or a gold-file field "
                   "such as 'theatre'. Repeatable.")
def evaluate_cmd(gold: str, pred: str, misses: bool, by: tuple[str, ...]) -> None:
    """Precision, recall and F1 of coded events against hand-annotated gold, lenient and strict."""
    from .evaluate import GoldError, breakdown, evaluate, report

    if not Path(gold).exists():
        _fail(f"{gold}: no such gold file or folder")
    if not Path(pred).is_dir():
        _fail(f"{pred}: not a frames folder (run `analystkit code ... --out {pred}` first)")
    try:
        table, total = evaluate(gold, pred)
    except GoldError as exc:
        _fail(str(exc))
    click.echo(report(table, total, misses=misses))
    for key in by:
        click.echo(f"\nby {key}:")
        click.echo(breakdown(gold, pred, by=key).to_string(index=False, float_format=lambda x: f"{x:.2f}"))


@main.command("lexicon")
@click.option("--lexicon", "lexicon", type=click.Path(), multiple=True,
              help="Your own lexicon file or folder to check (JSONL/YAML or a TABARI/PETRARCH dictionary). Repeatable.")
@click.option("--no-default-lexicon", "no_default", is_flag=True, help="Check the --lexicon files alone.")
@click.option("--unused", "unused", type=click.Path(), default=None,
              help="A frames folder: list the event patterns that never started an event in it.")
def lexicon_cmd(lexicon: tuple[str, ...], no_default: bool, unused: str | None) -> None:
    """Check the lexicons (and your own files) and print what they hold, by source."""
    from .lexicon import LexiconError, load_lexicon

    try:
        lex = load_lexicon(lexicon, default=not no_default)
    except LexiconError as exc:
        _fail(str(exc))
    if unused is not None:
        _unused_patterns(unused, lex)
        return
    sources = sorted({s for s, _ in lex.by_source})
    tables = [t for t in lex.counts if any((s, t) in lex.by_source for s in sources)]
    width = max([len(s) for s in sources] + [6])
    click.echo(f"{'source':<{width}}  " + "  ".join(f"{t:>10}" for t in tables))
    for s in sources:
        click.echo(f"{s:<{width}}  " + "  ".join(f"{lex.by_source.get((s, t), 0):>10,}" for t in tables))
    click.echo(f"{'in use':<{width}}  " + "  ".join(f"{lex.counts[t]:>10,}" for t in tables))
    click.echo("(in use: after your own records replace the same pattern from another source)")
    click.echo("files: " + ", ".join(lex.sources))


def _unused_patterns(folder: str, lex: object) -> None:
    from .events import patterns_fired
    from .frames import read_frames

    if not Path(folder).is_dir():
        _fail(f"{folder}: no such frames folder")
    try:
        frames = read_frames(folder)
    except (OSError, ValueError) as exc:
        _fail(f"{folder}: cannot read frames: {str(exc).splitlines()[0]}")
    starts = set(zip(frames.events["doc_id"], frames.events["start"].astype(int), strict=True))
    sentences = zip(frames.sentences["doc_id"], frames.sentences["start"].astype(int), frames.sentences["text"],
                    strict=True)
    fired = patterns_fired(list(sentences), starts, lex)  # type: ignore[arg-type]
    patterns = {(p.pattern, p.pos, p.cameo): p for index in (lex.events, lex.own_events)  # type: ignore[attr-defined]
                for p in index.payloads()}
    never = sorted(key for key in patterns if key not in fired)
    for pattern, pos, cameo in never:
        tier = "converted" if patterns[(pattern, pos, cameo)].tier else "own"
        click.echo(f"{cameo:<5} {pos:<4} {tier:<9} {pattern}")
    click.echo(f"{len(never):,} of {len(patterns):,} event patterns never started an event in {folder} "
               f"({len(patterns) - len(never):,} did)")


@main.group("store")
def store_cmd() -> None:
    """An embedded DuckDB event store (one file): add frames folders to it, or rebuild it from one."""


def _store_verb(db: str, folder: str, rebuild: bool) -> None:
    from .frames import read_frames
    from .store import EventStore

    if not Path(folder).is_dir():
        _fail(f"{folder}: no such frames folder")
    if not Path(db).parent.is_dir():
        _fail(f"{Path(db).parent}: no such folder for the store")
    started = time.perf_counter()
    try:
        with EventStore(db) as store:
            if rebuild:
                n = store.rebuild(folder)
                click.echo(f"rebuilt {db} from {folder}/: {n} events in {time.perf_counter() - started:.1f} s")
            else:
                n = store.append(read_frames(folder))
                click.echo(f"added {n} events to {db} in {time.perf_counter() - started:.1f} s")
    except Exception as exc:  # a corrupt store or Parquet file: one line, not a traceback
        _fail(f"{db}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


@store_cmd.command("add")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("folder", type=click.Path())
def store_add_cmd(db: str, folder: str) -> None:
    """Append the frames folder FOLDER to the store DB (created when missing); rows already stored are skipped."""
    _store_verb(db, folder, rebuild=False)


@store_cmd.command("rebuild")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("folder", type=click.Path())
def store_rebuild_cmd(db: str, folder: str) -> None:
    """Drop everything in the store DB and reload it from the Parquet frames folder FOLDER."""
    _store_verb(db, folder, rebuild=True)


if __name__ == "__main__":
    main()

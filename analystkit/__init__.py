"""analystkit: code news articles into source-linked political events, in pandas frames.

The names an analyst needs are exported here; everything else is reachable by module.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Document, InputError, Reject
from .evaluate import evaluate
from .frames import Frames, empty, read_frames, schema
from .frequency import dedupe_events, drill_down, find_spikes, incident_frequency
from .lexicon import Lexicon, LexiconError, load_lexicon
from .pipeline import code, code_text, load

__all__ = [
    "Document", "Frames", "InputError", "Lexicon", "LexiconError", "Reject", "code", "code_text", "dedupe_events",
    "drill_down", "empty", "evaluate", "find_spikes", "incident_frequency", "load", "load_lexicon", "read_frames",
    "schema", "__version__",
]

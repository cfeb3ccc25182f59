"""Reading clock times as written in notes and the rubric.

``read_clock`` understands every form found in the notes and says how sure it is:
a clean reading, a repair whose intent is clear (reported as a notice), or a failure
(reported as a warning, and the time is never linked).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

HMS = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})\Z")
MS = re.compile(r"(\d{1,2}):(\d{2})\Z")
FOUR_PART_ZERO = re.compile(r"(\d{1,2}):(\d{2}):(\d{2}):00\Z")
STRICT_HMS = re.compile(r"(\d{2}):([0-5]\d):([0-5]\d)\Z")


@dataclass(frozen=True)
class ClockReading:
    seconds: int | None  # None: not understood
    three_part: bool  # written as H:MM:SS (the only form a whole-note shift applies to)
    repair: str = ""  # how an odd form was read, for a notice
    problem: str = ""  # why it could not be read, for a warning


def _hms(hours: str, minutes: str, seconds: str) -> int | None:
    m, s = int(minutes), int(seconds)
    if m >= 60 or s >= 60:
        return None
    return int(hours) * 3600 + m * 60 + s


@functools.lru_cache(maxsize=4096)  # notes repeat the same few thousand times many times over
def read_clock(raw: str) -> ClockReading:
    """Read ``H:MM:SS``, ``M:SS``, and the repairable odd forms of the notes."""
    text = raw.strip()
    stripped = text.strip("[]() \t")
    if stripped != text:
        reading = read_clock(stripped)
        if reading.seconds is not None and not reading.repair:
            return ClockReading(reading.seconds, reading.three_part, f"stray brackets around '{stripped}'")
        return reading
    if m := HMS.match(text):
        seconds = _hms(*m.groups())
        if seconds is None:
            return ClockReading(None, True, problem=f"'{text}' has minutes or seconds past 59")
        return ClockReading(seconds, True)
    if m := MS.match(text):
        seconds = _hms("0", *m.groups())
        if seconds is None:
            return ClockReading(None, False, problem=f"'{text}' has minutes or seconds past 59")
        return ClockReading(seconds, False)
    if m := FOUR_PART_ZERO.match(text):
        seconds = _hms(*m.groups())
        if seconds is not None:
            return ClockReading(seconds, False, f"four-part '{text}' read as {format_clock(seconds)}")
    return ClockReading(None, False, problem=f"'{text}' is not a time (expected HH:MM:SS)")


def format_clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def read_strict_clock(text: str) -> int | None:
    """``HH:MM:SS`` exactly (two digits each): the form rubric citations and durations use."""
    m = STRICT_HMS.match(text)
    return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) if m else None


def unshift(seconds: int) -> int:
    """A time written ``MM:SS:00`` (so read as MM hours, SS minutes) back to MM minutes, SS seconds."""
    return seconds // 60

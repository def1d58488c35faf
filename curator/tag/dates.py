"""Dates to aware datetimes: ISO 8601 from metadata, free text from datelines, and the date
in a URL path. A value keeps the zone it was written in, so its day is the publisher's day
(the record stores the instant in UTC); values without a zone are taken as UTC (we cannot
know better, and a constant rule keeps the same page giving the same timestamp)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from ..record import format_datetime

# Month names and common abbreviations in the languages of the sample corpus.
MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january jan janvier janv januar jän enero ene gennaio gen janeiro janeiro januari",
        "february feb février fevrier févr fevr februar febrero febbraio fev fevereiro februari",
        "march mar mars märz maerz marzo março marco maart mrt",
        "april apr avril avr abril aprile aprile",
        "may mai mayo maggio mag maio mei",
        "june jun juin juni junio giugno giu junho",
        "july jul juillet juil juli julio luglio lug julho",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre set settembre setembro",
        "october oct octobre oktober okt octubre ottobre ott outubro",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _i)

# Zone abbreviations seen in datelines; ambiguous ones (IST, CST) take the news-common reading.
ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
    "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
    "pdt": -7, "pt": -8, "ist": 5.5, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "sgt": 8, "hkt": 8,
}  # fmt: skip

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TIME = r"(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_ZONE = r"(?:\s*(?P<zone>[A-Za-z]{1,4}\b|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?))?"
_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})",
    re.I,
)
_MDY = re.compile(
    rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I
)
_ISO_IN_TEXT = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<rest>\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?))?"
)
_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b")
_TIME_AFTER = re.compile(rf"^[\s,|·–-]*(?:at\s+|à\s+|um\s+|a\s+las\s+|-\s*)?{_TIME}{_ZONE}", re.I)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|-|$|\.)"
)
_URL_DATE_COMPACT = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:/|-|_)"
)


def ascii_digits(text: str) -> str:
    """Digits of any script as ASCII ("২০২০" -> "2020"): ``\\d`` matches them all, but
    ``int`` and ``fromisoformat`` read only ASCII ones. Non-ASCII text only pays for this."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _fromiso(value: str) -> datetime | None:
    text = ascii_digits(value.strip())
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0100 -> +01:00
    text = re.sub(r"\.\d+", "", text.replace("Z", "+00:00").replace("z", "+00:00"))
    try:
        return aware(datetime.fromisoformat(text))
    except ValueError:
        return None


def parse_iso(value: str | None) -> datetime | None:
    """ISO 8601 (and the common 'YYYY-MM-DD HH:MM:SS' / '+0100' variants), else the first date
    in the text, or None. The value keeps the zone it was written in (the publisher's day);
    one without a zone is UTC."""
    if not value or not isinstance(value, str):
        return None
    return _fromiso(value) or parse_text_date(value)


def aware(value: datetime) -> datetime:
    """``value`` with its own zone, or UTC when it has none."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def to_utc(value: datetime) -> datetime:
    return aware(value).astimezone(UTC)


def _zone(name: str | None) -> timezone:
    if not name:
        return UTC
    low = name.lower()
    if low in ZONES:
        return timezone(timedelta(hours=ZONES[low]))
    m = re.match(r"^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$", low)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    return UTC


_TIME_BEFORE = re.compile(rf"{_TIME}{_ZONE}[\s,|·–-]*(?:[A-Za-zäéû]{{2,10}}\.?,?\s*)?$", re.I)
_LINE_ZONE = re.compile(r"\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\s*\b(?P<zone>[A-Z]{2,4})\b")


def line_zone(line: str) -> timezone | None:
    """The zone a line states next to any time ("12:00 CET"): applies to its other times."""
    for m in _LINE_ZONE.finditer(line):
        if m["zone"].lower() in ZONES:
            return _zone(m["zone"])
    return None


def _time_after(
    text: str, before: str = "", default: tzinfo | None = None
) -> tuple[int, int, int, tzinfo]:
    """The time after a date ("3 May 2024, 10:05 GMT"), else just before it ("11:30am, Thu
    12 March 2026"); midnight when there is none. ``default`` is the zone for a bare time."""
    m = _TIME_AFTER.match(text) or _TIME_BEFORE.search(before[-40:])
    if not m:
        return 0, 0, 0, UTC
    hour = int(m.group("h"))
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = m.group("zone")
    if (
        zone
        and zone.lower() not in ZONES
        and zone[0] not in "+-"
        and not zone.lower().startswith(("utc", "gmt"))
    ):
        zone = None  # a word after the time ("Uhr", "ET" is known), not a zone
    tz = _zone(zone) if zone else (default or UTC)
    return hour, int(m.group("mi")), int(m.group("s") or 0), tz


def _build(
    y: int, mo: int, d: int, tail: str, before: str = "", default: tzinfo | None = None
) -> datetime | None:
    h, mi, s, tz = _time_after(tail, before, default)
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=tz)
    except ValueError:
        return None


def parse_text_date(text: str | None, default: tzinfo | None = None) -> datetime | None:
    """The first date in free text ('3 March 2024, 10:05 GMT', 'Mar. 3, 2024 at 9:00 a.m. ET',
    '2024-03-03T10:05:00+01:00', '03.03.2024 14:00'), in UTC; numeric dates are read day first."""
    if not text:
        return None
    text = ascii_digits(text)
    found = []
    for pattern in (_ISO_IN_TEXT, _DMY, _MDY, _NUMERIC):
        m = pattern.search(text)
        if m:
            found.append((m.start(), pattern, m))
    if not found:
        return None
    _, pattern, m = min(found, key=lambda f: f[0])
    if pattern is _ISO_IN_TEXT:
        if m.group("rest"):  # never back to parse_iso: that would call this again
            return _fromiso(m.group(0).replace(" ", "T"))
        return _build(
            int(m["y"]), int(m["m"]), int(m["d"]), text[m.end() :], text[: m.start()], default
        )
    month = int(m["m"]) if pattern is _NUMERIC else MONTHS[m["mon"].lower().rstrip(".")]
    return _build(int(m["y"]), month, int(m["d"]), text[m.end() :], text[: m.start()], default)


# "2 hours ago", "il y a 3 heures", "vor 2 Stunden", "hace 3 horas": how far back from the
# fetch time. Units are recognised by their start, in the four languages.
_RELATIVE = re.compile(
    r"\b(?:(?P<n1>\d+|an?|one)\s+(?P<u1>min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\s+ago"
    r"|il y a\s+(?P<n2>\d+|une?)\s+(?P<u2>minutes?|heures?|jours?|semaines?)"
    r"|vor\s+(?P<n3>\d+|einer|einem)\s+(?P<u3>Minuten?|Stunden?|Tag(?:en)?|Wochen?)"
    r"|hace\s+(?P<n4>\d+|una?)\s+(?P<u4>minutos?|horas?|d[ií]as?|semanas?))\b",
    re.I,
)
_UNIT_SECONDS = (
    (("min",), 60), (("h", "heure", "stund"), 3600), (("d", "jour", "tag"), 86400),
    (("w", "semaine", "woche", "semana"), 604800),
)  # fmt: skip


def relative_date(text: str | None, now: datetime | None) -> datetime | None:
    """``now`` less the span a relative stamp names ("Updated 45 minutes ago"), or None."""
    m = _RELATIVE.search(text or "")
    if m is None or now is None:
        return None
    number = next(g for g in (m["n1"], m["n2"], m["n3"], m["n4"]) if g)
    unit = next(g for g in (m["u1"], m["u2"], m["u3"], m["u4"]) if g).lower()
    count = int(number) if number.isdigit() else 1
    seconds = next(s for starts, s in _UNIT_SECONDS if unit.startswith(starts))
    return to_utc(now) - timedelta(seconds=count * seconds)


def url_date(url: str | None) -> datetime | None:
    """The date in a URL path (/2024/03/15/ or /20240315/), midnight UTC."""
    if not url:
        return None
    m = _URL_DATE.search(url) or _URL_DATE_COMPACT.search(url)
    if not m:
        return None
    try:
        return datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=UTC)
    except ValueError:
        return None


def iso(value: datetime | None) -> str | None:
    return format_datetime(value)

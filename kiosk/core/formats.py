"""Dates and times written the way the interface language writes them (no locale needed)."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.i18n import current_language

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def format_day(day: date, *, weekday: bool = True, language: str | None = None) -> str:
    """``vendredi 27 octobre 2023`` / ``Friday 27 October 2023``."""
    language = language or current_language()
    text = f"{day.day} {_MONTHS[language][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[language][day.weekday()]} {text}" if weekday else text


def format_day_range(first: date, last: date, *, language: str | None = None) -> str:
    """``25–27 octobre 2023``, or both full dates when months differ."""
    if first == last:
        return format_day(first, weekday=False, language=language)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_day(last, weekday=False, language=language)}"
    return f"{format_day(first, weekday=False, language=language)} – {format_day(last, weekday=False, language=language)}"


def format_moment(instant: datetime | None, *, year: bool = False) -> str:
    """``27/10 08:41`` (or ``27/10/2023 08:41``) for a local instant; "" for none."""
    if instant is None:
        return ""
    return instant.strftime("%d/%m/%Y %H:%M" if year else "%d/%m %H:%M")


def format_clock(instant: datetime) -> str:
    """``08:41`` (the instant must already be local)."""
    return instant.strftime("%H:%M")

"""Interface language: French source strings, other languages from JSON catalogues.

Every visible string is written in French inside ``_("...")``; the English catalogue
(``resources/i18n/en/*.json``, one file per area, merged) maps each French string to its
translation. A test checks that every ``_()`` literal in the package has an English
entry, so nothing is left untranslated. Qt-free, so the command line shares it.
"""

from __future__ import annotations

import json
from functools import cache

from kiosk.paths import resource

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_current = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> dict[str, str]:
    if language == DEFAULT_LANGUAGE:
        return {}
    merged: dict[str, str] = {}
    for path in sorted(resource("i18n", language).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _current = language


def current_language() -> str:
    return _current


def _(text: str) -> str:
    """Translate a French source string into the current language."""
    return catalogue(_current).get(text, text)

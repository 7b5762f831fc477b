"""Text rules shared by search, duplicate checks, import matching and validation.

``fold`` makes "Ndèye", "NDEYE" and "ndeye" equal; ``name_key`` makes "N'Diaye Fatou"
and "fatou ndiaye" equal; phones become E.164 (+221 when no country is given), e-mail
addresses are checked and lower-cased. Errors are ``ValueError`` with a French message
that names the field.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from kiosk.i18n import _

DEFAULT_PHONE_REGION = "SN"
# Letters NFKD does not decompose: Wolof/Pulaar hooked letters and a few ligatures.
_EXTRA_FOLDS = str.maketrans(
    {"ŋ": "ng", "ɓ": "b", "ɗ": "d", "ƴ": "y", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l"}
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.,_/]+")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def fold(text: str) -> str:
    """Lower case, no accents, hooked letters spelled plainly: ``Ŋagne`` -> ``ngagne``."""
    lowered = text.casefold().translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    """Folded words, split on spaces, hyphens and apostrophes: ``N'Diaye`` -> ``n``, ``diaye``."""
    return [token for token in _SEPARATORS.split(fold(text)) if token]


def compact(text: str) -> str:
    """Folded with every separator removed: ``N'Diaye`` and ``Ndiaye`` -> ``ndiaye``."""
    return "".join(tokens(text))


def name_key(first_name: str, last_name: str) -> str:
    """Same key for the same person's name whatever accents, case, order or hyphens."""
    return " ".join(sorted(compact(part) for part in (first_name, last_name) if compact(part)))


def normalise_phone(text: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """E.164 form of a phone number (``77 123 45 67`` -> ``+221771234567``); "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("Téléphone illisible : {value}").format(value=text)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(_("Numéro de téléphone invalide : {value}").format(value=text))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored E.164 number written for reading: ``+221 77 123 45 67``."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(text: str) -> str:
    """A checked, lower-cased e-mail address; "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    if len(text) > 254 or not _EMAIL.match(text):
        raise ValueError(_("Adresse e-mail invalide : {value}").format(value=text))
    return text.lower()

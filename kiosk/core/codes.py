"""Participant codes: short, ASCII, unambiguous, with a check character.

The alphabet leaves out the letters read as digits (O, I) and those that a
QWERTY-configured scanner types differently on an AZERTY laptop (A/Q, W/Z, M). So a code
survives a badly configured scanner once the digits are mapped back (``&é"'(-è_çà`` are
AZERTY's unshifted ``1234567890``) and case is folded. Its 29 characters are a prime
count, so the last character, a weighted sum modulo 29 with distinct weights, catches
any single wrong character and any swap of two characters.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789BCDEFGHJKLNPRSTUVXY"
BODY_LENGTH = 5
CODE_LENGTH = BODY_LENGTH + 1
_INDEX = {char: index for index, char in enumerate(ALPHABET)}
# AZERTY's digit row without Shift, and the capitals Caps Lock gives on Linux (É È Ç À).
_AZERTY_DIGITS = str.maketrans("&é\"'(-è_çàÉÈÇÀ", "12345678902790")


_MODULUS = len(ALPHABET)  # 29, a prime
_CHECK_WEIGHT = BODY_LENGTH + 1


def check_character(body: str) -> str:
    """The character c making sum(weight_i * value_i) + 6 * c divisible by 29 (weights 1..5)."""
    total = sum((position + 1) * _INDEX[char] for position, char in enumerate(body))
    # c = -total / 6 (mod 29); pow(6, -1, 29) is the inverse of the check weight.
    return ALPHABET[(-total * pow(_CHECK_WEIGHT, -1, _MODULUS)) % _MODULUS]


def new_code(taken: set[str] | None = None) -> str:
    """A random valid code, not in ``taken``."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
        code = body + check_character(body)
        if taken is None or code not in taken:
            return code


def is_valid(code: str) -> bool:
    return (
        len(code) == CODE_LENGTH
        and all(char in _INDEX for char in code)
        and check_character(code[:-1]) == code[-1]
    )


def normalise_scan(text: str) -> str | None:
    """The code a scanner or a person typed, repaired for case, AZERTY digits, spaces; None if not a code."""
    candidate = text.strip().translate(_AZERTY_DIGITS).upper().replace(" ", "")
    return candidate if is_valid(candidate) else None

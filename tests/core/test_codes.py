import itertools

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import codes

bodies = st.text(alphabet=codes.ALPHABET, min_size=codes.BODY_LENGTH, max_size=codes.BODY_LENGTH)


def test_alphabet_avoids_confusable_and_layout_dependent_characters():
    for char in "IOAQWZM":
        assert char not in codes.ALPHABET
    assert all(char.isascii() for char in codes.ALPHABET)


@given(bodies)
def test_every_single_character_error_is_detected(body):
    code = body + codes.check_character(body)
    assert codes.is_valid(code)
    for position, wrong in itertools.product(range(len(code)), codes.ALPHABET):
        if code[position] != wrong:
            assert not codes.is_valid(code[:position] + wrong + code[position + 1 :])


@given(bodies)
def test_swapping_two_characters_is_detected(body):
    code = body + codes.check_character(body)
    for first, second in itertools.combinations(range(len(code)), 2):
        chars = list(code)
        chars[first], chars[second] = chars[second], chars[first]
        if chars != list(code):
            assert not codes.is_valid("".join(chars))


def test_new_codes_are_valid_and_avoid_taken_ones():
    taken = {codes.new_code() for _ in range(50)}
    fresh = codes.new_code(taken)
    assert codes.is_valid(fresh) and fresh not in taken and len(fresh) == codes.CODE_LENGTH


def test_scans_are_repaired_for_case_spaces_and_azerty_digits():
    code = "HRCXX" + codes.check_character("HRCXX")
    assert codes.normalise_scan(code) == code
    assert codes.normalise_scan(" " + code.lower() + "\n") == code
    body = "2345B"
    qwerty_code = body + codes.check_character(body)
    azerty_typed = qwerty_code.translate(str.maketrans("1234567890", "&é\"'(-è_çà"))
    assert azerty_typed != qwerty_code
    assert codes.normalise_scan(azerty_typed) == qwerty_code
    caps_lock = "29B0" + "7"  # Caps Lock on a Linux AZERTY layout types É È Ç À for 2 7 9 0
    caps_code = caps_lock + codes.check_character(caps_lock)
    typed = caps_code.translate(str.maketrans("2790", "ÉÈÇÀ"))
    assert codes.normalise_scan(typed) == caps_code
    assert codes.normalise_scan("fatou") is None
    assert codes.normalise_scan("") is None

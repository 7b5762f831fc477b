"""Search as you type over every participant, in memory, in a few milliseconds.

Each participant is a *slot* (an int). Words are folded with ``kiosk.core.text`` (no case,
no accents, hyphens and apostrophes split words) and kept in two prefix indexes: one for
names, one for the other fields (organisation, function, phone, e-mail, code). An index
is a sorted vocabulary (``bisect`` finds every word starting with a typed prefix) and,
per word, its postings: one slot, or a set of slots.

A query matches a participant when every typed word is the prefix of one of the
participant's words, in any order. Results come ranked: exact name, then names matching
by prefix, then matches in other fields; alphabetical inside each group; at most
``limit`` of them. The work per keystroke stays small whatever the size of the event:
candidates start from the rarest typed word and are narrowed from there; when every
typed word is common (one or two letters), the participants are walked in alphabetical
order and the first ``limit`` that match are kept.

Adding or editing a participant updates the index in place (``put``); nothing is rebuilt.
"""

from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from itertools import islice

from kiosk.core.people import Person, iter_people
from kiosk.core.text import _SEPARATORS, compact, tokens
from kiosk.db import Database

DEFAULT_LIMIT = 50
MAX_QUERY_CHARS = 256
MAX_QUERY_WORDS = 16
# Identifiers (code, phone, e-mail) are looked up from this many typed characters.
MIN_ID_PREFIX = 3
# A prefix reaching more identifier words than this is checked on each candidate instead.
GATHER_LIMIT = 3000
# A further word narrows the candidates by set intersection while it has at most this
# many postings per candidate (gathering a posting costs ~1/15 of checking a candidate);
# beyond, it is checked on each candidate.
INTERSECT_FACTOR = 12
# A word reaching more postings than this is common (one or two letters): it is checked on
# each candidate, never gathered. When every typed word is common, matches are dense:
# people are taken in alphabetical order, looking at this many of them at most.
GATHER_MAX = 12000
SCAN_BUDGET = 5000
# Below this many candidates, sort them; above it, walk the alphabetical order, from the
# first candidate up to this many of them, from the start beyond (they are everywhere).
SORT_LIMIT = 4000
WALK_FROM_FIRST_LIMIT = 25000
_TOP = "\U0010ffff"
_EMAIL_DOMAIN = re.compile(r"@\S*")
_PHONE_LIKE = re.compile(r"^[\d\s+().\-/]+$")
_PHONE_COUNTRY_CODES: frozenset[str] | None = None


class Tier(IntEnum):
    EXACT = 0  # the whole name, in any order
    NAME = 1  # every word is the start of a word of the name
    OTHER = 2  # found in organisation, function, phone, e-mail or code


@dataclass(frozen=True, slots=True)
class Hit:
    person: Person
    tier: Tier


def _country_codes() -> frozenset[str]:
    global _PHONE_COUNTRY_CODES
    if _PHONE_COUNTRY_CODES is None:
        from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

        _PHONE_COUNTRY_CODES = frozenset(str(code) for code in COUNTRY_CODE_TO_REGION_CODE)
    return _PHONE_COUNTRY_CODES


def _strip_country_code(digits: str) -> str | None:
    for size in (1, 2, 3):  # country calling codes are prefix-free
        if digits[:size] in _country_codes():
            return digits[size:]
    return None


def phone_word(e164: str) -> str:
    """The national number a phone is searched by: ``+221771234567`` -> ``771234567``."""
    digits = "".join(char for char in e164 if char.isdigit())
    return _strip_country_code(digits) or digits


def _phone_queries(query: str) -> list[str]:
    """Digits to look for among national numbers: as typed, without a country code when one
    is given (``+221 77…``, ``00221 77…``), without a trunk zero (``06 12…``)."""
    digits = "".join(char for char in query if char.isdigit())
    international = query.lstrip().startswith("+") or digits.startswith("00") or len(digits) >= 11
    found = [digits]
    if international:
        national = _strip_country_code(digits.removeprefix("00"))
        found.append(national or "")
    if digits.startswith("0") and not international:
        found.append(digits.lstrip("0"))
    return [number for number in found if len(number) >= MIN_ID_PREFIX]


def _add(mapping: dict, key, slot: int) -> None:
    current = mapping.get(key)
    if current is None:
        mapping[key] = slot
    elif type(current) is int:
        if current != slot:
            mapping[key] = {current, slot}
    else:
        current.add(slot)


def _discard(mapping: dict, key, slot: int) -> bool:
    """Remove ``slot`` under ``key``; True when the key has no slot left."""
    current = mapping.get(key)
    if current is None:
        return False
    if type(current) is int:
        if current != slot:
            return False
        del mapping[key]
        return True
    current.discard(slot)
    if len(current) == 1:
        mapping[key] = next(iter(current))
    return False


def _slots(value) -> set[int]:
    if value is None:
        return set()
    return {value} if type(value) is int else set(value)


class _PrefixIndex:
    """A sorted vocabulary of words and, per word, the slots holding it."""

    __slots__ = ("vocab", "postings")

    def __init__(self) -> None:
        self.vocab: list[str] = []
        self.postings: dict[str, int | set[int]] = {}

    def add(self, word: str, slot: int, *, bulk: bool = False) -> None:
        if word not in self.postings and not bulk:
            insort(self.vocab, word)
        _add(self.postings, word, slot)

    def finish_bulk(self) -> None:
        self.vocab = sorted(self.postings)

    def discard(self, word: str, slot: int) -> None:
        if _discard(self.postings, word, slot):
            del self.vocab[bisect_left(self.vocab, word)]

    def span(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.vocab, prefix), bisect_left(self.vocab, prefix + _TOP)

    def size(self, prefix: str, max_words: int | None = None) -> int | None:
        """How many postings the prefix reaches; None when it spans more than ``max_words`` words."""
        low, high = self.span(prefix)
        if max_words is not None and high - low > max_words:
            return None
        postings = self.postings
        return sum(1 if type(value) is int else len(value) for value in map(postings.__getitem__, self.vocab[low:high]))

    def gather(self, prefix: str) -> set[int]:
        low, high = self.span(prefix)
        found: set[int] = set()
        postings = self.postings
        for word in self.vocab[low:high]:
            value = postings[word]
            if type(value) is int:
                found.add(value)
            else:
                found |= value
        return found


def _has_prefix(words: tuple[str, ...], prefix: str) -> bool:
    index = bisect_left(words, prefix)
    return index < len(words) and words[index].startswith(prefix)


def _reduce(words: Iterable[str]) -> tuple[str, ...]:
    """Unique words, without those that merely start another typed word (``a`` in ``a awa``)."""
    unique = sorted(set(words))
    kept = [word for i, word in enumerate(unique) if not (i + 1 < len(unique) and unique[i + 1].startswith(word))]
    return tuple(kept[:MAX_QUERY_WORDS])


def query_variants(query: str) -> list[tuple[str, ...]]:
    """The ways a query may be meant: ``N'Diaye`` as ``n diaye`` and as ``ndiaye``; a phone as digits."""
    # An e-mail is searched by the part before the @ (domains such as gmail.com match everyone).
    query = _EMAIL_DOMAIN.sub(" ", query[:MAX_QUERY_CHARS])
    split = tokens(query)
    candidates = [split, [compact(word) for word in query.split()]]
    if len(split) > 1 and any(len(word) == 1 for word in split):
        candidates.append([compact(query)])  # "n diaye" -> "ndiaye"
    if _PHONE_LIKE.match(query):
        candidates.extend([digits] for digits in _phone_queries(query))
    variants: list[tuple[str, ...]] = []
    for words in candidates:
        reduced = _reduce(word for word in words if word)
        if reduced and reduced not in variants:
            variants.append(reduced)
    return variants


def fast_tokens(text: str) -> tuple[str, ...]:
    """``tokens``, with a quicker path for plain ASCII (codes, e-mails, most organisations)."""
    if text.isascii():
        return tuple(word for word in _SEPARATORS.split(text.lower()) if word)
    return tuple(tokens(text))


def _exact_keys(first_words: tuple[str, ...], last_words: tuple[str, ...]) -> tuple[str, str]:
    """Equal for the same full name: as words (``awa diaye n``) and as name parts (``awa ndiaye``,
    the ``name_key`` of ``kiosk.core.text``), whatever the order, case and accents."""
    parts = sorted(part for part in ("".join(first_words), "".join(last_words)) if part)
    return " ".join(sorted(first_words + last_words)), " ".join(parts)


def _query_exact_keys(query: str) -> set[str]:
    query = query[:MAX_QUERY_CHARS]
    by_words = " ".join(sorted(tokens(query)))
    by_parts = " ".join(sorted(filter(None, (compact(word) for word in query.split()))))
    return {by_words, by_parts} - {""}


class _Values:
    """Distinct texts of some fields (names; organisations and functions) with their words.

    100,000 people share a few thousand first names, last names and organisations: words
    point to values and values to people, so memory grows with the values, not the people."""

    __slots__ = ("number", "tokens", "words", "holders", "prefixes", "_words_of")

    def __init__(self, words_of: Callable[[tuple[str, ...]], tuple[str, ...]]) -> None:
        self.number: dict[str, int] = {}
        self.tokens: list[tuple[str, ...]] = []  # the text's words, in order
        self.words: list[tuple[str, ...]] = []  # what prefixes are matched against, sorted
        # One slot, or an array of slots (4 bytes each: a set would take ten times more).
        self.holders: list[int | array | None] = []
        self.prefixes = _PrefixIndex()
        self._words_of = words_of

    def add(self, text: str, slot: int, *, bulk: bool) -> int:
        value = self.number.get(text)
        if value is None:
            value = self.number[text] = len(self.words)
            parts = fast_tokens(text)
            words = self._words_of(parts)
            self.tokens.append(parts)
            self.words.append(words)
            self.holders.append(slot)
            for word in words:
                self.prefixes.add(word, value, bulk=bulk)
            return value
        holders = self.holders[value]
        if type(holders) is int:
            self.holders[value] = array("i", (holders, slot))
        else:
            holders.append(slot)
        return value

    def discard(self, value: int, text: str, slot: int) -> None:
        holders = self.holders[value]
        if type(holders) is int:
            for word in self.words[value]:
                self.prefixes.discard(word, value)
            del self.number[text]
            self.tokens[value] = self.words[value] = ()
            self.holders[value] = None
            return
        holders.remove(slot)
        if len(holders) == 1:
            self.holders[value] = holders[0]

    def size(self, prefix: str) -> int:
        holders = self.holders
        return sum(
            1 if type(holders[value]) is int else len(holders[value]) for value in self.prefixes.gather(prefix)
        )

    def gather(self, prefix: str) -> set[int]:
        found: set[int] = set()
        for value in self.prefixes.gather(prefix):
            holders = self.holders[value]
            if type(holders) is int:
                found.add(holders)
            else:
                found.update(holders)
        return found

    def people_with(self, value: int) -> Iterable[int]:
        holders = self.holders[value]
        if holders is None:
            return ()
        return (holders,) if type(holders) is int else holders


def _name_words(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a name part, and the part written without separators (``n diaye ndiaye``)."""
    return tuple(sorted({*parts, "".join(parts)} - {""}))


def _other_words(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(parts)))


class _Source:
    """Where a typed word is looked up: a group of fields (values) or the identifiers (per person)."""

    __slots__ = ("values", "ids")

    def __init__(self, values: _Values | None = None, ids: _PrefixIndex | None = None):
        self.values, self.ids = values, ids

    def size(self, word: str) -> int | None:
        """Postings the word reaches; None when identifier words are too scattered to gather."""
        if self.values is not None:
            return self.values.size(word)
        return self.ids.size(word, GATHER_LIMIT)

    def gather(self, word: str) -> set[int]:
        return self.values.gather(word) if self.values is not None else self.ids.gather(word)


class SearchIndex:
    """Every participant of the event, searchable per keystroke; see the module docstring."""

    def __init__(self) -> None:
        self._people: list[Person | None] = []
        self._slot_of: dict[str, int] = {}
        self._sort_key: list[str] = []
        self._names = _Values(_name_words)
        self._others = _Values(_other_words)
        # Per slot: the value numbers of first name, last name, organisation, function.
        self._first, self._last, self._organisation, self._function = (array("i") for _ in range(4))
        self._ids = _PrefixIndex()
        self._id_words: list[tuple[str, ...]] = []
        # Exact-name keys -> the (first name, last name) value pairs spelled that way.
        self._exact: dict[str, set[tuple[int, int]]] = {}
        self._by_email: dict[str, int | set[int]] = {}
        self._order_keys: list[str] = []
        self._order_slots: list[int] = []
        self._name_source = _Source(self._names)
        self._other_source = _Source(self._others)
        self._id_source = _Source(ids=self._ids)
        self.expected_by_category: Counter[str] = Counter()
        self.expected_by_sex: Counter[str] = Counter()
        self.walk_ins = 0

    # -- building and updating -------------------------------------------------------
    @classmethod
    def build(cls, people: Iterable[Person], progress: Callable[[int], bool] | None = None) -> SearchIndex:
        """An index of ``people``; ``progress(count)`` is called every 5,000 people and may
        return False to stop (``InterruptedError``)."""
        index = cls()
        count = 0
        collecting = gc.isenabled()
        gc.disable()  # nothing to collect among new objects; a collection per 700 would cost seconds
        try:
            for person in people:
                index._insert(person, bulk=True)
                count += 1
                if progress is not None and count % 5000 == 0 and progress(count) is False:
                    raise InterruptedError
        finally:
            if collecting:
                gc.enable()
        for prefix_index in (index._names.prefixes, index._others.prefixes, index._ids):
            prefix_index.finish_bulk()
        index._order_slots = sorted(range(count), key=index._sort_key.__getitem__)
        index._order_keys = [index._sort_key[slot] for slot in index._order_slots]
        return index

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, participant_id: str) -> bool:
        return participant_id in self._slot_of

    def get(self, participant_id: str) -> Person | None:
        slot = self._slot_of.get(participant_id)
        return None if slot is None else self._people[slot]

    def by_code(self, code: str) -> Person | None:
        for slot in _slots(self._ids.postings.get(code.lower())):
            person = self._people[slot]
            if person is not None and person.code == code:
                return person
        return None

    def people(self) -> Iterable[Person]:
        return (person for person in self._people if person is not None)

    def put(self, person: Person) -> None:
        """Add a participant, or replace an edited one, in place."""
        self.remove(person.id)
        key = self._insert(person, bulk=False)
        position = bisect_left(self._order_keys, key)
        self._order_keys.insert(position, key)
        self._order_slots.insert(position, len(self._people) - 1)

    def remove(self, participant_id: str) -> None:
        slot = self._slot_of.pop(participant_id, None)
        if slot is None:
            return
        person = self._people[slot]
        pair = (self._first[slot], self._last[slot])
        if not self._pair_used(pair, besides=slot):
            for key in set(self._exact_keys_of(slot)):
                pairs = self._exact.get(key, set())
                pairs.discard(pair)
                if not pairs:
                    self._exact.pop(key, None)
        _discard(self._by_email, person.email, slot)
        for values, column, text in (
            (self._names, self._first, person.first_name),
            (self._names, self._last, person.last_name),
            (self._others, self._organisation, person.organisation),
            (self._others, self._function, person.function),
        ):
            values.discard(column[slot], text, slot)
        for word in self._id_words[slot]:
            self._ids.discard(word, slot)
        self._id_words[slot] = ()
        position = bisect_left(self._order_keys, self._sort_key[slot])
        del self._order_keys[position]
        del self._order_slots[position]
        self._count(person, -1)
        self._people[slot] = None

    def _exact_keys_of(self, slot: int) -> tuple[str, str]:
        parts = self._names.tokens
        return _exact_keys(parts[self._first[slot]], parts[self._last[slot]])

    def _insert(self, person: Person, *, bulk: bool) -> str:
        slot = len(self._people)
        self._people.append(person)
        self._slot_of[person.id] = slot
        first = self._names.add(person.first_name, slot, bulk=bulk)
        last = self._names.add(person.last_name, slot, bulk=bulk)
        self._first.append(first)
        self._last.append(last)
        self._organisation.append(self._others.add(person.organisation, slot, bulk=bulk))
        self._function.append(self._others.add(person.function, slot, bulk=bulk))
        name_words = {*self._names.words[first], *self._names.words[last]}
        ids = {person.code.lower()}
        if person.phone:
            ids.add(phone_word(person.phone))
        if person.email:  # the part before the @: domains (gmail, com) would match everyone
            ids.update(fast_tokens(person.email.partition("@")[0]))
            _add(self._by_email, person.email, slot)
        ids -= name_words  # "awa.ndiaye@…" is already found by the name
        ids.discard("")
        self._id_words.append(tuple(sorted(ids)))
        for word in ids:
            self._ids.add(word, slot, bulk=bulk)
        for key in self._exact_keys_of(slot):
            self._exact.setdefault(key, set()).add((first, last))
        parts = self._names.tokens
        key = f"{''.join(parts[last])}\x01{''.join(parts[first])}\x01{person.code}"
        self._sort_key.append(key)
        self._count(person, 1)
        return key

    def _count(self, person: Person, delta: int) -> None:
        self.expected_by_category[person.category] += delta
        self.expected_by_sex[person.sex] += delta
        self.walk_ins += delta if person.registration == "walk_in" else 0

    # -- duplicates ------------------------------------------------------------------
    def duplicates(self, values: dict[str, str], exclude_id: str | None = None) -> list[tuple[Person, list[str]]]:
        """People with the same name (whatever accents, case, order), phone or e-mail, and why
        (``name``, ``phone``, ``email``); ``values`` as cleaned by ``validate_person``."""
        first, last = fast_tokens(values.get("first_name", "")), fast_tokens(values.get("last_name", ""))
        name_slots = self._exact_slots(_exact_keys(first, last))
        phone, email = values.get("phone") or "", values.get("email") or ""
        reasons: dict[int, list[str]] = {}
        for reason, found in (
            ("name", name_slots),
            ("phone", self._id_holders(phone_word(phone), lambda person: person.phone == phone) if phone else ()),
            ("email", _slots(self._by_email.get(email)) if email else ()),
        ):
            for slot in found:
                if self._people[slot] is not None and self._people[slot].id != exclude_id:
                    reasons.setdefault(slot, []).append(reason)
        return [(self._people[slot], reasons[slot]) for slot in sorted(reasons, key=self._sort_key.__getitem__)]

    # -- search ----------------------------------------------------------------------
    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """At most ``limit`` matches, exact names first, then name prefixes, then other fields."""
        variants = query_variants(query)
        if not variants or limit <= 0:
            return []
        exact = self._exact_slots(_query_exact_keys(query))
        hits = [Hit(self._people[slot], Tier.EXACT) for slot in self._in_order(exact, limit)]
        named = self._first_matches(variants, True, limit - len(hits), exact.__contains__)
        hits += [Hit(self._people[slot], Tier.NAME) for slot in named]
        if len(hits) < limit:

            named_by = [self._matcher(words, True) for words in variants]

            def found(slot: int) -> bool:
                return slot in exact or any(match(slot) for match in named_by)

            others = self._first_matches(variants, False, limit - len(hits), found)
            hits += [Hit(self._people[slot], Tier.OTHER) for slot in others]
        return hits

    def _pair_used(self, pair: tuple[int, int], besides: int) -> bool:
        first, last = self._first, self._last
        return any(
            slot != besides and (first[slot], last[slot]) == pair for slot in self._names.people_with(pair[0])
        )

    def _exact_slots(self, keys: Iterable[str]) -> set[int]:
        """People whose whole name is spelled as one of the keys (see ``_exact_keys``)."""
        first, last = self._first, self._last
        found: set[int] = set()
        for key in keys:
            for pair in self._exact.get(key, ()):
                found.update(slot for slot in self._names.people_with(pair[0]) if (first[slot], last[slot]) == pair)
        return found

    def _id_holders(self, word: str, accept: Callable[[Person], bool]) -> set[int]:
        """People holding an identifier word (a code, a national number, an e-mail word) and ``accept``ed."""
        people = self._people
        return {slot for slot in _slots(self._ids.postings.get(word)) if people[slot] is not None and accept(people[slot])}

    def _sources(self, word: str, names_only: bool) -> tuple[_Source, ...]:
        if names_only:
            return (self._name_source,)
        if len(word) >= MIN_ID_PREFIX:
            return (self._name_source, self._other_source, self._id_source)
        return (self._name_source, self._other_source)

    def _matcher(self, words: Iterable[str], names_only: bool) -> Callable[[int], bool]:
        """A quick test of one person against typed words: the values each word starts are
        looked up once, so a person costs a few array reads and set look-ups."""
        first, last, organisation, function, id_words = (
            self._first, self._last, self._organisation, self._function, self._id_words
        )
        checks = []
        for word in words:
            names = self._names.prefixes.gather(word)
            others = set() if names_only else self._others.prefixes.gather(word)
            low, high = self._ids.span(word)
            by_id = not names_only and len(word) >= MIN_ID_PREFIX and high > low
            checks.append((names, others, word if by_id else None))

        def match(slot: int) -> bool:
            for names, others, id_word in checks:
                if first[slot] in names or last[slot] in names:
                    continue
                if others and (organisation[slot] in others or function[slot] in others):
                    continue
                if id_word is not None and _has_prefix(id_words[slot], id_word):
                    continue
                return False
            return True

        return match

    def _size(self, word: str, names_only: bool) -> int | None:
        total = 0
        for source in self._sources(word, names_only):
            size = source.size(word)
            if size is None:
                return None
            total += size
        return total

    def _gather(self, word: str, names_only: bool) -> set[int]:
        found: set[int] = set()
        for source in self._sources(word, names_only):
            found |= source.gather(word)
        return found

    def _first_matches(
        self, variants: list[tuple[str, ...]], names_only: bool, need: int, excluded: Callable[[int], bool]
    ) -> list[int]:
        """The first ``need`` slots, in alphabetical order, matching one of the variants."""
        if need <= 0:
            return []
        chosen: set[int] = set()
        for words in variants:
            chosen.update(self._first_of(words, names_only, need, excluded))
        return sorted(chosen, key=self._sort_key.__getitem__)[:need]

    def _first_of(
        self, words: tuple[str, ...], names_only: bool, need: int, excluded: Callable[[int], bool]
    ) -> list[int]:
        """Candidates come from the rarest word's postings, narrowed by set intersection while
        that is cheap; the remaining (common) words are checked per candidate, walking the
        alphabetical order when there are many candidates, so only the first ``need`` cost."""
        sizes = {word: self._size(word, names_only) for word in words}
        if 0 in sizes.values():
            return []
        gatherable = sorted(
            (word for word in words if sizes[word] is not None and sizes[word] <= GATHER_MAX), key=sizes.__getitem__
        )
        rest = [word for word in words if word not in gatherable]
        candidates: set[int] | None = None
        if gatherable:
            candidates = self._gather(gatherable[0], names_only)
            for word in gatherable[1:]:
                if sizes[word] <= INTERSECT_FACTOR * len(candidates):
                    candidates &= self._gather(word, names_only)
                else:
                    rest.append(word)

        matches = self._matcher(rest, names_only)

        def accept(slot: int) -> bool:
            return matches(slot) and not excluded(slot)

        if candidates is None:  # every word is common: matches are dense, the first come early
            return list(islice(filter(accept, islice(self._order_slots, SCAN_BUDGET)), need))
        return self._in_order(candidates, need, accept)

    def _in_order(self, slots: set[int], count: int, accept: Callable[[int], bool] | None = None) -> list[int]:
        """The first ``count`` of ``slots`` (those ``accept``ed) in alphabetical order."""
        if count <= 0 or not slots:
            return []
        key = self._sort_key.__getitem__
        if len(slots) <= SORT_LIMIT:  # sorting is cheap; checking each one is not: check lazily
            ordered = sorted(slots, key=key)
            return ordered[:count] if accept is None else list(islice(filter(accept, ordered), count))
        # Walk the alphabetical order from the first candidate: many candidates, the first
        # ``count`` come soon (a common last name is one stretch of the order).
        start = 0 if len(slots) > WALK_FROM_FIRST_LIMIT else bisect_left(self._order_keys, key(min(slots, key=key)))
        chosen = []
        for slot in islice(self._order_slots, start, None):
            if slot in slots and (accept is None or accept(slot)):
                chosen.append(slot)
                if len(chosen) == count:
                    break
        return chosen


def load_index(db: Database, progress: Callable[[int], bool] | None = None) -> SearchIndex:
    """The index of every participant of the database (see ``SearchIndex.build``).

    The garbage collector is then told to leave the index's objects alone (``gc.freeze``):
    otherwise a full collection walks 100,000 people every so often, a keystroke's delay."""
    index = SearchIndex.build(iter_people(db), progress)
    gc.collect()
    gc.freeze()
    return index

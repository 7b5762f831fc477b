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

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

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
# many postings per candidate; beyond, it is checked on each candidate.
INTERSECT_FACTOR = 8
# When every typed word is an identifier prefix shared by thousands of people (``221``
# starts every Senegalese number), matches are dense: look at this many people at most.
SCAN_BUDGET = 5000
# Below this many candidates, sort them; above it, walk the alphabetical order.
SORT_LIMIT = 1500
_TOP = "\U0010ffff"
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


def phone_words(e164: str) -> tuple[str, ...]:
    """``+221771234567`` -> ``221771234567`` and the national ``771234567``."""
    digits = "".join(char for char in e164 if char.isdigit())
    if not digits:
        return ()
    for size in (1, 2, 3):  # country calling codes are prefix-free
        if digits[:size] in _country_codes():
            return (digits, digits[size:])
    return (digits,)


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
    query = query[:MAX_QUERY_CHARS].replace("@", " ")  # e-mails are indexed as words around the @
    split = tokens(query)
    candidates = [split, [compact(word) for word in query.split()]]
    if len(split) > 1 and any(len(word) == 1 for word in split):
        candidates.append([compact(query)])  # "n diaye" -> "ndiaye"
    if _PHONE_LIKE.match(query):
        digits = "".join(char for char in query if char.isdigit())
        if digits.startswith("00"):
            digits = digits[2:]
        if len(digits) >= 3:
            candidates.append([digits])
            if digits.startswith("0") and len(digits.lstrip("0")) >= 3:
                candidates.append([digits.lstrip("0")])  # a national trunk prefix
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


class SearchIndex:
    """Every participant of the event, searchable per keystroke; see the module docstring."""

    def __init__(self) -> None:
        self._people: list[Person | None] = []
        self._slot_of: dict[str, int] = {}
        # Per slot: sorted words of the name, of organisation and function, of the identifiers.
        self._words: tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, ...]]] = ([], [], [])
        self._sort_key: list[str] = []
        self._names = _PrefixIndex()
        self._others = _PrefixIndex()
        self._ids = _PrefixIndex()
        self._exact: dict[str, int | set[int]] = {}
        self._by_code: dict[str, int] = {}
        self._by_phone: dict[str, int | set[int]] = {}
        self._by_email: dict[str, int | set[int]] = {}
        self._order_keys: list[str] = []
        self._order_slots: list[int] = []
        self.expected_by_category: Counter[str] = Counter()
        self.expected_by_sex: Counter[str] = Counter()
        self.walk_ins = 0
        self._token_cache: dict[str, tuple[str, ...]] = {}

    # -- building and updating -------------------------------------------------------
    @classmethod
    def build(cls, people: Iterable[Person], progress: Callable[[int], bool] | None = None) -> SearchIndex:
        """An index of ``people``; ``progress(count)`` is called every 5,000 people and may
        return False to stop (``InterruptedError``)."""
        index = cls()
        keyed: list[tuple[str, int]] = []
        for person in people:
            keyed.append((index._insert(person, bulk=True), len(index._people) - 1))
            if progress is not None and len(keyed) % 5000 == 0 and progress(len(keyed)) is False:
                raise InterruptedError
        for prefix_index in (index._names, index._others, index._ids):
            prefix_index.finish_bulk()
        keyed.sort()
        index._order_keys = [key for key, _slot in keyed]
        index._order_slots = [slot for _key, slot in keyed]
        index._token_cache.clear()
        return index

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, participant_id: str) -> bool:
        return participant_id in self._slot_of

    def get(self, participant_id: str) -> Person | None:
        slot = self._slot_of.get(participant_id)
        return None if slot is None else self._people[slot]

    def by_code(self, code: str) -> Person | None:
        slot = self._by_code.get(code)
        return None if slot is None else self._people[slot]

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
        for prefix_index, words in zip((self._names, self._others, self._ids), self._words, strict=True):
            for word in words[slot]:
                prefix_index.discard(word, slot)
            words[slot] = ()
        for key in self._exact_keys_of(person):
            _discard(self._exact, key, slot)
        if self._by_code.get(person.code) == slot:
            del self._by_code[person.code]
        _discard(self._by_phone, person.phone, slot)
        _discard(self._by_email, person.email, slot)
        position = bisect_left(self._order_keys, self._sort_key[slot])
        del self._order_keys[position]
        del self._order_slots[position]
        self._count(person, -1)
        self._people[slot] = None

    def _tokens(self, text: str) -> tuple[str, ...]:
        """``fast_tokens`` with a cache: names and organisations repeat a lot among 100,000 people."""
        cached = self._token_cache.get(text)
        if cached is None:
            cached = fast_tokens(text)
            if len(self._token_cache) < 100_000:
                self._token_cache[text] = cached
        return cached

    def _exact_keys_of(self, person: Person) -> tuple[str, str]:
        return _exact_keys(self._tokens(person.first_name), self._tokens(person.last_name))

    def _insert(self, person: Person, *, bulk: bool) -> str:
        slot = len(self._people)
        self._people.append(person)
        self._slot_of[person.id] = slot
        first, last = self._tokens(person.first_name), self._tokens(person.last_name)
        names = {*first, *last, "".join(first), "".join(last)}
        others = {*self._tokens(person.organisation), *self._tokens(person.function)}
        ids = {person.code.lower(), *phone_words(person.phone)}
        if person.email:
            ids.update(fast_tokens(person.email.replace("@", " ")))
        for prefix_index, words, found in zip((self._names, self._others, self._ids), self._words, (names, others, ids), strict=True):
            found.discard("")
            words.append(tuple(sorted(found)))
            for word in found:
                prefix_index.add(word, slot, bulk=bulk)
        for key in _exact_keys(first, last):
            _add(self._exact, key, slot)
        self._by_code[person.code] = slot
        if person.phone:
            _add(self._by_phone, person.phone, slot)
        if person.email:
            _add(self._by_email, person.email, slot)
        key = f"{''.join(last)}\x01{''.join(first)}\x01{person.code}"
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
        name_slots: set[int] = set()
        for key in _exact_keys(first, last):
            name_slots |= _slots(self._exact.get(key))
        reasons: dict[int, list[str]] = {}
        for reason, found in (
            ("name", name_slots),
            ("phone", _slots(self._by_phone.get(values.get("phone") or None))),
            ("email", _slots(self._by_email.get(values.get("email") or None))),
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
        exact: set[int] = set()
        for key in _query_exact_keys(query):
            exact |= _slots(self._exact.get(key))
        hits = [Hit(self._people[slot], Tier.EXACT) for slot in self._in_order(exact, limit)]
        named = self._first(variants, True, limit - len(hits), exact.__contains__)
        hits += [Hit(self._people[slot], Tier.NAME) for slot in named]
        if len(hits) < limit:

            def found(slot: int) -> bool:
                return slot in exact or any(self._accepts(slot, words, True) for words in variants)

            hits += [Hit(self._people[slot], Tier.OTHER) for slot in self._first(variants, False, limit - len(hits), found)]
        return hits

    def _parts(self, word: str, names_only: bool) -> tuple[tuple[_PrefixIndex, list[tuple[str, ...]]], ...]:
        """The indexes (and per-slot words) a typed word is looked up in."""
        if names_only:
            return ((self._names, self._words[0]),)
        parts = ((self._names, self._words[0]), (self._others, self._words[1]))
        return parts + ((self._ids, self._words[2]),) if len(word) >= MIN_ID_PREFIX else parts

    def _accepts(self, slot: int, words: Iterable[str], names_only: bool) -> bool:
        return all(
            any(_has_prefix(per_slot[slot], word) for _index, per_slot in self._parts(word, names_only))
            for word in words
        )

    def _size(self, word: str, names_only: bool) -> int | None:
        """Postings a typed word reaches; None when its identifier words are too scattered to gather."""
        total = 0
        for prefix_index, _per_slot in self._parts(word, names_only):
            size = prefix_index.size(word, GATHER_LIMIT if prefix_index is self._ids else None)
            if size is None:
                return None
            total += size
        return total

    def _gather(self, word: str, names_only: bool) -> set[int]:
        found: set[int] = set()
        for prefix_index, _per_slot in self._parts(word, names_only):
            found |= prefix_index.gather(word)
        return found

    def _first(
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
        gatherable = sorted((word for word in words if sizes[word] is not None), key=sizes.__getitem__)
        rest = [word for word in words if sizes[word] is None]
        candidates: set[int] | None = None
        if gatherable:
            candidates = self._gather(gatherable[0], names_only)
            for word in gatherable[1:]:
                if sizes[word] <= INTERSECT_FACTOR * len(candidates):
                    candidates &= self._gather(word, names_only)
                else:
                    rest.append(word)

        def accept(slot: int) -> bool:
            return self._accepts(slot, rest, names_only) and not excluded(slot)

        if candidates is not None and len(candidates) <= SORT_LIMIT:
            return sorted(filter(accept, candidates), key=self._sort_key.__getitem__)[:need]
        # Many candidates, common words: matches are dense, the first ones come early.
        order = self._order_slots if candidates is not None else self._order_slots[:SCAN_BUDGET]
        chosen: list[int] = []
        for slot in order:
            if (candidates is None or slot in candidates) and accept(slot):
                chosen.append(slot)
                if len(chosen) == need:
                    break
        return chosen

    def _in_order(self, slots: set[int], count: int) -> list[int]:
        """The first ``count`` of ``slots`` in alphabetical order (last name, first name)."""
        if count <= 0 or not slots:
            return []
        if len(slots) <= SORT_LIMIT:
            return sorted(slots, key=self._sort_key.__getitem__)[:count]
        chosen = []
        for slot in self._order_slots:
            if slot in slots:
                chosen.append(slot)
                if len(chosen) == count:
                    break
        return chosen


def load_index(db: Database, progress: Callable[[int], bool] | None = None) -> SearchIndex:
    """The index of every participant of the database (see ``SearchIndex.build``)."""
    return SearchIndex.build(iter_people(db), progress)

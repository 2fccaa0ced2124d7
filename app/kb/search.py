"""Search words in, safe excerpts out (pure logic).

A query is read as words (letters and digits, lower-cased); each is looked up in the article's
language. PostgreSQL marks the matches of an excerpt with two private-use characters that no
article text contains; the excerpt is HTML-escaped first, and only then are those turned into
`<mark>` elements, so an article's text can never become markup in an excerpt.
"""

import html
import re
from typing import Final

MARK_START, MARK_END = "\ue000", "\ue001"
MAX_QUERY_WORDS: Final = 32
# Words shorter than this, or with digits (order numbers, SKUs), are never corrected.
MIN_CORRECTED_LENGTH: Final = 3
MAX_CORRECTED_LENGTH: Final = 32
_WORD = re.compile(r"[^\W_]+")

# The words a vocabulary keeps (SQL over the column `{word}`): of 3 to 32 characters, no
# digits, no punctuation.
KEPT_WORD: Final = "length({word}) BETWEEN 3 AND 32 AND {word} !~ '[0-9_./@:+-]'"
# A word and each of its one-letter deletions (SymSpell's deletion neighbourhood), as SQL: two
# words within one edit of each other (a letter added, dropped, changed, or two swapped) share
# one.
VARIANTS_OF: Final = """(
    SELECT {word} UNION
    SELECT overlay({word} PLACING '' FROM i FOR 1) FROM generate_series(1, length({word})) AS i
)"""


def query_words(query: str) -> list[str]:
    """The query's distinct words, lower-cased, in order (at most MAX_QUERY_WORDS)."""
    return list(dict.fromkeys(_WORD.findall(query.lower())))[:MAX_QUERY_WORDS]


def correctable(word: str) -> bool:
    return MIN_CORRECTED_LENGTH <= len(word) <= MAX_CORRECTED_LENGTH and not any(
        character.isdigit() for character in word
    )


def max_typos(word: str) -> int:
    """Edits (a letter added, dropped, changed, or two swapped) a word of this length may
    carry and still be read as the known word: 1 up to 7 letters, 2 beyond."""
    return 1 if len(word) <= 7 else 2


def variants(word: str) -> list[str]:
    """The word and its one-letter deletions (as the vocabulary stores every known word), and
    for a long word its two-letter deletions too: a known word within one edit always shares
    one, within two edits often."""
    found = {word} | _deletions(word)
    if max_typos(word) > 1:
        found |= {shorter for deleted in _deletions(word) for shorter in _deletions(deleted)}
    return sorted(found)


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def best_correction(word: str, candidates: list[str]) -> str | None:
    """The candidate fewest edits away, if within max_typos; among equals, the one sharing
    the most trigrams (pg_trgm's similarity), then the first alphabetically."""
    allowed = max_typos(word)
    scored = [
        (edit_distance(word, candidate), -trigram_similarity(word, candidate), candidate)
        for candidate in candidates
    ]
    within = [score for score in scored if score[0] <= allowed]
    return min(within)[2] if within else None


def trigram_similarity(first: str, second: str) -> float:
    """pg_trgm's similarity: shared trigrams / all trigrams of the two, each word padded with
    two spaces before and one after."""
    mine, theirs = _trigrams(first), _trigrams(second)
    return len(mine & theirs) / len(mine | theirs)


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    two adjacent letters each count 1 (`retrun` is 1 from `return`)."""
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        before_previous, previous_row = previous_row, row
        row = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[-1]


def excerpt_html(excerpt: str) -> str:
    """The excerpt as HTML: its text escaped, its marked matches in <mark>."""
    escaped = html.escape(excerpt, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")

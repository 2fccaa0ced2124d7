import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.kb.search import (
    best_correction,
    edit_distance,
    excerpt_html,
    query_words,
    trigram_similarity,
    variants,
)


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("retrun", "return", 1),
        ("lable", "label", 1),
        ("parcel", "parcels", 1),
        ("shiping", "shipping", 1),
        ("adress", "address", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("same", "same", 0),
    ],
)
def test_edit_distance(first: str, second: str, distance: int) -> None:
    assert edit_distance(first, second) == distance


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_symmetric_and_bounded(first: str, second: str) -> None:
    distance = edit_distance(first, second)
    assert distance == edit_distance(second, first)
    assert abs(len(first) - len(second)) <= distance <= max(len(first), len(second))


def test_the_closest_candidate_within_the_allowed_typos_wins() -> None:
    assert best_correction("retrun", ["returning", "return", "retina"]) == "return"
    assert best_correction("xylophone", ["telephone", "xenophobe"]) is None
    assert best_correction("delivry", ["delivery", "deliver"]) == "delivery"  # first on a tie
    assert best_correction("adress", []) is None


def test_query_words_are_lowercased_distinct_and_split_on_punctuation() -> None:
    assert query_words("Where's my PARCEL? parcel, e-mail #123") == [
        "where",
        "s",
        "my",
        "parcel",
        "e",
        "mail",
        "123",
    ]


def test_excerpts_escape_everything_but_the_marks() -> None:
    assert excerpt_html("a <b>\ue000c\ue001 & 'd'") == "a &lt;b&gt;<mark>c</mark> &amp; 'd'"


_LETTERS = st.text(alphabet="abcdefghij", min_size=3, max_size=10)


@given(_LETTERS, st.data())
def test_a_word_one_edit_away_shares_a_variant(word: str, data: st.DataObject) -> None:
    """The vocabulary stores each word with its one-letter deletions; a query word one edit
    away (added, dropped, changed or swapped letters) always meets it there."""
    at = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from("abcdefghij"))
    swapped = word[:at] + word[at + 1 : at + 2] + word[at] + word[at + 2 :]
    for typo in (
        word[:at] + letter + word[at:],
        word[:at] + word[at + 1 :],
        word[:at] + letter + word[at + 1 :],
        swapped,
    ):
        stored = {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
        assert stored & set(variants(typo)), (word, typo)


def test_trigram_similarity_is_pg_trgms() -> None:
    assert trigram_similarity("lable", "label") == pytest.approx(3 / 9)
    assert trigram_similarity("word", "word") == 1.0

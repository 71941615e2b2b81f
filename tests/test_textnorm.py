"""PDF-text normalisation: hyphenation, ligatures, Unicode, whitespace, offsets back to the raw."""

from __future__ import annotations

import pytest

from mitoaki.core.textnorm import normalise


def test_line_break_hyphen_is_joined_for_a_split_word() -> None:
    doc = normalise("the mitochon-\ndrial fission and mitochondrial fusion")
    assert doc.text.startswith("the mitochondrial fission")


def test_line_break_hyphen_is_kept_for_a_compound_the_text_uses() -> None:
    doc = normalise("anti-\noxidative effects; other anti-oxidative drugs")
    assert doc.text.startswith("anti-oxidative effects")


def test_compound_of_two_words_keeps_its_hyphen() -> None:
    doc = normalise("Mitochondrial-\napoptosis proteins; mitochondrial apoptosis")
    assert doc.text.startswith("Mitochondrial-apoptosis proteins")


def test_lost_ligature_is_restored_from_the_document() -> None:
    doc = normalise("reduced fssion; fission is frequent; fission again")
    assert doc.text.startswith("reduced fission;")


def test_lost_ligature_is_restored_from_the_lexicon() -> None:
    assert normalise("a fuorescent dye", ["fluorescent"]).text == "a fluorescent dye"
    assert normalise("a fuorescent dye").text == "a fuorescent dye"


def test_real_words_are_left_alone() -> None:
    text = "the fat of the fed mice; fiat lux"
    assert normalise(text).text == text


def test_unicode_is_normalised_and_greek_kept() -> None:
    doc = normalise("PGC\u20111\u03b1\u00a0and NAD\u207a \u2192 \u2191ATP \u2018x\u2019")
    assert doc.text == "PGC-1α and NAD+ → ↑ATP 'x'"


@pytest.mark.parametrize(
    "raw",
    [
        "plain text here",
        "split mito-\nchondria and mitochondria",
        "fssion fission fission",
        "tabs\t\tand\n\n newlines",
        "ﬁbre and \u00adsoft hyphen",
    ],
)
def test_offsets_point_into_the_raw_text(raw: str) -> None:
    doc = normalise(raw)
    assert len(doc.offsets) == len(doc.text)
    assert all(0 <= o < len(raw) for o in doc.offsets)
    assert list(doc.offsets) == sorted(doc.offsets)
    for word in doc.text.split():
        start = doc.text.index(word)
        raw_start, raw_end = doc.raw_span(start, start + len(word))
        # the raw span holds the word's first and last characters where it came from
        assert raw[raw_start].lower() in (word[0].lower(), "ﬁ")
        assert raw[raw_end - 1] == word[-1] or word[-1] in "if"


def test_raw_span_covers_the_original_characters() -> None:
    raw = "x mitochon-\ndrial  fssion; fission fission"
    doc = normalise(raw)
    start = doc.text.index("mitochondrial fission")
    a, b = doc.raw_span(start, start + len("mitochondrial fission"))
    assert raw[a:b] == "mitochon-\ndrial  fssion"


def test_sentences_do_not_break_at_et_al_or_initials() -> None:
    doc = normalise("First one. Brooks et al. found it in rats [12]. Third sentence here.")
    start = doc.text.index("found")
    a, b = doc.sentence_around(start, start + 5)
    assert doc.text[a:b] == "Brooks et al. found it in rats [12]."


def test_find_all_normalises_the_needle() -> None:
    doc = normalise("uses PGC-1α signalling; PGC-1α again")
    assert doc.find_all("PGC\u20111\u03b1") == [5, 24]

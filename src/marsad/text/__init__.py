"""marsad.text: normalisation with an offset map, tokens, sentences, numbers, dates."""

from marsad.text.dates import DateHit, find_dates
from marsad.text.document import Document, build_document
from marsad.text.normalize import Normalized, normalize, normalize_plain, scoring_form
from marsad.text.numbers import NumberHit, find_numbers, parse_number_words
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import Token, tokenize

__all__ = [
    "DateHit",
    "Document",
    "NumberHit",
    "Normalized",
    "Token",
    "build_document",
    "find_dates",
    "find_numbers",
    "normalize",
    "normalize_plain",
    "parse_number_words",
    "scoring_form",
    "split_sentences",
    "tokenize",
]

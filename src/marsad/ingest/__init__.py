"""marsad.ingest: read articles from JSONL, JSON, SaudiNewsNet zips, text, HTML and feeds."""

from marsad.ingest.readers import SUFFIXES, read_articles, read_sourced
from marsad.ingest.rejects import RejectLog

__all__ = ["SUFFIXES", "RejectLog", "read_articles", "read_sourced"]

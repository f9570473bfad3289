"""Ingest: read articles from files, folders, globs, feeds and stdin; normalise them; set bad input aside."""

from eventwire.ingest.normalise import article_id, make_article, normalise_text

__all__ = ["article_id", "make_article", "normalise_text"]

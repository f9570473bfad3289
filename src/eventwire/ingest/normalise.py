"""Text normalisation, content-hash ids and a cheap language check.

>>> normalise_text("Talks  resumed&nbsp;in <b>Geneva</b>.\\r\\n\\r\\n\\r\\nNew paragraph.")
'Talks resumed in Geneva.\\n\\nNew paragraph.'
>>> article_id("Same text.") == article_id("Same text.")
True
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from eventwire.records import Article

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MANY_BREAKS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FUNCTION_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "language" / "function_words.tsv"


@lru_cache(maxsize=1)
def _function_words() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """English function words, and for each other language its function words that English lacks."""
    langs: dict[str, frozenset[str]] = {}
    with _FUNCTION_WORDS_FILE.open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for lang, words, *_ in rows[1:]:
        langs[lang] = frozenset(words.split())
    english = langs.pop("en")
    return english, {lang: words - english for lang, words in langs.items()}


def normalise_text(text: str) -> str:
    """Unicode NFC, HTML entities and stray tags removed, whitespace collapsed, paragraphs kept."""
    text = unicodedata.normalize("NFC", text)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub("", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _MANY_BREAKS.sub("\n\n", text)
    return text.strip()


def article_id(normalised_text: str) -> str:
    """sha256 hex digest of the normalised text: the same article always gets the same id."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str:
    """'en' when the text reads as English; another ISO 639-1 code when that language's function words
    outnumber English ones; 'xx' for other scripts or text with almost no English function words; 'und'
    when there is nothing to tell from. Short English texts (headlines, one-line reports) stay 'en'.

    >>> detect_language("The minister said that the talks would resume in the spring.")
    'en'
    >>> detect_language("Kenyan troops shelled border villages on Friday, killing twelve civilians.")
    'en'
    >>> detect_language("Le ministre a déclaré que les négociations reprendraient au printemps prochain.")
    'fr'
    >>> detect_language("Министр иностранных дел заявил, что переговоры продолжатся.")
    'xx'
    """
    sample = text[:5000]
    words = _WORD.findall(sample.lower())
    if not words:
        return "und"
    letters = [c for w in words for c in w]
    latin = sum(1 for c in letters if c < "\u0250")
    if latin < len(letters) / 2:
        return "xx"
    english, others = _function_words()
    en_hits = sum(1 for w in words if w in english)
    best_lang, best_hits = max(
        ((lang, sum(1 for w in words if w in fw)) for lang, fw in others.items()), key=lambda x: x[1]
    )
    if best_hits >= 2 and best_hits > en_hits:
        return best_lang
    if len(words) >= 25 and en_hits < 0.05 * len(words):
        return "xx"
    return "en"


def make_article(
    text: str,
    *,
    pub_date: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    source_path: str | None = None,
) -> Article:
    """Build an :class:`Article` from raw text: normalise, hash and check the language."""
    clean = normalise_text(text)
    return Article(
        id=article_id(clean),
        text=clean,
        title=normalise_text(title) if title else None,
        pub_date=pub_date,
        url=url,
        outlet=outlet,
        language=detect_language(clean),
        source_path=source_path,
    )

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

from eventwire.records import Article

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MANY_BREAKS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The most frequent English function words: an English news paragraph has well over 20% of them.
_EN_FUNCTION_WORD_LIST = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so "
    "said what up its about into than them can only other new some could time these two may then do first "
    "any my now such like our over man me even most made after also did many before must through back years "
    "where much your way well down should because each just those people how too little state good very "
    "make world still own see men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right used take three"
)
_EN_FUNCTION_WORDS = frozenset(_EN_FUNCTION_WORD_LIST.split())
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")


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
    """'en' when the text reads as English, 'und' when it is too short to tell, else 'xx'.

    >>> detect_language("The minister said that the talks would resume in the spring.")
    'en'
    >>> detect_language("Le ministre a déclaré que les négociations reprendraient au printemps prochain.")
    'xx'
    """
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 6:
        return "en" if words else "und"
    share = sum(1 for w in words if w in _EN_FUNCTION_WORDS) / len(words)
    return "en" if share >= 0.12 else "xx"


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

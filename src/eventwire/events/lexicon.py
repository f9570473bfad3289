"""The predicate lexicon and the CAMEO reference tables, read from ``eventwire/data/``.

Pattern syntax (see ``data/lexicon/README.md``): ``HEAD/POS`` then space-separated constraints on the head's
dependents, e.g. ``hold/V dobj:talk|negotiation``, ``call/V prep:on``, ``speak/V prep:by>phone``,
``threaten/V xcomp:impose``, ``news conference/N``, ``open/A prep:to``.

>>> lex = load_lexicon()
>>> lex.entries_for("attack", "V")[0].type
'ASSAULT'
>>> lex.goldstein("1381"), lex.quad_class("1381")
(-7.0, 3)
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.records import PLOVER_TYPES

POS_CLASSES = ("V", "N", "A")
RELATIONS = ("prt", "prep", "dobj", "xcomp", "compound")
SCOPES = ("any", "reported", "received")
FRAMES = (
    "say",
    "intent",
    "aspect",
    "allege",
    "figurative",
    "mishap",
    "avoid",
    "unarmed",
    "adversity",
    "discourse",
    "level",
)

# CAMEO codes the reference table files under another PLOVER type than the one the lexicon uses, with why.
TYPE_EXCEPTIONS: dict[str, tuple[str, str]] = {
    "163": (
        "SANCTION",
        "CAMEO 163 'impose embargo, boycott or sanctions' is SANCTION in the PLOVER manual and"
        " CODING.md ('sanctions on'); CAMEO2PLOVER-2021 files it under COERCE",
    ),
}


@dataclass(frozen=True, slots=True)
class Constraint:
    """One dependent the head must have: relation, accepted lemmas and (for ``prep``) accepted objects."""

    rel: str
    lemmas: frozenset[str]
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row, parsed."""

    pattern: str
    head: str
    pos: str
    constraints: tuple[Constraint, ...]
    type: str
    mode: str | None
    cameo: str
    context: str | None
    scope: str
    example: str
    basis: str

    @property
    def specificity(self) -> float:
        """How much of the context the pattern pins down: an open complement or a preposition with its object
        says more than a bare preposition ("speak/V prep:by>phone" beats "speak/V prep:with")."""
        weights = {"xcomp": 1.5, "dobj": 1.2, "prep": 1.0, "prt": 1.0, "compound": 1.0}
        return sum(weights[c.rel] + (0.5 if c.objects else 0.0) for c in self.constraints)


@dataclass(frozen=True, slots=True)
class Complement:
    """How a frame (AGREE, THREATEN, REJECT, REQUEST or an intention) recodes an embedded event type."""

    type: str
    mode: str | None
    cameo: str


def parse_pattern(pattern: str) -> tuple[str, str, tuple[Constraint, ...]]:
    """Split a pattern into head lemma, POS class and constraints.

    >>> head, pos, cons = parse_pattern("speak/V prep:by>phone|telephone")
    >>> head, pos, cons[0].rel, sorted(cons[0].objects)
    ('speak', 'V', 'prep', ['phone', 'telephone'])
    >>> parse_pattern("news conference/N")[2][0].lemmas
    frozenset({'news'})
    """
    head_part, _, rest = pattern.partition("/")
    pos, _, cons_text = rest.partition(" ")
    if pos not in POS_CLASSES:
        raise ValueError(f"pattern {pattern!r}: POS must be one of {POS_CLASSES}")
    words = head_part.split()
    constraints: list[Constraint] = []
    if len(words) > 1:  # multiword noun: the last word is the head, the others its compound modifiers
        constraints.append(Constraint("compound", frozenset(words[:-1])))
    for item in cons_text.split():
        rel, _, value = item.partition(":")
        if rel not in RELATIONS or not value:
            raise ValueError(f"pattern {pattern!r}: bad constraint {item!r}")
        lemmas, _, objects = value.partition(">")
        constraints.append(
            Constraint(
                rel, frozenset(lemmas.split("|")), frozenset(objects.split("|")) if objects else frozenset()
            )
        )
    return words[-1], pos, tuple(constraints)


def _data_file(*parts: str) -> Path:
    return Path(str(resources.files("eventwire").joinpath("data", *parts)))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


@dataclass
class Lexicon:
    """Predicate entries indexed by (head lemma, POS class), frames, complement recodings and CAMEO tables."""

    entries: list[Entry] = field(default_factory=list)
    frames: dict[str, str] = field(default_factory=dict)
    complements: dict[tuple[str, str], Complement] = field(default_factory=dict)
    plover: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    goldstein_table: dict[str, float] = field(default_factory=dict)
    _index: dict[tuple[str, str], list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in self.entries:
            index[(e.head, e.pos)].append(e)
        for lst in index.values():
            lst.sort(key=lambda e: -e.specificity)  # stable: file order among equals
        self._index = dict(index)

    def entries_for(self, lemma: str, pos: str) -> list[Entry]:
        """Entries whose head is ``lemma`` with POS class ``pos``, most specific first."""
        return self._index.get((lemma, pos), [])

    def lookup(self, table: dict[str, object], code: str) -> str | None:
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return code[:n]
        return None

    def plover_row(self, cameo: str) -> tuple[str, str | None, str | None] | None:
        """(type, mode, context) of the longest listed prefix of ``cameo`` in the reference table."""
        key = self.lookup(self.plover, cameo)  # type: ignore[arg-type]
        return self.plover[key] if key else None

    def goldstein(self, cameo: str) -> float | None:
        """Goldstein score of the longest listed prefix of ``cameo``."""
        key = self.lookup(self.goldstein_table, cameo)  # type: ignore[arg-type]
        return self.goldstein_table[key] if key else None

    @staticmethod
    def quad_class(cameo: str) -> int | None:
        """GDELT QuadClass from the CAMEO root: 01-05 verbal cooperation 1, 06-08 material cooperation 2,
        09-14 verbal conflict 3, 15-20 material conflict 4."""
        try:
            root = int(cameo[:2])
        except ValueError:
            return None
        if 1 <= root <= 5:
            return 1
        if 6 <= root <= 8:
            return 2
        if 9 <= root <= 14:
            return 3
        if 15 <= root <= 20:
            return 4
        return None


def read_entries(path: Path, plover: dict[str, tuple[str, str | None, str | None]]) -> list[Entry]:
    """Parse predicates.tsv; raises ValueError on a malformed row."""
    out: list[Entry] = []
    lookup = Lexicon(plover=plover)
    for n, row in enumerate(_rows(path), start=2):
        head, pos, cons = parse_pattern(row["pattern"])
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"{path.name}:{n}: unknown type {row['type']!r}")
        scope = row.get("scope") or "any"
        if scope not in SCOPES:
            raise ValueError(f"{path.name}:{n}: unknown scope {scope!r}")
        ref = lookup.plover_row(row["cameo"])
        out.append(
            Entry(
                pattern=row["pattern"],
                head=head,
                pos=pos,
                constraints=cons,
                type=row["type"],
                mode=row["mode"] or None,
                cameo=row["cameo"],
                context=ref[2] if ref else None,
                scope=scope,
                example=row["example"],
                basis=row["basis"],
            )
        )
    return out


@lru_cache(maxsize=2)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """Read the lexicon and reference tables once per process (``directory`` overrides data/lexicon)."""
    ref = _data_file("reference")
    plover: dict[str, tuple[str, str | None, str | None]] = {
        r["cameo_code"]: (r["plover_type"], r["plover_mode"] or None, r["plover_context"] or None)
        for r in _rows(ref / "cameo_plover.tsv")
    }
    goldstein = {r["cameo_code"]: float(r["goldstein"]) for r in _rows(ref / "cameo_goldstein.tsv")}
    lex_dir = Path(directory) if directory else _data_file("lexicon")
    frames = {r["lemma"]: r["frame"] for r in _rows(lex_dir / "frames.tsv")}
    complements = {
        (r["outer"], r["inner"]): Complement(r["type"], r["mode"] or None, r["cameo"])
        for r in _rows(lex_dir / "complements.tsv")
    }
    entries = read_entries(lex_dir / "predicates.tsv", plover)
    return Lexicon(
        entries=entries, frames=frames, complements=complements, plover=plover, goldstein_table=goldstein
    )

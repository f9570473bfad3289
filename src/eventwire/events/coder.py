"""The event coder: lexicon triggers on the dependency parse → PLOVER events with actors, flags and dates.

One pass per sentence:

1. **Triggers.** Each token is looked up by (lemma, POS class) in the lexicon index; the most specific entry whose
   constraints the token's dependents satisfy wins ("hold/V dobj:talk" beats "hold/V"). Tokens a constraint
   used (the noun "talks") cannot trigger on their own.
2. **Embedding.** A trigger inside the complement of another trigger is part of it ("threatened to impose
   sanctions" is one THREATEN; "accused X of attacking" one ACCUSE). Under a frame verb it is reported speech
   (say), an intention (plan, want: flagged future, plus the AGREE or THREATEN the intention expresses) or an
   aspect (continue, decide: asserted as is).
3. **Arguments.** Sources are subjects (agents of passives, controllers of open complements, heads of relative
   clauses); targets are objects and prepositional objects. Argument tokens map to the actor layer's
   mentions (the mention at the head, else its apposition, compound, possessor or adjective, and conjuncts).
4. **Flags and dates.** Negation, conditionals and modals on the clause; the clause's time expression (or the
   paragraph's, or the lede's) resolved against the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventwire.events.lexicon import Complement, Entry, Lexicon
from eventwire.nlp.timex import resolve_timex
from eventwire.records import ActorRef, Event, Mention

VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Dependency links through which a trigger sits inside another predicate's complement.
_EMBED_DEPS = frozenset(
    {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "oprd", "advcl", "conj", "acl"}
)
_SUBJ_DEPS = frozenset({"nsubj", "csubj"})
_OBJ_DEPS = frozenset({"dobj", "dative", "iobj"})
_VERB_TARGET_PREPS = frozenset(
    {
        "with",
        "on",
        "against",
        "to",
        "at",
        "into",
        "toward",
        "towards",
        "upon",
        "from",
        "between",
        "alongside",
        "for",
        "over",
        "of",
        "near",
    }
)
_NOUN_TARGET_PREPS = frozenset(
    {
        "with",
        "on",
        "against",
        "to",
        "into",
        "toward",
        "towards",
        "upon",
        "between",
        "alongside",
        "of",
        "near",
        "from",
        "over",
        "for",
    }
)
# Entity labels of proper names in which an event noun is part of the name, not an event.
_NAME_ENTITIES = frozenset({"ORG", "GPE", "FAC", "NORP", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "LOC"})
# Nouns of "in defiance of X", "in protest at X": X is the target of the protest.
_DEFIANCE_NOUNS = frozenset({"defiance", "protest", "opposition"})
# Nouns of "arrested on charges of ...": the arrest states an accusation (CAMEO 112).
_CHARGE_NOUNS = frozenset({"charge", "allegation", "accusation", "suspicion"})
# Arrests (not sentences) whose "for doing X" states the arresting side's accusation.
_ARREST_VERBS = frozenset({"arrest", "detain", "apprehend", "hold"})
# Fighting words that name a two-sided fight: "X clashed with Y" is an ASSAULT each way.
_RECIPROCAL_FIGHTING = frozenset(
    {"clash", "skirmish", "fighting", "battle", "firefight", "gunbattle", "exchange", "trade"}
)  # "exchanged fire with", "traded fire": each side fires at the other
# Participles by which a vehicle or convoy hit in an attack names whom it carried ("a plane carrying ...").
_CARRYING_VERBS = frozenset({"carry", "transport", "ferry", "bring", "take"})
# Objects that make a concession one to another party's demands ("met their demands").
_DEMAND_NOUNS = frozenset({"demand", "condition", "request", "call", "ultimatum"})
# Sectors of non-state actors whose untargeted violence is aimed at home (rebels, militias, civilians).
_NON_STATE = frozenset({"REB", "CVL", "OPP", "CRM"})
# Verbs whose object, not any other argument, is the visitor ("received the minister", not "received aid from").
_HOSTING_VERBS = frozenset({"receive", "host", "welcome"})
# Verbs of travel whose "for" phrase names the event the travellers take part in ("flew to Cairo for talks").
_MOTION_VERBS = frozenset(
    {"return", "come", "arrive", "travel", "go", "head", "fly", "gather", "convene", "meet"}
)
# Verbs of helping whose open complement, when it is an event itself, is the act asserted ("helped support").
# Readiness to do these is a readiness to use force ("ready to respond if needed"): a threat (CAMEO 138).
_FORCE_VERBS = frozenset({"respond", "retaliate", "fight", "strike", "hit", "attack", "intervene"})
# Readiness to do these, or defending land, is a stance, not an event ("ready to defend the island").
_GUARD_VERBS = frozenset({"defend", "protect", "act"})
_LAND_NOUNS = frozenset(
    {"territory", "land", "sovereignty", "border", "homeland", "mile", "inch", "soil", "island", "country"}
)
# Participles of feeling whose "by" phrase names the cause, not an agent ("was deeply alarmed by the ban").
_FEELING_PARTICIPLES = frozenset({"alarmed", "concerned", "dismayed", "appalled", "outraged"})
# Verbs of promising whose infinitive is their content, even when the parser attaches it as an adverbial
# clause ("vowed on Sunday to avenge the soldiers' deaths").
_PLEDGE_VERBS = frozenset({"vow", "pledge", "promise", "swear", "threaten"})
_HELP_VERBS = frozenset({"help", "assist"})
# Revenge words whose object or "for" phrase names those avenged, never the one threatened.
_VENGEANCE = frozenset({"avenge", "revenge", "vengeance"})
# Words of a vow to hit back: the threat is aimed at whoever struck first ("vowed retaliation").
_RETALIATION = _VENGEANCE | frozenset(
    {"retaliate", "retaliation", "reprisal", "respond", "response", "reply", "unanswered", "unpunished"}
)
# "... would not go unanswered / unpunished": a promise of retaliation (CAMEO 130 'Threaten').
_UNANSWERED = frozenset({"unanswered", "unpunished", "unavenged"})
# Objects of "claim" that make the claimant the actor of the claimed act ("claimed responsibility for").
_RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
# Prepositions that name what a meeting is about rather than who takes part ("talks on the pullback").
_TOPIC_PREPS = frozenset({"on", "over", "about", "for", "into", "near"})
# Verbs that carry an event noun without adding meaning ("held talks", "told a news conference").
_SUPPORT_VERBS = frozenset(
    [
        "hold",
        "have",
        "give",
        "tell",
        "address",
        "attend",
        "host",
        "join",
        "conduct",
        "launch",
        "mount",
        "stage",
        "make",
        "issue",
        "deliver",
        "send",
        "begin",
        "start",
        "resume",
        "continue",
        "lead",
        "order",
        "sign",
        "reach",
        "announce",
        "declare",
        "wage",
        "intensify",
        "extend",
        "organize",
        "organise",
        "call",
        "renew",
        "offer",
        "pay",
        "take",
        "unleash",
        "submit",
        "lodge",
        "file",
        "open",
        "use",
        "deploy",
        "carry",
        "step",
        "go",
        "speed",
        "complete",
        "finish",
        "accelerate",
        "undertake",
        "complete",
        "hold",
        "adopt",
        "approve",
        "unveil",
        "introduce",
        "slap",
    ]
)
# Nouns that hold a batch of acts ("a package of sanctions", "a new round of talks"): the acts are the event.
_CONTAINER_NOUNS = frozenset({"package", "round", "set", "raft", "wave", "series", "batch", "slew", "string"})
_OBJECT_CONTROL = frozenset(
    [
        "urge",
        "ask",
        "call",
        "press",
        "implore",
        "demand",
        "request",
        "pressure",
        "encourage",
        "exhort",
        "appeal",
        "push",
        "beg",
        "invite",
        "want",
        "force",
        "order",
        "tell",
        "allow",
        "permit",
        "persuade",
        "warn",
        "caution",
    ]
)
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_HYPO_AUX = frozenset({"could", "might", "may", "must", "should"})  # possibility or obligation: not asserted
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_DOMESTIC_TYPES = frozenset({"PROTEST", "CONCEDE", "COERCE"})
_MUTUAL_TYPES = frozenset({"AGREE", "SUPPORT", "ACCUSE", "COOPERATE", "REJECT"})
# Sectors of the state's own organs, one side in a domestic dispute.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
# Heads of predicates that relate their coordinated subjects to each other ("X and Y agreed", "signed a pact").
_RECIPROCAL_HEADS = frozenset(
    {
        "clash",
        "skirmish",
        "trade",
        "agree",
        "agreement",
        "sign",
        "reach",
        "conclude",
        "settle",
        "normalise",
        "normalize",
        "normalization",
        "normalisation",
        "restore",
        "establish",
        "resume",
        "renew",
        "reconcile",
        "reconciliation",
        "exchange",
        "swap",
        "deal",
        "pact",
        "treaty",
        "accord",
        "truce",
        "ceasefire",
        "deepen",
        "strengthen",
        "boost",
        "improve",
        "expand",
        "tie",
        "relation",
        "partnership",
        "cooperation",
        "alliance",
        "ally",
    }
)
# Curbs that, laid on a foreign party, are sanctions ("visa restrictions on officials", "a ban on imports").
_CURB_NOUNS = frozenset({"restriction", "ban", "embargo", "curb"})
# Office holders whose suspension is an administrative sanction ("suspended the foreign minister").
_OFFICIAL_NOUNS = frozenset(
    {
        "minister",
        "official",
        "judge",
        "governor",
        "mayor",
        "officer",
        "prosecutor",
        "lawmaker",
        "commander",
        "chief",
    }
)
# Open complements by which an offer or refusal is one to meet each other ("X and Y offered to meet").
_MEETING_LEMMAS = frozenset({"meet", "talk", "negotiate", "confer"})
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "CONSULT"})
_MATERIAL_COOPERATION = frozenset({"CONCEDE", "RETREAT", "AID", "COOPERATE"})
_COOPERATIVE = frozenset({"AGREE", "CONCEDE", "RETREAT", "AID", "COOPERATE", "SUPPORT", "CONSULT"})
# Event nouns "have" carries as an encounter or words ("had talks", "had a row", "had clashes").
_HAVE_TYPES = frozenset({"CONSULT", "AGREE", "ACCUSE", "REJECT", "ASSAULT", "PROTEST"})
# Crowds whose violence is a riot (CAMEO 145), not an armed attack.
_PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter"})
# Texts a body adopts whose participle states their content ("a resolution condemning X").
_TEXT_NOUNS = frozenset(
    {"resolution", "motion", "declaration", "statement", "communique", "communiqué", "draft", "bill", "text"}
)
# Documents that can make an allegation on behalf of whoever issued them ("a report by the UN alleged ...").
_DOCUMENT_NOUNS = _TEXT_NOUNS | frozenset(
    {
        "report",
        "study",
        "dossier",
        "document",
        "inquiry",
        "investigation",
        "probe",
        "review",
        "audit",
        "letter",
        "memo",
        "indictment",
        "complaint",
        "lawsuit",
        "finding",
        "white paper",
        "assessment",
    }
)
# Verbs that stop such a text: what it states never took effect ("vetoed a resolution condemning X").
_THWART_VERBS = frozenset(
    {"veto", "block", "reject", "defeat", "kill", "scrap", "shelve", "torpedo", "oppose"}
)
# A match score ("3-1", "2–0"), never a date or a range of years.
_SCORE = re.compile(r"(?:0|[1-9]\d?)[-–](?:0|[1-9]\d?)")
# frames.tsv word lists that describe nouns and modifiers, never a governing frame verb.
_NOUN_FRAMES = frozenset({"figurative", "mishap", "unarmed", "adversity", "discourse", "level"})
# Nouns of a frontier: their modifiers ("on the Thai border") locate an act; only a force posture is aimed there.
_BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})
# Material acts that a speaker who names their perpetrator thereby accuses it of (CAMEO 112).
_ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE"})
# Events between two sides that make them adversaries in a story (for reported acts read as accusations).
_CONFLICT_TYPES = frozenset({"ACCUSE", "THREATEN", "SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "REJECT"})
# Verbs whose object is an arrangement already in force, not a new act ("monitor the truce", "violated the
# ceasefire": the violation, if any, is its own event).
_STANDING_GOVERNORS = frozenset(
    {
        "oversee",
        "monitor",
        "observe",
        "supervise",
        "enforce",
        "police",
        "violate",
        "breach",
        "honour",
        "honor",
        "respect",
        "uphold",
        "maintain",
        "preserve",
        "protect",
    }
)
# Participles by which a third party helps an act along ("a deal mediated by Qatar", "talks hosted by Oman").
_THIRD_PARTY_PARTICIPLES = frozenset(
    {"mediate", "broker", "facilitate", "host", "sponsor", "back", "support", "witness", "guarantee"}
)
# Envoys whose ordered departure is an expulsion (SANCTION expel), not a deportation.
_ENVOY_NOUNS = frozenset({"diplomat", "ambassador", "envoy", "attache", "attaché", "consul", "chargé"})
# Prepositions of time, whose objects date an act rather than take part in it.
_TIME_PREPS = frozenset({"after", "before", "during", "since", "until", "amid", "following"})
# Nouns of what an act violates: a country named with them is the victim, not the accused.
_VIOLATED_NOUNS = frozenset(
    {"sovereignty", "territory", "airspace", "waters", "soil", "integrity", "violation"}
)
# Bare object nouns that refer back to an earlier act of these types ("rejected the accusations").
_ANAPHORIC_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("accusation", "allegation", "charge", "claim", "protest", "complaint"), frozenset({"ACCUSE"})
    ),
    **dict.fromkeys(("sanction", "measure", "embargo", "penalty"), frozenset({"SANCTION"})),
    **dict.fromkeys(("expulsion", "expulsions"), frozenset({"SANCTION", "COERCE"})),
    **dict.fromkeys(("launch", "test"), frozenset({"MOBILIZE", "ASSAULT"})),
    **dict.fromkeys(
        ("attack", "strike", "airstrike", "shelling", "bombing", "killing", "assault", "incursion"),
        frozenset({"ASSAULT"}),
    ),
    "raid": frozenset({"ASSAULT", "COERCE"}),  # a raid on a camp or an embassy is force or a seizure
    "resignation": frozenset({"CONCEDE"}),
    **dict.fromkeys(("shooting", "massacre", "violence", "clashes"), frozenset({"ASSAULT"})),
    **dict.fromkeys(("ban", "curfew", "closure", "restriction"), frozenset({"COERCE", "SANCTION"})),
    **dict.fromkeys(("criticism", "condemnation"), frozenset({"ACCUSE"})),
    **dict.fromkeys(("seizure", "arrest", "arrests", "detention", "crackdown"), frozenset({"COERCE"})),
    **dict.fromkeys(
        ("takeover", "coup", "invasion", "annexation", "occupation"), frozenset({"COERCE", "ASSAULT"})
    ),
    **dict.fromkeys(("demand", "ultimatum", "request"), frozenset({"REQUEST"})),
    **dict.fromkeys(
        ("exercise", "drill", "manoeuvre", "maneuver", "deployment", "build-up", "buildup"),
        frozenset({"MOBILIZE"}),
    ),
    **dict.fromkeys(
        ("deal", "agreement", "accord", "truce", "ceasefire", "pact"),
        frozenset({"AGREE", "RETREAT", "SUPPORT"}),
    ),
    **dict.fromkeys(("offer", "proposal"), frozenset({"AGREE"})),
}
# Acts against a party that, when a speaker reports them, make a claim the party may deny.
_CLAIMED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
# A country's missions abroad: a protest outside one is aimed at that country.
_MISSION_NOUNS = frozenset({"embassy", "consulate", "mission", "embassies", "consulates", "missions"})
# Types whose act belongs to both parties when it was coded both ways: "praised the deal" praises both signatories.
_MUTUAL_OWNED = frozenset({"AGREE", "RETREAT", "SUPPORT"})
# How many sentences back such a noun may reach.
_ANAPHORA_SENTENCES = 6
# Events whose two parties are the "sides" a later "both sides" means.
_PAIRING_TYPES = frozenset(
    {"ASSAULT", "CONSULT", "RETREAT", "COOPERATE", "ACCUSE", "THREATEN", "MOBILIZE", "SANCTION", "COERCE"}
)  # not requests, praise or aid, which often go to a third party
# Plural nouns that, with "both" or "two", name the two parties just mentioned ("both sides").
_PAIR_NOUNS = frozenset(
    {
        "side",
        "country",
        "leader",
        "president",
        "government",
        "party",
        "nation",
        "neighbour",
        "neighbor",
        "rival",
        "delegation",
        "army",
        "capital",
        "minister",
        "state",
    }
)
# Verbs by which a text or deal binds its object to act ("the accord commits Rwanda to withdraw").
_BINDING_VERBS = frozenset({"commit", "bind", "oblige", "obligate"})
# Verbs by which an event noun simply happens ("protests erupted", "fighting broke out", "a bomb exploded").
_OCCURRENCE_VERBS = frozenset(
    {"erupt", "break", "spread", "flare", "rage", "explode", "detonate", "escalate", "intensify", "occur"}
)
# Hazards a warning may be about, besides the disasters and adversities of frames.tsv.
_HAZARDS = frozenset(
    {
        "shortage",
        "crisis",
        "risk",
        "danger",
        "catastrophe",
        "spread",
        "surge",
        "collapse",
        "dengue",
        "measles",
        # economic trouble ("warned that growth could slow", "cautioned that inflation may rise")
        "growth",
        "economy",
        "inflation",
        "price",
        "unemployment",
        "recession",
        "deficit",
        "debt",
        "market",
    }
)
# Open water where a missile that hits nobody lands ("fired a missile into the sea").
_OPEN_WATER = frozenset({"sea", "ocean", "water", "waters", "gulf"})
# Gatherings whose dispersal is force against the civilians in them ("dispersed a protest").
_CROWD_NOUNS = frozenset(
    {
        "protest",
        "demonstration",
        "rally",
        "crowd",
        "march",
        "gathering",
        "sit-in",
        "vigil",
        "protester",
        "demonstrator",
        "mob",
    }
)
# Verbs of crowds acting on their own, which the tagger takes for participles after "Thousands ...".
_CROWD_VERBS = frozenset({"protest", "rally", "march", "demonstrate", "riot", "strike", "picket"})
# Sector of an actor known only by the place where it acted ("protested in Tbilisi", "a bomb in Samarra").
_PLACE_SOURCE_SECTOR: dict[str, str | None] = {"PROTEST": "CVL", "ASSAULT": None}
# Sector of the home side at which an act with no named target is aimed ("rebels fought on": the state).
_HOME_TARGET_SECTOR: dict[str, str | None] = {"PROTEST": "GOV", "COERCE": None, "CONCEDE": None}
# Verbs of reporting after which a sentence-final participle continues the reported clause.
_SAY_LEMMAS = frozenset({"say", "report", "tell", "announce", "state", "add", "claim", "confirm"})
# Participles of "rebel-held", "Kurdish-controlled": the modifier names who holds a place, not its owner.
_HOLDING_PARTICIPLES = frozenset(
    {"hold", "control", "occupy", "run", "dominate", "base", "back", "lead", "sponsor", "support", "align"}
)
# Sectors of the bodies that a report of an attack can accuse (armed forces, police, governments, rebels).
_ACCUSABLE_SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "CRM", "JUD"})
# Pronouns by which a reported act's victim is the speaker itself ("fired at it", "shelled our positions").
_VICTIM_PRONOUNS = frozenset({"it", "its", "us", "our", "them", "their", "him", "his", "her", "me", "my"})
# Prepositions that introduce the victim of an attack ("fired at", "an attack on").
_ATTACKED_PREPS = frozenset({"at", "on", "against", "upon", "into"})


@dataclass
class _Cand:
    tok: Token
    entry: Entry
    used: set[int] = field(default_factory=set)
    obj: Token | None = None  # the noun a dobj constraint matched ("talks" in "held talks")
    xcomp: Token | None = None  # the complement an xcomp constraint matched
    outer: _Cand | None = None
    frame: str | None = None  # say / intent / aspect
    frame_tok: Token | None = None
    support: Token | None = None  # support verb carrying an event noun


# The rule "X said Y must/should ...": a REQUEST by X of Y (CAMEO 100 "make demand, not specified").
def _rule_entry(
    pattern: str,
    typ: str,
    mode: str | None,
    cameo: str,
    *,
    pos: str = "V",
    scope: str,
    example: str,
    basis: str,
) -> Entry:
    """A lexicon-shaped entry for an event a coder rule builds (not matched by the lexicon's head words)."""
    return Entry(
        pattern=pattern,
        head="",
        pos=pos,
        constraints=(),
        type=typ,
        mode=mode,
        cameo=cameo,
        context=None,
        scope=scope,
        example=example,
        basis=basis,
    )


_MODAL_DEMAND = _rule_entry(
    "SAY ccomp:must|should",
    "REQUEST",
    None,
    "100",
    scope="reported",
    example="Russia said Sudan must return the helicopter.",
    basis="CODING.md: a verbal event inside reported speech belongs to the speaker",
)

# The rule "X said Y would pay a price / face the consequences": a THREATEN by X of Y (CAMEO 130).
_PENALTY_THREAT = _rule_entry(
    "SAY ccomp:pay>price|face>consequence",
    "THREATEN",
    None,
    "130",
    scope="reported",
    example="Israel said Hezbollah would pay a heavy price.",
    basis="CAMEO 1.1b3 codebook 130 'Threaten': a penalty announced for the other side",
)
_RETALIATION_THREAT = _rule_entry(
    "SAY ccomp:go>unanswered|unpunished",
    "THREATEN",
    None,
    "130",
    scope="reported",
    example="Hezbollah said the attack would not go unpunished.",
    basis="CAMEO 1.1b3 codebook 130 'Threaten': a promise of retaliation against whoever struck",
)
_DISMISSAL = _rule_entry(
    "SAY ccomp:be>claim+false",
    "REJECT",
    None,
    "120",
    scope="reported",
    example="India said Canada's allegations were baseless.",
    basis="CODING.md: a denial of an accusation is REJECT; CAMEO 1.1b3 codebook 120 'Reject'",
)
_CLAIM_MADE = _rule_entry(
    "claim noun made by X",
    "ACCUSE",
    "allege",
    "112",
    pos="N",
    scope="any",
    example="India said the allegations made by Canada's prime minister were baseless.",
    basis="CAMEO 1.1b3 codebook 112 'Accuse': allegations the text says a party made",
)
# Nouns for a claim against someone, and words that call it false ("said the allegations were baseless").
_CLAIM_NOUNS = frozenset(
    {
        "allegation",
        "accusation",
        "claim",
        "charge",
        "report",
        "assertion",
        "statement",
        "story",
        "rumour",
        "rumor",
    }
)
_FALSEHOOD = frozenset(
    {
        "baseless", "false", "untrue", "groundless", "unfounded", "fabrication", "fabricated", "lie", "lies",
        "absurd", "nonsense", "fake", "propaganda", "ridiculous", "preposterous", "slander", "smear",
        "misinformation", "disinformation", "fiction", "invention", "inaccurate", "wrong",
    }
)  # fmt: skip
_ULTIMATUM = _rule_entry(
    "give X a week|deadline to",
    "THREATEN",
    None,
    "130",
    scope="any",
    example="ECOWAS gave Niger's junta one week to restore the president.",
    basis="CODING.md: THREATEN includes an ultimatum; CAMEO 1.1b3 codebook 130 'Threaten, not specified below'",
)
# Time given to act: a deadline set for another party is an ultimatum ("gave the junta one week to ...").
_DEADLINE_NOUNS = frozenset({"week", "day", "hour", "month", "deadline", "ultimatum"})
_DIRECTIVE = _rule_entry(
    "ask|tell|order|instruct dobj xcomp",
    "REQUEST",
    None,
    "100",
    scope="any",
    example="India told Canada to reduce its diplomatic staff.",
    basis="CAMEO 1.1b3 codebook 100 'Make request, not specified below': asking or telling a party to act",
)
# Verbs that, with an actor as object and a to-infinitive, ask or tell that actor to act.
_DIRECTIVE_VERBS = frozenset({"ask", "tell", "order", "instruct", "direct", "command"})
# Verbs of suffering a penalty, with the objects that make them one (empty: any, "would regret it").
_PENALTY_VERBS: dict[str, frozenset[str]] = {
    "pay": frozenset({"price", "cost"}),
    "face": frozenset({"consequence", "retaliation", "response", "punishment", "reprisal"}),
    "regret": frozenset(),
}


# -- matching --------------------------------------------------------------------------------------------
def _pos_class(tok: Token) -> str | None:
    pos = tok.pos_
    if pos == "VERB" and tok.tag_ == "VBN" and tok.lower_ in _FEELING_PARTICIPLES:
        return "A"  # "he was (deeply) alarmed by the ban": a participle of feeling, read as its adjective
    if pos == "VERB":
        return "V"
    if pos in ("NOUN", "PROPN"):
        return "N"
    if pos == "ADJ":
        return "A"
    return None


def _pobj_lemmas(prep: Token) -> set[str]:
    return {c.lemma_.lower() for c in prep.children if c.dep_ in ("pobj", "pcomp")}


def _satisfy(tok: Token, entry: Entry, cand: _Cand) -> bool:
    """Whether ``tok``'s dependents meet every constraint of ``entry``; records the tokens used in ``cand``."""
    children = list(tok.children)
    passive = any(c.dep_ == "auxpass" for c in children)
    for con in entry.constraints:
        found: Token | None = None
        if con.rel == "prt":
            for c in children:
                if c.dep_ in ("prt", "prep", "advmod", "npadvmod") and c.lower_ in con.lemmas:  # "test-fired"
                    if c.lower_ == "in" and any(g.dep_ == "pobj" for g in c.children):
                        continue  # "gave the junta in Niamey a week": a preposition with its object ("give in")
                    found = c
                    break
            if found is not None and con.objects:
                found = (
                    found
                    if any(
                        _pobj_lemmas(p) & con.objects
                        for p in children + list(found.children)
                        if p.dep_ == "prep"
                    )
                    or any(d.lemma_.lower() in con.objects for d in children if d.dep_ == "dobj")
                    else None
                )
        elif con.rel == "prep":
            for c in children:
                if c.dep_ in ("prep", "agent", "dative") and c.lower_ in con.lemmas and c.i > tok.i:
                    if con.objects and not (_pobj_lemmas(c) & con.objects):
                        continue
                    if any(p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj"):
                        continue  # "agreed on Wednesday" is not "agreed on a plan"
                    found = c
                    break
        elif con.rel == "dobj":
            for c in children:
                if c.dep_ in ("dobj", "attr") or (passive and c.dep_ == "nsubjpass"):
                    if c.lemma_.lower() in con.lemmas or c.lower_ in con.lemmas:
                        found = c
                        break
                    for x in c.children:  # "provided photographs and other military intelligence"
                        if x.dep_ == "conj" and x.pos_ == "NOUN" and x.lemma_.lower() in con.lemmas:
                            found = x
                            break
                    if found is not None:
                        break
                    for p in c.children:  # "25,000 tons of food aid", "a package of sanctions"
                        if p.dep_ == "prep" and p.lower_ == "of":
                            hit = [
                                o for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in con.lemmas
                            ]
                            if hit:
                                found = hit[0]
                    if found is not None:
                        break
            if found is not None:
                cand.obj = found
        elif con.rel == "xcomp":
            pool = [c for c in children if c.dep_ in ("xcomp", "ccomp", "advcl")]
            for c in children:
                if c.dep_ == "prep":
                    for p in c.children:
                        pool.extend(x for x in p.children if x.dep_ in ("xcomp", "relcl", "acl"))
                elif c.dep_ == "dobj":
                    pool.extend(x for x in c.children if x.dep_ in ("xcomp", "acl", "relcl"))
            for c in pool:
                if c.lemma_.lower() in con.lemmas:
                    found = c
                    break
            if found is not None:
                cand.xcomp = found
        elif con.rel == "compound":
            for c in children:
                if c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in con.lemmas:
                    found = c
                    break
        if found is None:
            return False
        cand.used.add(found.i)
    return True


def _deadline_act(tok: Token) -> bool:
    """Whether ``tok`` is the act a deadline demands: the infinitive of "gave X a week to ..." (on "give" or on
    the time noun)."""
    head = tok.head
    if head.lemma_.lower() in _DEADLINE_NOUNS:
        head = head.head
    return head.lemma_.lower() == "give" and any(
        c.lemma_.lower() in _DEADLINE_NOUNS for c in head.children if c.dep_ in ("dobj", "npadvmod")
    )


def _no_one(tok: Token) -> bool:
    """A subject that denies the act: "no one", "nobody", "none of them"."""
    low = tok.lower_
    return low in ("nobody", "none", "nothing") or (
        low == "one" and any(d.lower_ == "no" for d in tok.children)
    )


def _dismissed_claim(clause: Token) -> Token | None:
    """The claim noun of "(said) the allegations were baseless", "the report was a fabrication": a copula clause
    whose subject is a claim and whose predicate calls it false; else None."""
    if clause.lemma_.lower() != "be":
        return None
    claim = next((c for c in clause.children if c.dep_ == "nsubj" and c.lemma_.lower() in _CLAIM_NOUNS), None)
    verdict = [
        t
        for c in clause.children
        if c.dep_ in ("acomp", "attr")
        for t in [c, *(x for x in c.children if x.dep_ == "conj")]
    ]
    if claim is None or not any(t.lemma_.lower() in _FALSEHOOD for t in verdict):
        return None
    if any(c.dep_ == "neg" for c in clause.children):
        return None  # "said the claims were not baseless"
    return claim


def _unanswered(clause: Token) -> bool:
    """ "(the strikes) would not go unanswered / unpunished": a clause that promises retaliation."""
    return clause.lemma_.lower() == "go" and any(
        c.lower_ in _UNANSWERED for c in clause.children if c.dep_ in ("acomp", "oprd", "xcomp", "advmod")
    )


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected English word, for when the lemmatizer gets one wrong.

    >>> _base_forms("staged")[:2]
    ['stage', 'stag']
    """
    out = [word]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ing", "e"),
        ("ing", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            out.append(base)
            if repl == "" and len(base) > 3 and base[-1] == base[-2]:  # "banned" -> "ban"
                out.append(base[:-1])
    return out[1:]


def _root_noun_misparse(tok: Token) -> bool:
    """ "Nurses from two French charities donated and delivered supplies to X": a sentence whose root the parser
    made the subject noun, with the real main verb an object-taking participle of the noun's of/from phrase."""
    root = tok.sent.root
    if (
        tok.dep_ == "acl"
        and tok.lemma_.lower() in _CROWD_VERBS
        and tok.head.i == root.i
        and root.pos_ in ("NOUN", "PROPN")
        and root.i < tok.i
        and not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and tok not in t.ancestors for t in tok.sent)
    ):
        return True  # "Thousands protested in Belgrade": a verbless sentence's crowd "modifier" is its verb
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or root.pos_ not in ("NOUN", "PROPN"):
        return False
    if (
        tok.head.i == root.i
        and any(c.dep_ == "appos" and c.i < tok.i for c in root.children)
        and tok.i > 0
        and tok.nbor(-1).text == ","
        and not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and tok not in t.ancestors for t in tok.sent)
    ):
        return (
            True  # "China, a close partner of both countries, called on the two neighbours to ...": the verb
        )
    if tok.head.dep_ != "pobj" or tok.head.head.dep_ != "prep" or tok.head.head.head.i != root.i:
        return False
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(o.dep_ == "dobj" for v in verbs for o in v.children) and not any(
        c.dep_ == "agent" for c in tok.children
    )


def _participle_as_past(tok: Token) -> bool:
    """ "the journalists jailed for criticising Ankara": a noun-modifying participle the tagger took for a
    past tense (VBD) but which has no object of its own."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBD"
        and not any(c.dep_ in ("dobj", "nsubj", "dative") for c in tok.children)
    )


def _reduced_relative_misparse(tok: Token) -> bool:
    """ "The civilians imprisoned for protesting were released": the parser made the participle the main verb
    (VBD) of its noun; the real main verb is a passive joined to it without "and" and without its own subject.

    The participle then describes its noun (the noun underwent it), and nobody is named doing it."""
    if tok.tag_ not in ("VBD", "VBN") or not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    if any(c.dep_ in ("dobj", "dative", "cc", "aux", "auxpass") for c in tok.children):
        return False
    return any(
        c.dep_ == "conj"
        and c.i > tok.i
        and any(a.dep_ == "auxpass" for a in c.children)
        and not any(a.dep_ in ("nsubj", "nsubjpass", "cc") for a in c.children)
        for c in tok.children
    )


def _partakes(verb: Token) -> bool:
    """ "participated in", "took part in", "engaged in": a verb whose "in" phrase is an act its subject joins.

    Not "was involved in" or "was killed in": a passive's subject undergoes or is named, it does not act."""
    if verb.pos_ != "VERB" or _is_passive(verb):
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("participate", "engage", "join"):
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _protesters(m: Mention) -> bool:
    """Whether a mention names protesters or rioters ("the rioters", "Tunisian demonstrators")."""
    words = m.text.lower().split()
    return bool(words) and words[-1].removesuffix("s") in _PROTESTER_NOUNS


def _supports(verb: Token, cand: _Cand) -> bool:
    """Whether ``verb`` carries ``cand``'s event noun: a support verb, but "have" only for encounters and
    words ("had talks", "had a row"); with aid, troops or sanctions it is possession ("had unspent
    donations", "has troops in the region")."""
    lemma = verb.lemma_.lower()
    if lemma not in _SUPPORT_VERBS:
        return False
    return lemma != "have" or cand.entry.type in _HAVE_TYPES


def _background_participle(tok: Token) -> bool:
    """ "the Israeli-occupied sector", "a member jailed a year ago": a participle that describes its noun
    states background, not a new event (unless an agent says who did it)."""
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):  # "an occupying army", "Israeli-occupied"
        return True
    if _reduced_relative_misparse(tok):
        return not any(c.dep_ == "agent" for c in tok.children)
    if (tok.tag_ != "VBN" and not _participle_as_past(tok)) or _root_noun_misparse(tok):
        return False
    head = tok.head
    if head.dep_ in ("attr", "nsubj") and any(c.dep_ == "expl" for c in head.head.children):
        return False  # "there were ten soldiers killed": the existential asserts the event
    return tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children)


def _match(tok: Token, lexicon: Lexicon) -> _Cand | None:
    pos = _pos_class(tok)
    if pos is None or (pos == "V" and _background_participle(tok)):
        return None
    entries = lexicon.entries_for(tok.lemma_.lower(), pos)
    if (
        pos == "N" and tok.i >= 2 and tok.nbor(-1).text == "-"
    ):  # "build-up", "cease-fire": split by the tokenizer
        hyphened = lexicon.entries_for(f"{tok.nbor(-2).lower_}-{tok.lemma_.lower()}", pos)
        if hyphened:
            entries = hyphened
    if not entries and pos == "A" and tok.lower_ != tok.lemma_.lower():
        entries = lexicon.entries_for(tok.lower_, pos)  # "alarmed" (lemma "alarm") used as an adjective
    if not entries and pos in ("V", "N") and tok.lower_ != tok.lemma_.lower():
        for form in _base_forms(tok.lower_):  # the lemmatizer's slips: "staged" -> "stag"
            entries = lexicon.entries_for(form, pos)
            if entries:
                break
    for entry in entries:
        cand = _Cand(tok, entry)
        if _satisfy(tok, entry, cand):
            return cand
    return None


# -- actors ----------------------------------------------------------------------------------------------
class _MentionIndex:
    """Token index → the mention covering it (the longest when several overlap)."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        self.same_span: dict[tuple[int, int], list[Mention]] = {}
        # the two parties of the latest two-party event, for "both sides" / "the two countries"
        self.pair: list[Mention] = []
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            self.same_span.setdefault((m.start, m.end), []).append(m)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token[t.i] = m

    def at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def all_at(self, tok: Token) -> list[Mention]:
        """Every mention of the span at ``tok`` ("them" may stand for NATO and the OSCE at once)."""
        m = self.by_token.get(tok.i)
        return self.same_span.get((m.start, m.end), [m]) if m is not None else []


def _conjuncts(tok: Token) -> list[Token]:
    """The token and its conjuncts; "The US, Russia, and Switzerland" often parses Russia as an apposition
    that carries the rest of the list."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and any(x.dep_ in ("conj", "cc") for x in c.children)):
            out.extend(_conjuncts(c))
    return out


def _actors_at(tok: Token, index: _MentionIndex, depth: int = 0) -> list[Mention]:
    """Mentions an argument token stands for: its own, else its apposition, modifiers or of-phrase; and the
    same for each conjunct ("NATO and the United States")."""
    out: list[Mention] = []
    toks = _conjuncts(tok)
    m = index.at(tok)
    if m is not None:
        # a name the parser split ("Barack/nsubj Obama/pobj and Vladimir Putin/conj"): the list hangs on
        # another token of the same name
        for t in tok.subtree:
            if t.i != tok.i and index.at(t) is m:
                toks.extend(x for c in t.children if c.dep_ == "conj" for x in _conjuncts(c))
    for t in toks:
        found = _actor_of_one(t, index, depth)
        for m in found:
            if m not in out:
                out.append(m)
    return out


def _names_the_pair(tok: Token) -> bool:
    """ "both sides", "the two countries", "both leaders": the two parties the story has just named."""
    if tok.lemma_.lower() not in _PAIR_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    return any(
        (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
        or (c.dep_ in ("nummod", "amod") and c.lower_ == "two")
        for c in tok.children
    )


def _actor_of_one(tok: Token, index: _MentionIndex, depth: int) -> list[Mention]:
    m = index.at(tok)
    if index.pair and (m is None or m.how == "group" or not _has_code([m])) and _names_the_pair(tok):
        return list(index.pair)
    children = list(tok.children)
    if m is not None and m.how == "group":
        # "Vietnamese-led forces": a generic noun's leader names it better than the context country
        led = [
            x
            for c in children
            if c.dep_ == "amod" and c.lower_ == "led"
            for a in c.children
            if a.dep_ in ("npadvmod", "compound", "amod", "nmod")
            for x in _actors_at(a, index, depth + 1)
            if _has_code([x])
        ]
        if led:
            return led
    if m is not None:
        out = list(index.all_at(tok))
        # "the foreign ministers of Congo and Rwanda": one role mention, two countries
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobjs = [p for p in c.children if p.dep_ == "pobj"]
                for other in pobjs[1:] + [x for p in pobjs for x in _conjuncts(p)[1:]]:
                    out.extend(
                        x for x in _actors_at(other, index, depth + 1) if _has_code([x]) and x not in out
                    )
        # "Hungarian and Romanian officials": coordinated modifiers name further actors
        for c in children:
            if c.dep_ in ("amod", "compound", "nmod") and any(x.dep_ == "conj" for x in c.children):
                out.extend(x for x in _actors_at(c, index, depth + 1) if x not in out)
        if _has_code(out) or depth > 2:
            return out
        # an uncoded mention at the head ("King" of "Defence Secretary Tom King"): try its modifiers
        for c in children:
            if c.dep_ in ("compound", "amod", "appos", "poss", "nmod"):
                coded = [x for x in _actors_at(c, index, depth + 1) if _has_code([x])]
                if coded:
                    return coded
        for c in children:  # "forces from Panama", "officials of Iraq"
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "in"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        coded = [x for x in _actors_at(p, index, depth + 1) if _has_code([x])]
                        if coded:
                            return coded
        return out
    if depth > 2:
        return []
    fallback: list[Mention] = []
    for deps in (("appos",), ("compound", "poss", "amod", "nmod"), ("prep", "acl")):
        found: list[Mention] = []
        for c in children:
            if c.dep_ not in deps:
                continue
            if c.dep_ == "amod" and c.lower_ == "led":
                # "the Saudi-led coalition", "a NATO-led mission": the leader acts ("Russian-backed
                # separatists" stay the fighters themselves)
                for a in c.children:
                    if a.dep_ in ("npadvmod", "compound", "amod", "nmod"):
                        found.extend(_actors_at(a, index, depth + 1))
                continue
            if c.dep_ == "acl":  # "crimes committed by Croat forces": the agent of the participle
                if c.lemma_.lower() in _THIRD_PARTY_PARTICIPLES:
                    continue  # "a deal mediated by Qatar": the mediator is not a party to the deal
                for a in c.children:
                    if a.dep_ == "agent" or (
                        a.dep_ == "prep" and a.lower_ == "in" and c.lemma_.lower() == "base"
                    ):  # "a militant group based in Syria": where it is based
                        for p in a.children:
                            if p.dep_ == "pobj":
                                found.extend(_actors_at(p, index, depth + 1))
                continue
            if c.dep_ == "prep":
                if c.lower_ not in ("of", "from", "by", "in", "with", "for", "to"):
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        found.extend(_actors_at(p, index, depth + 1))
            else:
                found.extend(_actors_at(c, index, depth + 1))
        if found and _has_code(found):
            return found
        if found and not fallback:  # "a member of the Syrian parliament, Mohammed Mamoun": prefer the coded
            fallback = found
    return fallback


def _has_code(ms: list[Mention]) -> bool:
    return any(m.actor is not None and m.actor.code for m in ms)


def _first_found(options: Iterable[tuple[list[Mention], str]]) -> tuple[list[Mention], str]:
    """The first non-empty mention list that carries a country or organisation code, else the first one."""
    fallback: tuple[list[Mention], str] = ([], "")
    for found, path in options:
        if not found:
            continue
        if _has_code(found):
            return found, path
        if not fallback[0]:
            fallback = (found, path)
    return fallback


def _ref(m: Mention) -> ActorRef:
    if m.actor is not None:
        return m.actor
    return ActorRef(name=m.text)


# -- syntax helpers --------------------------------------------------------------------------------------
def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) and tok.tag_ == "VBN"


_STATIVE_PASSIVES = frozenset(
    {"oppose", "commit", "prepare", "determine", "dedicate", "resolve", "involve", "engage"}
)


def _thing_subject(tok: Token) -> bool:
    """True when a verb's subject is a common noun that names no actor ("the crisis that threatens Europe",
    "the plan rejects ..."): verbal acts need someone to perform them. A relative pronoun stands for its
    antecedent. Called only when no actor mention covers the subject."""
    subj, _, path = _subject_tokens(tok)
    if path != "nsubj" or not subj:
        return False
    heads = [tok.head if (s.tag_ == "WDT" and tok.dep_ == "relcl") else s for s in subj]
    # singular, and not shaped like a word for people ("elders", "members", "the negotiator" may be actors)
    return all(h.tag_ == "NN" and not h.lower_.endswith(_PERSON_SUFFIXES) for h in heads)


_PERSON_SUFFIXES = ("er", "or", "ist", "man", "woman", "ian", "ant", "ent", "ee", "ess", "ier", "ive")


def _subject_tokens(tok: Token, depth: int = 0) -> tuple[list[Token], list[Token], str]:
    """(source tokens, patient tokens, path) for a verb or predicate adjective."""
    children = list(tok.children)
    if _is_passive(tok) and (
        (tok.lemma_.lower() in _STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in children))
        or tok.lower_
        in _FEELING_PARTICIPLES  # "he was alarmed by the ban": he feels it; the ban acts on no one
    ):
        # "Israel is opposed to": a state of its subject
        subj = [c for c in children if c.dep_ == "nsubjpass"]
        if subj:
            return subj, [], "nsubj"
    if _is_passive(tok):
        agents = [p for c in children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        patients = [c for c in children if c.dep_ == "nsubjpass"]
        if not patients and tok.dep_ == "conj" and not _is_passive(tok.head):
            # "the rebels seized the town and were attacked by": the first verb's subject undergoes it
            patients = [c for c in tok.head.children if c.dep_ in _SUBJ_DEPS]
        if agents:
            return agents, patients, "agent"
        if depth == 0 and tok.dep_ == "acl":
            return [], [tok.head], "acl-head"
        return [], patients, "passive"
    subj = [c for c in children if c.dep_ in _SUBJ_DEPS] or [
        g for c in children if c.dep_ == "aux" for g in c.children if g.dep_ in _SUBJ_DEPS
    ]  # "Egypt and Qatar are mediating": a parse that hung the subject on the auxiliary
    if (
        subj
        and tok.dep_ == "relcl"
        and tok.head.i != tok.i
        and all(c.tag_ == "WP" or (c.tag_ == "WDT" and tok.head.pos_ == "PROPN") for c in subj)
    ):
        # "John Kirby, who called on Iran", "ECOWAS, which had urged Dakar": the antecedent acts
        return [tok.head], [], "relcl-head"
    if subj:
        return subj, [], "nsubj"
    if depth > 3:
        return [], [], ""
    head = tok.head
    if tok.dep_ == "conj" and head.i != tok.i:
        if _is_passive(head):
            # "the minister has been indicted by the court and will resign": the passive's patient acts
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:
                return raised, [], "conj>nsubjpass"
        s, p, path = _subject_tokens(head, depth + 1)
        return s, p, "conj>" + path
    if tok.dep_ == "xcomp" and head.i != tok.i:
        if _is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:  # "Obama is scheduled to attend": the raised subject acts
                return raised, [], "raised-subject"
        if head.lemma_.lower() in _OBJECT_CONTROL:
            obj = [c for c in head.children if c.dep_ in ("dobj",)]
            if obj:
                return obj, [], "object-control"
            for c in head.children:  # "called on X to"
                if c.dep_ == "prep" and c.lower_ == "on":
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if objs:
                        return objs, [], "object-control"
        s, p, path = _subject_tokens(head, depth + 1)
        return s, p, "xcomp>" + path
    if tok.dep_ in ("acomp", "oprd") and head.i != tok.i:
        s, p, path = _subject_tokens(head, depth + 1)
        return s, p, "copula>" + path
    if tok.dep_ == "relcl" and head.i != tok.i:
        return [head], [], "relcl-head"
    if tok.dep_ == "acl" and head.i != tok.i:
        if _root_noun_misparse(tok):
            return [tok.head], [], "root-noun>from"  # the body the people come from acts (CAMEO)
        # "soldiers killed in Ukraine": the noun is what the participle happened to
        if tok.tag_ == "VBN" or _participle_as_past(tok):
            return [], [head], "passive"
        return [head], [], "acl-head"
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.i != tok.i and head.lemma_.lower() in _SAY_LEMMAS:
        # "X struck targets, state media reported, killing two soldiers": the participle continues the report
        reported = [c for c in head.children if c.dep_ == "ccomp" and c.i < tok.i]
        if reported:
            s, p, path = _subject_tokens(reported[0], depth + 1)
            return s, p, "advcl>reported>" + path
    if (
        tok.dep_ == "pcomp"
        and head.lower_ in ("for", "of")
        and head.head.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in head.head.children)
    ):
        # "punishing Lukashenko's government for forcing a jet to land": the punished did it
        return [c for c in head.head.children if c.dep_ == "dobj"], [], "pcomp>object"
    if tok.dep_ in ("advcl", "pcomp") and head.i != tok.i:
        anchor = head.head if tok.dep_ == "pcomp" else head
        if anchor.pos_ in ("VERB", "AUX", "ADJ"):
            s, p, path = _subject_tokens(anchor, depth + 1)
            return s, p, tok.dep_ + ">" + path
    return [], [], ""


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[tuple[Token, str]]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append((p, f"prep:{c.lower_}"))
    return out


def _clause_verb(cand: _Cand) -> Token:
    """The verb whose auxiliaries, negation and time expressions the event takes."""
    tok = cand.tok
    if cand.support is not None:
        return cand.support
    if cand.entry.pos == "A" and tok.dep_ in ("acomp", "oprd"):
        return tok.head
    return tok


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "itself", "themselves"})


def _own_side_pronoun(m: Mention, tok: Token) -> bool:
    """A mention reached through a pronoun ("its troops", "their ties"), which names the source's own side."""
    if m.how == "pronoun" or m.text.split()[0].lower() in _POSSESSIVES:
        return True
    # "its troops" resolved to the possessor's country: the head noun itself carries the possessive
    covers = m.start <= tok.idx < m.end
    return covers and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in tok.children)


_PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "them", "him", "her", "us"})


def _inflects(word: str, lemma: str) -> bool:
    """Whether ``word`` is ``lemma`` or a regular plural of it ("talks", "embargoes", "atrocities", "crises").

    >>> _inflects("aides", "aid"), _inflects("talks", "talk"), _inflects("atrocities", "atrocity")
    (False, True, True)
    """
    if word in (lemma, lemma + "s"):
        return True
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")) and word == lemma + "es":
        return True
    if lemma.endswith("y") and word == lemma[:-1] + "ies":
        return True
    if lemma.endswith("is") and word == lemma[:-2] + "es":
        return True
    return not word.isalpha() or not lemma.isalpha()  # hyphenated and other forms are left to the lemmatiser


def _infinitive(tok: Token) -> bool:
    """Whether ``tok`` heads a to-infinitive ("to help")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _pronoun_like(m: Mention) -> bool:
    """A pronoun mention, also one the actor resolver left unresolved ("announced that it has called off")."""
    return m.how == "pronoun" or (m.how == "unresolved" and m.text.lower() in _PERSONAL_PRONOUNS)


def _unique_refs(mentions: list[Mention]) -> list[ActorRef]:
    """Actor refs of mentions, one per actor ("the US and its allies" names the US once)."""
    out: list[ActorRef] = []
    keys: set[tuple[str | None, str | None, str | None]] = set()
    for m in mentions:
        ref = _ref(m)
        key = (ref.code, ref.actor_id, ref.name if ref.actor_id or not ref.code else None)
        if key not in keys:
            keys.add(key)
            out.append(ref)
    return out


def _side(ref: ActorRef) -> tuple[str | None, str | None]:
    """(country, camp) of an actor: the state's organs (government, army, police, courts, legislature) form one
    camp; any other sector is a camp of its own; no sector is any camp."""
    sector = ref.sector
    return ref.code, ("STATE" if sector in _STATE_SECTORS else sector)


def _with_sector(mentions: list[Mention], sector: str | None) -> list[Mention]:
    """Copies of ``mentions`` whose actor is the same country with another sector (a place as protesters)."""
    return [replace(m, actor=replace(m.actor, sector=sector, name=None, actor_id=None, kind=None)) if m.actor
            else m for m in mentions]  # fmt: skip


def _spans_of(refs: list[ActorRef], pool: list[Mention]) -> list[tuple[int, int]]:
    """Character spans of the mentions in ``pool`` that name one of ``refs``, in text order, once each."""
    spans = {(m.start, m.end) for m in pool if any(_ref(m) == r for r in refs)}
    return sorted(spans)


def _span_note(src: list[Mention], tgt: list[Mention], sent: Span) -> str:
    """Argument spans for ``eventwire explain`` (kept in the rule text: records carry no argument spans).

    Offsets are relative to the start of the sentence as it was parsed (``source_at=0-6``): the pipeline maps
    the record's own offsets back after repairing fused words, but not text inside the rule, so explain maps
    these within the sentence (see :func:`eventwire.commands.explain.argument_spans`).
    """
    base = sent.start_char
    parts = []
    if src:
        parts.append("source_at=" + ",".join(f"{m.start - base}-{m.end - base}" for m in src))
    if tgt:
        parts.append("target_at=" + ",".join(f"{m.start - base}-{m.end - base}" for m in tgt))
    return "".join(" ; " + p for p in parts)


def _path_up(t: Token, top: Token) -> list[Token]:
    """The tokens from ``t`` up to (not including) ``top``; all of ``t``'s ancestors if ``top`` is not one."""
    out = []
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _in_clause_of_other_verb(t: Token, verb: Token) -> bool:
    """Whether ``t`` sits inside a subordinate clause (relative, adverbial, complement) below ``verb``."""
    cur = t
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "advcl", "ccomp", "acl", "xcomp", "parataxis"):
            return True
        cur = cur.head
    return False


def _is_name(tok: Token) -> bool:
    """A modifier that can name an actor: a possessor, a proper noun or a named entity ("Russian")."""
    return tok.dep_ == "poss" or tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")


_RAISING_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound", "happen", "turn"})


def _expletive(tok: Token) -> bool:
    """ "it is essential that ...", "it seems that ...": a dummy subject (not "it would allow ... to remove")."""
    head = tok.head
    return (
        tok.lower_ == "it"
        and (head.lemma_.lower() in _RAISING_VERBS or head.pos_ in ("ADJ", "AUX"))
        and any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    )


# -- the coder -------------------------------------------------------------------------------------------
@dataclass
class _Built:
    event: Event
    source_m: list[Mention]
    target_m: list[Mention]


class EventCoder:
    """Codes the events of one parsed document (use :func:`code_events`)."""

    def __init__(self, doc: Doc, mentions: list[Mention], pub_date: str | None, lexicon: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text from the tokens on every access: build it once
        self.pub_date = pub_date
        self.lex = lexicon
        self.index = _MentionIndex(doc, mentions)
        self.date_ents: dict[int, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                self.date_ents.setdefault(ent.sent.start, []).append(ent)
        self.lede_date: str | None = None
        self.para_date: tuple[int, str] | None = None
        self.n_sent = 0
        self._triggers: set[int] = set()  # token indices of the current sentence's triggers
        self._done: list[tuple[int, Event]] = []  # (sentence number, event) coded so far, for "the sanctions"
        self._by_span = {(m.start, m.end): m for m in mentions}

    # -- per sentence ---------------------------------------------------------------------------------
    def run(self) -> list[Event]:
        events: list[Event] = []
        text = self.text
        for sent in self.doc.sents:
            para = text.count("\n\n", 0, sent.start_char)
            events.extend(self._sentence(sent, para))
        return events

    def _sentence(self, sent: Span, para: int) -> list[Event]:
        own_date = self._sentence_first_date(sent)
        cands: list[_Cand] = []
        for tok in sent:
            c = _match(tok, self.lex)
            if c is not None and not self._in_name(c):
                cands.append(c)
        self.n_sent += 1
        if own_date and self.lede_date is None and self.n_sent <= 4:
            self.lede_date = own_date  # the lede sets the story's day
        if not cands:
            demands = self._modal_demands(sent, {}, para) + self._directives(sent, {}, para)
            if own_date:
                self.para_date = (para, own_date)
            return demands
        used = set().union(*(c.used for c in cands))
        cands = [c for c in cands if c.tok.i not in used]
        by_tok = {c.tok.i: c for c in cands}
        self._triggers = set(by_tok)
        for c in cands:  # "it was essential that NATO pledged": the clause hangs on the copula
            if c.entry.pos == "A" and c.tok.dep_ in ("acomp", "oprd") and c.tok.head.i not in by_tok:
                by_tok[c.tok.head.i] = c
        for c in cands:
            self._embed(c, by_tok)
        aliased = False
        for c in cands:  # "began a hunger strike to protest ...": the support verb stands for the noun
            if c.support is not None and c.support.i not in by_tok and c.outer is None:
                by_tok[c.support.i] = c
                aliased = True
        if aliased:
            for c in cands:
                if c.outer is None and c.entry.pos != "N":
                    c.frame = c.frame_tok = None
                    self._embed(c, by_tok)
        out: list[Event] = []
        for c in cands:
            coded = self._code(c, by_tok, sent, para)
            out.extend(coded)
            self._done.extend((self.n_sent, e) for e in coded if not e.flagged)
        out.extend(self._modal_demands(sent, by_tok, para))
        out.extend(self._directives(sent, by_tok, para))
        if own_date:
            self.para_date = (para, own_date)
        return self._dedupe(out)

    def _in_name(self, cand: _Cand) -> bool:
        """ "the Asia-Pacific Economic Cooperation forum": an event noun inside a proper name is no event;
        nor is a noun the tagger lemmatised onto an event noun ("aides" is not "aid")."""
        tok = cand.tok
        if cand.entry.pos != "N":
            return False
        if not _inflects(tok.lower_, cand.entry.head.split()[-1]):
            return True
        if not tok.text[:1].isupper():
            return False
        return tok.ent_type_ in _NAME_ENTITIES or self.index.at(tok) is not None

    def _modal_demands(self, sent: Span, by_tok: dict[int, _Cand], para: int) -> list[Event]:
        """ "Russia said Sudan must return the helicopter": a demand by the speaker of the subject, also when
        the demanded act is not in the lexicon (CAMEO 10, PLOVER REQUEST); "Israel said Hezbollah would pay a
        heavy price": a threat by the speaker of the subject (CAMEO 130)."""
        out: list[Event] = []
        for tok in sent:
            if self.lex.frames.get(tok.lemma_.lower()) != "say" or tok.pos_ != "VERB":
                continue
            for c in tok.children:
                if c.dep_ != "ccomp" or c.i in by_tok:
                    continue
                if _unanswered(c):
                    out.extend(self._unanswered_threat(tok, c, sent, para))
                    continue
                if _dismissed_claim(c) is not None:
                    out.extend(self._dismissal(tok, c, sent, para))
                    continue
                demand = any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)
                objects = {o.lemma_.lower() for o in c.children if o.dep_ == "dobj"}
                penalty = c.lemma_.lower() in _PENALTY_VERBS and (
                    not _PENALTY_VERBS[c.lemma_.lower()] or objects & _PENALTY_VERBS[c.lemma_.lower()]
                )  # "said Hezbollah would pay a heavy price": a threat of the speaker's
                if not (demand or penalty):
                    continue
                speaker = [m for t in _subject_tokens(tok)[0] for m in _actors_at(t, self.index)]
                subject = [m for t in _subject_tokens(c)[0] for m in _actors_at(t, self.index)]
                if not speaker or not subject or self._same_side(subject, speaker):
                    continue
                entry = _MODAL_DEMAND if demand else _PENALTY_THREAT
                out.append(
                    self._rule_event(
                        entry,
                        c,
                        sent,
                        para,
                        speaker,
                        subject,
                        flags_from=tok,
                        reported_by=_ref(speaker[0]),
                        path="source=speaker ; target=ccomp>nsubj",
                    )
                )
        return out

    def _rule_event(
        self,
        entry: Entry,
        anchor: Token,
        sent: Span,
        para: int,
        src: list[Mention],
        tgt: list[Mention],
        *,
        flags_from: Token,
        reported_by: ActorRef | None,
        path: str,
    ) -> Event:
        """The event of a coder rule (``entry`` from :func:`_rule_entry`), triggered at ``anchor``, with the
        flags of the ``flags_from`` verb; ``path`` says where source and target came from."""
        cand = _Cand(anchor, entry)
        negated, hypothetical, future = self._flags_of(flags_from)
        date, basis = self._date(cand, sent, para)
        return self._event(
            entry.type,
            entry.mode,
            entry.cameo,
            [_ref(m) for m in src],
            [_ref(m) for m in tgt],
            cand,
            sent,
            date,
            basis,
            negated,
            hypothetical,
            future,
            reported_by,
            0.5,
            f"{entry.pattern} ; {path}" + _span_note(src, tgt, sent),
            pool=src + tgt,
        )

    def _directives(self, sent: Span, by_tok: dict[int, _Cand], para: int) -> list[Event]:
        """ "India told Ottawa to cut the number of its diplomats", "asked Canada to act": a request (CAMEO
        100) of the object, also when the lexicon has no entry for the act asked for."""
        out: list[Event] = []
        for tok in sent:
            if tok.lemma_.lower() == "give" and tok.pos_ == "VERB" and tok.i not in by_tok:
                out.extend(self._ultimatum(tok, sent, para))
                continue
            if tok.lemma_.lower() not in _DIRECTIVE_VERBS or tok.pos_ != "VERB" or tok.i in by_tok:
                continue
            act = next((c for c in tok.children if c.dep_ == "xcomp" and _infinitive(c)), None)
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if act is None or obj is None or act.i in by_tok and by_tok[act.i].outer is not None:
                continue
            source = [m for t in _subject_tokens(tok)[0] for m in _actors_at(t, self.index)]
            target = [m for m in _actors_at(obj, self.index) if _ref(m).sector != "MED"]
            if not source or not _has_code(target) or self._same_side(target, source):
                continue  # "told reporters to wait", "ordered its troops to advance"
            out.append(
                self._rule_event(
                    _DIRECTIVE,
                    tok,
                    sent,
                    para,
                    source,
                    target,
                    flags_from=tok,
                    reported_by=None,
                    path="source=nsubj ; target=dobj",
                )
            )
        return out

    @staticmethod
    def _readied_act(cand: _Cand) -> str | None:
        """The act a readiness or defence is about: the infinitive of "ready/prepared/willing to ...", or
        "defend" itself when its object is land ("defend every square mile of its territory")."""

        def land_only(verb: Token) -> bool:
            objects = [o for o in verb.children if o.dep_ == "dobj"]
            return all(any(t.lemma_.lower() in _LAND_NOUNS for t in o.subtree) for o in objects)

        tok = cand.tok
        lemma = tok.lemma_.lower()
        if lemma in _GUARD_VERBS and cand.entry.pos == "V":
            has_object = any(o.dep_ == "dobj" for o in tok.children)
            return lemma if has_object and land_only(tok) else None
        if cand.entry.pos != "A" or lemma not in ("ready", "prepared", "willing"):
            return None
        act = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        if act is None:
            return None
        if act.lemma_.lower() in _GUARD_VERBS and not land_only(act):
            return None  # "ready to defend Ukraine": support for a party
        return act.lemma_.lower()

    def _dismissal(self, say: Token, clause: Token, sent: Span, para: int) -> list[Event]:
        """ "India said the allegations made by Trudeau were baseless": the speaker rejects the claim of its
        author, named in the claim's phrase ("made by X", "X's claims") or the last to accuse the speaker's side;
        an author named in the phrase also made the accusation."""
        claim = _dismissed_claim(clause)
        speaker = [m for t in _subject_tokens(say)[0] for m in _actors_at(t, self.index)]
        if claim is None or not speaker:
            return []
        named: list[Mention] = []
        for c in claim.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and _is_name(c)):
                named.extend(_actors_at(c, self.index))
            elif c.dep_ in ("acl", "prep"):
                for a in c.subtree:
                    if (
                        a.dep_ == "pobj"
                        and a.head.dep_ == "agent"
                        or (a.dep_ == "pobj" and a.head.lower_ == "by")
                    ):
                        named.extend(_actors_at(a, self.index))
        named = [m for m in named if not self._same_side([m], speaker)]
        author = named or self._accuser(speaker)
        out = [
            self._rule_event(
                _DISMISSAL,
                say,
                sent,
                para,
                speaker,
                author,
                flags_from=say,
                reported_by=_ref(speaker[0]),
                path="source=speaker ; target=claim-author",
            )
        ]
        if named:  # "the allegations made by Trudeau": his accusation of the speaker's side
            out.append(
                self._rule_event(
                    _CLAIM_MADE,
                    claim,
                    sent,
                    para,
                    named,
                    speaker,
                    flags_from=say,
                    reported_by=None,
                    path="source=claim>by ; target=speaker",
                )
            )
        return out

    def _ultimatum(self, give: Token, sent: Span, para: int) -> list[Event]:
        """ "gave the junta one week to reinstate the president", "gave Niger a deadline to ...": an ultimatum
        (CAMEO 130, CODING.md THREATEN) to the party given the time."""
        kids = list(give.children)
        time = [c for c in kids if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in _DEADLINE_NOUNS]
        act = [
            c
            for c in [*kids, *(g for t in time for g in t.children)]
            if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and _infinitive(c)
        ]
        recipients = [
            m
            for c in kids
            if c.dep_ in ("dative", "dobj", "iobj") and c.lemma_.lower() not in _DEADLINE_NOUNS
            for m in _actors_at(c, self.index)
            if _ref(m).sector != "MED"  # "gave reporters a day to submit questions"
        ]
        source = [m for t in _subject_tokens(give)[0] for m in _actors_at(t, self.index)]
        if not (time and act and source and _has_code(recipients)) or self._same_side(recipients, source):
            return []
        return [
            self._rule_event(
                _ULTIMATUM,
                give,
                sent,
                para,
                source,
                recipients,
                flags_from=give,
                reported_by=None,
                path="source=nsubj ; target=dative",
            )
        ]

    def _unanswered_threat(self, say: Token, clause: Token, sent: Span, para: int) -> list[Event]:
        """ "Hezbollah said the attack would not go unpunished": the speaker threatens whoever struck
        (CAMEO 130), found among the last few sentences' attacks by another side; nothing without one."""
        speaker = [m for t in _subject_tokens(say)[0] for m in _actors_at(t, self.index)]
        if not speaker:
            return []
        target = self._first_striker(speaker)
        if not target:
            return []  # "the minister said the crime would not go unpunished": no one struck the speaker
        return [
            self._rule_event(
                _RETALIATION_THREAT,
                clause,
                sent,
                para,
                speaker,
                target,
                flags_from=say,
                reported_by=_ref(speaker[0]),
                path="source=speaker ; target=retaliation",
            )
        ]

    def _embed(self, cand: _Cand, by_tok: dict[int, _Cand]) -> None:
        """Find the trigger or frame verb whose complement holds ``cand``."""
        cur = cand.tok
        steps = 0
        while cur.head.i != cur.i and steps < 8:
            dep, parent = cur.dep_, cur.head
            steps += 1
            if (
                cur.i == cand.tok.i
                and cand.entry.pos == "N"
                and dep == "nsubj"
                and parent.lemma_.lower() in _OCCURRENCE_VERBS
                and cand.support is None
            ):
                cand.support = (
                    parent  # "protests erupted in Tehran", "a car bomb exploded": the event happens
                )
                cur = parent
                continue
            if dep not in _EMBED_DEPS:
                break
            if dep == "conj":
                cur = parent
                continue
            infinitive = any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that") for c in cur.children)
            if (
                dep == "acl"
                and not infinitive
                and parent.i in by_tok
                and by_tok[parent.i] is not cand
                and by_tok[parent.i].entry.type == cand.entry.type
            ):
                cand.outer = by_tok[parent.i]  # "an attack targeting shoppers": the same attack, named twice
                return
            if dep == "acl" and not infinitive:
                # "vetoed a resolution censuring X", "demanded the return of property seized by Y": the content
                # of a rejected, requested or alleged object is not asserted
                up = parent
                for _ in range(4):
                    if up.dep_ not in ("dobj", "pobj", "prep") or up.head.i == up.i:
                        break
                    up = up.head
                    if up.i in by_tok and by_tok[up.i].entry.type in VERBAL_TYPES:
                        cand.outer = by_tok[up.i]
                        return
                break  # "guerrillas fighting the army": a participle modifier is its own event
            if (
                dep == "advcl"
                and cand.entry.type == "ASSAULT"
                and cand.entry.mode == "destroy"
                and cand.tok.tag_ == "VBG"
                and parent.i in by_tok
                and by_tok[parent.i].entry.type == "PROTEST"
            ):
                cand.outer = by_tok[
                    parent.i
                ]  # "prisoners rioted, setting fire to mattresses": how they rioted
                return
            if (
                dep == "advcl"
                and cand.entry.type == "ASSAULT"
                and parent.i in by_tok
                and by_tok[parent.i] is not cand
                and by_tok[parent.i].entry.type == "ASSAULT"  # "raided the camp, killing three": force too
                and (
                    cand.tok.tag_ == "VBG"
                    or any(c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in cand.tok.children)
                )
                and all(c.pos_ == "PRON" for c in cand.tok.children if c.dep_ in _SUBJ_DEPS)
            ):
                # "shelled the town, killing 20 people", "killed 14 when they opened fire": one attack told
                # twice, by its means and by its outcome
                cand.outer = by_tok[parent.i]
                return
            if (
                dep == "advcl"
                and infinitive
                and parent.i in by_tok
                and by_tok[parent.i] is not cand
                and by_tok[parent.i].entry.type in _MATERIAL_COOPERATION
                and cand.entry.type in _MATERIAL_COOPERATION
            ):
                # "opened the bridge to allow deliveries to Afghanistan": the purpose names whom the act serves
                cand.outer = by_tok[parent.i]
                return
            if dep == "advcl":
                protest_purpose = (
                    parent.i in by_tok
                    and by_tok[parent.i].entry.type == "PROTEST"
                    and cand.entry.type in ("REQUEST", "ACCUSE", "PROTEST")
                )  # "rallied to demand reforms": the demand is the protest's
                frame_purpose = infinitive and parent.i not in by_tok
                pledged = (
                    infinitive
                    and parent.lemma_.lower() in _PLEDGE_VERBS
                    and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in parent.children)
                )  # "vowed on Sunday to avenge the deaths": the parser's advcl is the vow's complement
                if not (protest_purpose or frame_purpose or pledged):
                    break  # "summoned the envoy to complain": both acts happen
            if (
                dep == "xcomp"
                and parent.i in by_tok
                and by_tok[parent.i].entry.type == "AID"
                and parent.lemma_.lower() in _HELP_VERBS
                and not any(c.dep_ in _OBJ_DEPS for c in parent.children)
            ):
                cur = parent  # "helped (to) support the Palestinians": the helper supports them
                continue
            if parent.i in by_tok and by_tok[parent.i] is not cand:
                outer = by_tok[parent.i]
                if cur.i == cand.tok.i and dep in ("dobj", "pobj", "prep") and cand.entry.pos == "V":
                    break  # a verb under an object position is its own clause
                cand.outer = outer
                return
            if (
                cand.entry.pos == "N"
                and cur.i == cand.tok.i
                and dep == "pobj"
                and parent.lower_ == "of"
                and parent.head.lemma_.lower() in _CONTAINER_NOUNS
                and parent.head.dep_ in ("dobj", "pobj")
            ):
                cur = (
                    parent.head
                )  # "approved a package of sanctions": the package's verb carries the sanctions
                continue
            if cand.entry.pos == "N" and dep == "dobj" and _supports(parent, cand) and cand.support is None:
                cand.support = parent  # "told a news conference": the verb carries the noun
                cur = parent
                continue
            if (
                cand.entry.pos == "N"
                and dep == "prep"
                and cur.lower_ == "in"
                and _partakes(parent)
                and cand.support is None
            ):
                cand.support = parent  # "took part in the killing": the participants carry it out
                cur = parent
                continue
            if (
                cand.entry.pos == "N"
                and dep == "prep"
                and cur.lower_ == "for"
                and parent.lemma_.lower() in _MOTION_VERBS
                and cand.support is None
            ):
                cand.support = parent  # "negotiators return to Geneva for talks": the travellers hold them
                return
            frame = self.lex.frames.get(parent.lemma_.lower()) if parent.pos_ in ("VERB", "AUX") else None
            if frame in _NOUN_FRAMES:
                frame = None  # word lists for nouns and modifiers ("lobby", "crash"), not frame verbs
            if (
                frame == "allege"
                and (
                    (dep == "dobj" and cur.lemma_.lower() in _RESPONSIBILITY_NOUNS)
                    or (
                        dep == "prep"
                        and cur.lower_ == "for"
                        and any(
                            c.dep_ == "dobj" and c.lemma_.lower() in _RESPONSIBILITY_NOUNS
                            for c in parent.children
                        )
                    )
                )
                and cand.entry.pos == "N"
                and cand.support is None
            ):
                # "claimed responsibility for the attack": the claimant names itself as the attacker
                cand.support = parent
                return
            aimed = frame == "intent" and dep == "prep" and cur.lower_ in ("at", "toward", "towards")
            if frame is not None and (dep in ("xcomp", "ccomp", "advcl", "dobj") or aimed):
                # "a meeting aimed at establishing relations": the aim is not yet achieved
                if frame in ("say", "allege") and dep not in ("ccomp",) and cand.entry.pos == "V":
                    break
                cand.frame, cand.frame_tok = frame, parent
                if frame == "aspect":
                    cur = parent
                    continue
                return
            if cand.entry.pos == "N" and dep in ("dobj", "pobj", "attr") and parent.pos_ == "VERB":
                if _supports(parent, cand) and cand.support is None:
                    cand.support = parent
                cur = parent
                continue
            cur = parent

    # -- one candidate ----------------------------------------------------------------------------------
    def _code(self, cand: _Cand, by_tok: dict[int, _Cand], sent: Span, para: int) -> list[Event]:
        entry = cand.entry
        if cand.outer is not None:
            outer = cand.outer
            if not (outer.entry.type == "AGREE" and entry.type == "RETREAT" and entry.mode == "ceasefire"):
                return []  # part of the outer event ("threatened to impose sanctions")
        speaker: list[Mention] = []
        if cand.frame == "say" and cand.frame_tok is not None:
            s_toks, _, _ = _subject_tokens(cand.frame_tok)
            for t in s_toks:
                speaker.extend(_actors_at(t, self.index))
        if cand.frame == "allege" and cand.frame_tok is not None:
            alleged = self._allegation(cand, by_tok, sent, para)
            if alleged:
                return alleged
            if not any(t.pos_ in ("PRON", "PROPN") for t in _subject_tokens(cand.frame_tok)[0]):
                # "a report alleged that France helped ...": an allegation by no actor is not asserted
                return []
            cand.frame = "say"  # no identifiable claimant: code the reported act as reported speech
        if entry.scope == "reported" and not speaker:
            return []
        borrowed = cand.outer is not None  # "agreed to a ceasefire": the ceasefire is the agreeing parties'
        if entry.pos == "N" and cand.support is None and not borrowed and not self._noun_has_source(cand.tok):
            return []
        if (
            entry.pos == "N"
            and cand.tok.dep_ == "dobj"
            and cand.tok.head.lemma_.lower() in _STANDING_GOVERNORS
        ):
            return []  # "peacekeepers who oversee a ceasefire between X and Y": a standing state of affairs
        if (
            entry.pos == "N"
            and entry.type == "MOBILIZE"
            and cand.support is None
            and not any(c.pos_ != "PRON" and _is_name(c) for c in cand.tok.children if c.dep_ != "prep")
            and not any(c.dep_ == "prep" and c.lower_ == "by" for c in cand.tok.children)
        ):
            return []  # "their patrol came under fire": a unit on duty, not a new show of force
        if entry.pos == "V" and _infinitive(cand.tok) and _deadline_act(cand.tok):
            return []  # "gave the junta one week to reinstate the president": the act demanded, not done
        src, tgt, paths = self._arguments(cand, by_tok)
        if (
            tgt
            and paths.get("target", "").startswith("xcomp>")
            and any(
                c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _VENGEANCE for c in cand.tok.children
            )
        ):
            tgt, paths["target"] = [], ""  # "vowed to avenge the farmers": the wronged are not the target
        if entry.pos == "V" and cand.tok.lemma_.lower() in _BINDING_VERBS:
            bound = [m for o in cand.tok.children if o.dep_ == "dobj" for m in _actors_at(o, self.index)]
            if bound:
                # "the deal commits Rwanda to withdraw": the party bound is the one that commits itself
                src, paths["source"] = bound, "bound-object"
                tgt = [m for m in tgt if m not in bound]
        if entry.scope == "received":  # "Romania received aid from Jordan": the giver acts on the receiver
            src, tgt = tgt, src
            paths["source"], paths["target"] = paths.get("target", ""), paths.get("source", "")
        if borrowed and cand.outer is not None and not src:
            src, o_tgt, o_paths = self._arguments(cand.outer, by_tok)
            tgt = tgt or o_tgt
            paths["source"] = "outer>" + o_paths.get("source", "")
        typ, mode, cameo = entry.type, entry.mode, entry.cameo
        rule = entry.pattern
        noun = cand.tok if entry.pos == "N" else cand.obj
        if (
            typ == "ASSAULT"
            and noun is not None
            and any(
                c.dep_ == "amod" and self.lex.frames.get(c.lemma_.lower()) == "figurative"
                for c in noun.children
            )
        ):  # "personal attacks": words, not force
            typ, mode, cameo = "ACCUSE", "disapprove", "111"
            rule += " +figurative"
        if (
            typ == "MOBILIZE"
            and entry.pos == "V"
            and cand.obj is not None
            and any(c.dep_ == "amod" and c.lower_ in ("joint", "combined") for c in cand.obj.children)
        ):  # "held joint naval exercises": military cooperation between the parties (CODING.md)
            typ, mode, cameo = "COOPERATE", "military", "062"
            rule += " +joint"
        if (
            typ == "ASSAULT"
            and entry.mode not in ("firearms", "heavy-weapons", "aerial", "drone", "bombing", "suicide")
            and self._by_protesters(cand.tok)
        ):  # "the building was demolished by protesters": violent protest, not armed force (CAMEO 145)
            typ, mode, cameo = "PROTEST", "riot", "145"
            rule += " +protesters"
        if (
            typ == "PROTEST"
            and entry.pos == "V"
            and cand.tok.lemma_.lower() == "protest"
            and any(c.dep_ == "dobj" for c in cand.tok.children)
            and src
            and all(_ref(m).sector in ("GOV", "IGO") or _ref(m).kind == "state" for m in src)
        ):
            # "Japan protests Chinese buoy": a state protesting an act complains officially (CAMEO 114)
            typ, mode, cameo = "ACCUSE", "disapprove", "114"
            rule += " +official"
        if (
            typ == "THREATEN"
            and entry.pos == "V"
            and not entry.constraints
            and self._hazard_warning(cand.tok)
        ):
            return []  # "the UN warned of disease": a warning about a hazard threatens no one
        if typ == "ASSAULT" and entry.pos == "V" and self._adverse_object(cand):
            return []  # "could fight inflation", "battled wildfires": a problem, not a party
        if typ == "ASSAULT" and entry.pos == "V" and not entry.constraints:
            word_objs = self._object_frames(cand)
            if word_objs and word_objs <= {"level"}:
                return []  # "inflation hit 85 percent", "hit a record high": a figure reached
            if word_objs == {"discourse"}:
                if any(c.dep_ == "prt" and c.lower_ == "down" for c in cand.tok.children):
                    return []  # "the court struck down the law": a ruling, not an attack
                # "attacked the government's budget as reckless": words (CAMEO 111)
                typ, mode, cameo = "ACCUSE", "disapprove", "111"
                rule += " +discourse"
        if typ == "ASSAULT" and entry.pos == "V" and self._contest(cand.tok):
            return []  # "Brazil beat Argentina 3-1": a match, not a beating
        if typ == "MOBILIZE" and entry.pos == "V" and self._unarmed_object(cand.tok):
            return []  # "mobilized lobbying groups in Spain": campaigning, not a force posture
        if (
            entry.type == "AID"
            and entry.pos == "V"
            and not entry.constraints
            and not any(c.dep_ in _OBJ_DEPS for c in cand.tok.children)
            and any(c.dep_ == "xcomp" and (not tgt or c.i in by_tok) for c in cand.tok.children)
        ):
            return []  # "helped to plan the killings": taking part in an act, not giving aid to anyone
        if (
            entry.head == "meet"
            and entry.pos == "V"
            and not entry.constraints
            and not tgt
            and len(_unique_refs(src)) == 1
        ):
            return []  # "the cabinet met on Sunday": a body in session, not a meeting between parties
        if (
            entry.mode == "visit"
            and not entry.constraints
            and (
                not tgt
                or (
                    entry.head in _HOSTING_VERBS
                    and entry.pos == "V"
                    and not paths.get("target", "").startswith("nsubjpass")
                    and not any(o.dep_ == "dobj" and self.index.at(o) is not None for o in cand.tok.children)
                )
            )
        ):
            # "received the first pages", "received assurances from the government": receiving or hosting
            # is a visit only with a visitor as its object
            return []
        if (
            entry.mode == "visit"
            and src
            and all(m.how in ("group", "demonym") and _ref(m).sector == "MIL" for m in src)
        ):
            if not any(
                t.lemma_.lower() == "peacekeeper" or any(c.lower_ == "peacekeeping" for c in t.children)
                for t in _subject_tokens(cand.tok)[0]
            ):
                return []  # "troops arrived in Bosnia": a deployment, not a visit
            # "Dutch peacekeeping troops arrived in Mali": peacekeeping provided to the host (CAMEO 074)
            typ, mode, cameo = "AID", None, "074"
            rule += " +peacekeepers"
        inner = self._inner(cand, by_tok)
        if (
            inner is not None
            and entry.type == "AGREE"
            and inner.entry.type in _COOPERATIVE
            and inner.tok.dep_ == "xcomp"
            and any(c.dep_ == "neg" for c in inner.tok.children)
        ):
            # "vowed not to return the Golan Heights": a pledge to withhold a concession is a refusal
            comp = self.lex.complements.get(("REJECT", inner.entry.type))
            typ, mode, cameo = "REJECT", comp.mode if comp else None, comp.cameo if comp else "120"
            rule += f" +refusal:{inner.entry.pattern}"
        elif (
            inner is not None
            and entry.type == "AGREE"
            and inner.entry.type not in _COOPERATIVE
            and inner.tok.dep_ == "xcomp"
            and any(c.dep_ == "neg" for c in inner.tok.children)
        ):
            # "pledged not to attack Ukraine": a promise to refrain from force is an offer, not a threat
            typ, mode, cameo = "AGREE", None, "030"
            rule += f" +refrain:{inner.entry.pattern}"
        elif inner is not None:
            comp = self.lex.complements.get((entry.type, inner.entry.type))
            if comp is not None and not any(c.rel == "xcomp" for c in entry.constraints):
                typ, mode, cameo = comp.type, comp.mode or mode, comp.cameo
                rule += f" +complement:{inner.entry.pattern}"
            elif (
                entry.type == "SUPPORT"
                and cand.obj is not None
                and cand.obj.lemma_.lower() in _TEXT_NOUNS
                and inner.tok.dep_ == "acl"
                and inner.tok.head.i == cand.obj.i
            ):  # "adopted a resolution condemning the coup": the adopters condemn it (not support it)
                typ, mode, cameo = inner.entry.type, inner.entry.mode, inner.entry.cameo
                rule += f" +content:{inner.entry.pattern}"
            i_src, i_tgt, i_paths = self._arguments(inner, by_tok)
            if not tgt:
                if typ in ("REQUEST", "ACCUSE") and i_src and not self._same_side(i_src, src):
                    tgt, paths["target"] = i_src, "complement-subject>" + i_paths.get("source", "")
                elif i_tgt and inner.tok.lemma_.lower() in _VENGEANCE:
                    pass  # "vowed to avenge the soldiers' deaths": the object is the wronged, not the target
                elif i_tgt:
                    tgt, paths["target"] = i_tgt, "complement>" + i_paths.get("target", "")
        if (
            entry.pos == "V"
            and typ != "THREATEN"
            and cand.tok.lemma_.lower() in _PLEDGE_VERBS
            and any(_unanswered(c) for c in cand.tok.children if c.dep_ == "ccomp")
        ):
            # "vowed that the strikes would not go unanswered": a promise to hit back
            typ, mode, cameo = "THREATEN", None, "130"
            rule += " +unanswered"
        if typ in ("AGREE", "SUPPORT"):
            readied = self._readied_act(cand)
            if readied in _GUARD_VERBS:
                return []  # "ready to defend the island", "would defend its territory": a stance, no event
            if readied in _FORCE_VERBS:
                # "ready to respond if needed", "prepared to strike": a readiness to use force is a threat
                typ, mode, cameo = "THREATEN", "violence", "138"
                rule += f" +force:{readied}"
        reported_by: ActorRef | None = None
        demand_flags: tuple[bool, bool, bool] | None = None
        if speaker:
            reported_by = _ref(speaker[0])
            subj_toks = _subject_tokens(cand.tok if entry.pos != "A" else _clause_verb(cand))[0]
            expletive = any(_expletive(t) for t in subj_toks)
            if entry.scope == "reported":
                typ = "ACCUSE"
                tgt, paths["target"] = (
                    src,
                    "reported-subject",
                )  # the agent; a passive's patient is not accused
                src, paths["source"] = speaker, "speaker"
                rule += " +reported-speech"
            elif (src and all(_pronoun_like(m) and not _has_code([m]) for m in src)) or (
                not src and any(t.pos_ == "PRON" and not _expletive(t) for t in subj_toks)
            ):
                src, paths["source"] = speaker, "pronoun>speaker"  # "Iraq said it would allow ...": it = Iraq
                rule += " +speaker"
            elif typ in VERBAL_TYPES and (not src or expletive or self._stands_for(src, speaker)):
                src, paths["source"] = speaker, "speaker"
                rule += " +speaker"
                if typ == "REQUEST" and cand.frame_tok is not None and not any(map(_no_one, subj_toks)):
                    demand_flags = self._flags_of(cand.frame_tok)
            elif self._modal_demand(cand) and not self._stands_for(src, speaker):
                typ, mode, cameo = "REQUEST", None, "100"
                tgt, src = src, speaker
                paths["target"], paths["source"] = "complement-subject", "speaker"
                rule += " +must-demand"
                demand_flags = self._flags_of(cand.frame_tok) if cand.frame_tok is not None else None
        if typ == "MOBILIZE" and paths.get("target") == "dobj" and src and self._same_side(tgt, src):
            # "Beijing deployed additional warships": the forces moved are the mobiliser's own, not its target
            tgt = [m for m in self._place_of(cand.tok) if not self._same_side([m], src)]
            paths["target"] = "place" if tgt else ""
        if speaker and typ in _ALLEGED_TYPES and src and not tgt and self._victim_speaker(cand, [], speaker):
            tgt, paths["target"] = (
                speaker,
                "pronoun>speaker",
            )  # "Israel said a bomb was fired at it": at Israel
        if (
            not tgt
            and entry.pos == "V"
            and cand.tok.dep_ in ("advcl", "conj")
            and cand.tok.head.pos_ == "VERB"
        ):
            pronoun = [
                o for o in cand.tok.children if o.dep_ == "dobj" and o.lower_ in ("them", "him", "her")
            ]
            said = self.index.all_at(pronoun[0]) if pronoun else []
            if pronoun and (not _has_code(said) or (src and self._same_side(said, src))):
                # "ordered three diplomats to leave, accusing them of spying": them = the head verb's object
                head_obj = [
                    m for o in cand.tok.head.children if o.dep_ == "dobj" for m in _actors_at(o, self.index)
                ]
                if head_obj:
                    tgt, paths["target"] = head_obj, "pronoun>head-object"
        if (
            typ == "COERCE"
            and mode == "deport"
            and any(t.lemma_.lower() in _ENVOY_NOUNS for t in cand.tok.children if t.dep_ in _OBJ_DEPS)
        ):
            # "ordered three Russian diplomats to leave": an expulsion of envoys is a diplomatic sanction
            typ, mode, cameo = "SANCTION", "expel", "1663"
            rule += " +envoys"
        if not tgt and src and typ == "AGREE" and not self._same_side(self._condition_subject(cand.tok), src):
            cond = self._condition_subject(_clause_verb(cand)) or self._condition_subject(cand.tok)
            if cond:
                # "ready to observe a ceasefire if the army stopped bombing": an offer to the party it binds
                tgt, paths["target"] = cond, "condition-subject"
        if not tgt and typ == "REQUEST" and cand.tok.dep_ == "conj" and cand.tok.head.i in by_tok:
            partner = by_tok[cand.tok.head.i]
            if partner.entry.type == "CONSULT":
                # "spoke by phone with Aliyev and urged an end to the hostilities": the request is made of him
                tgt = self._arguments(partner, by_tok)[1]
                paths["target"] = "conj-partner" if tgt else ""
        if (
            not tgt
            and speaker
            and src
            and (typ == "AID" or (typ == "AGREE" and (cameo or "").startswith("033")))
            and not self._same_side(src, speaker)
        ):
            # "Pakistan's foreign ministry said China had pledged aid": the speaker receives it
            tgt, paths["target"] = speaker, "speaker-recipient"
        if (
            typ == "REJECT"
            and tgt
            and cand.tok.lemma_.lower() == "deny"
            and paths.get("target", "").startswith("complement>")
            and self._same_side(tgt, src)
        ):
            tgt, paths["target"] = (
                [],
                "",
            )  # "Hamas denied that its fighters had been hit": not a denial of itself
        if (
            typ == "ACCUSE"
            and entry.pos == "A"
            and paths.get("target") == "home"
            and cand.tok.lemma_.lower() in ("concerned", "alarmed", "dismayed", "appalled", "outraged")
        ):
            tgt, paths["target"] = [], ""  # "Canada is concerned about the arrests": not about itself
        if not tgt and src and typ in ("REJECT", "ACCUSE", "SUPPORT", "CONSULT") and entry.pos in ("V", "A"):
            owner = self._antecedent_owner(cand, src)
            if owner:
                # "Russia rejected the accusations", "Seoul condemned the launch": the author of the act the
                # object refers back to
                tgt, paths["target"] = owner, "antecedent"
            elif typ == "REJECT" and any(
                c.dep_ == "ccomp" or (c.dep_ == "xcomp" and cand.tok.lemma_.lower() == "deny")
                for c in cand.tok.children
            ):  # "denied that ...", "denied losing any aircraft"
                accuser = self._accuser(src)
                if (
                    accuser
                ):  # "Rwanda denied that its army had crossed the border": a denial answers the accuser
                    tgt, paths["target"] = accuser, "accuser"
        if (
            typ == "CONSULT"
            and entry.pos == "N"
            and not tgt
            and cand.support is not None
            and cand.support.lemma_.lower() in ("tell", "address", "brief", "give", "hold")
            and cand.tok.lemma_.lower() in ("conference", "news conference", "press conference", "briefing")
        ):
            # "telling a conference in Islamabad": speaking to an audience; only a joint news conference
            # ("alongside Hungary's prime minister") is a meeting
            return []
        happened = (
            cand.support
            if cand.support is not None and cand.support.lemma_.lower() in _OCCURRENCE_VERBS
            else None
        )
        if (
            speaker
            and typ in VERBAL_TYPES
            and src
            and tgt
            and paths.get("source", "").startswith("conj>")
            and self._same_side(src, tgt)
            and not self._same_side(speaker, tgt)
        ):
            # "Armenia's ministry said Azerbaijani forces shelled X, and accused Baku of ...": the accusation
            # is the speaker's, not the shellers' own against themselves
            src, paths["source"] = speaker, "speaker"
        if not src and not tgt and not (happened is not None and self._place_of(happened)):
            return []  # no actor at all: nothing to code
        if not src and typ in VERBAL_TYPES and entry.pos == "V" and _thing_subject(cand.tok):
            return []  # "the crisis that threatens Europe": a situation, not an actor, threatens
        if (
            typ == "ASSAULT"
            and entry.pos == "V"
            and any(
                t.i in by_tok
                and by_tok[t.i].entry.type == "ASSAULT"
                and by_tok[t.i].entry.pos == "N"
                and self._noun_has_source(t)
                for t in _subject_tokens(cand.tok)[0]
            )
        ):
            return []  # "clashes between X and Y killed 12": the killing is the clashes' outcome, coded there
        if typ == "ASSAULT" and entry.pos == "V" and self._by_mishap(cand.tok):
            # "victims killed by the plane crash", "the flood in Kenya killed 40": no attacker at all, even
            # where the place of the disaster names a country
            return []

        between = paths.get("target", "").endswith("prep:between")  # "fighting between X and Y": both fight
        if (
            typ in ("ASSAULT", "PROTEST", "COERCE")
            and not src
            and not between
            and (entry.pos == "V" or happened is not None)
        ):
            # "a roadside bomb near Samarra killed ...", "was arrested in Lebanon", "protests erupted in Tehran":
            # an unidentified attacker, arresting authority or crowd is coded by the place (CAMEO)
            place = self._place_of(cand.tok if happened is None else happened)
            if place:
                src, paths["source"] = place, "place"
        inner_domestic = inner is not None and inner.entry.type in _DOMESTIC_TYPES
        destroy = typ == "ASSAULT" and mode == "destroy"
        if (typ in _DOMESTIC_TYPES or inner_domestic or destroy) and src and not tgt:
            # a protest, concession or act of repression with no named target is aimed at the place where it
            # happens, or at home ("Sudan's government lifted the state of emergency")
            place = self._place_of(cand.tok)
            demanded = any(
                c.dep_ in _OBJ_DEPS and c.lemma_.lower() in _DEMAND_NOUNS for c in _clause_verb(cand).children
            )  # "met the hostage-takers' demands": a concession to someone unnamed, not to itself
            # hacking is rarely aimed at one's own state; a request or threat is never made of oneself ("the UN
            # urged both sides to return": an unresolved addressee is no target)
            # and a seizure of things ("seized a tanker") takes from whoever owns them, not from home
            seized_thing = mode == "seize" and not any(
                o.dep_ in _OBJ_DEPS and o.lemma_.lower() in ("power", "control") for o in cand.tok.children
            )  # "seized power" is taken from the home government; "seized a tanker" from its owner
            refers_back = typ in VERBAL_TYPES and any(
                o.dep_ == "dobj" and o.lemma_.lower() in _ANAPHORIC_NOUNS for o in cand.tok.children
            )  # "rejected the protest": the earlier protest's author, found below, not home
            home_ok = not (demanded or mode == "cyber" or seized_thing or typ == "REQUEST" or refers_back)
            if place or home_ok:
                tgt, paths["target"] = (place, "place") if place else (src[:1], "home")
        if typ == "SANCTION" and entry.pattern == "suspend/V":
            suspended = [o for o in cand.tok.children if o.dep_ == "dobj"]
            whom = [m for o in suspended for m in _actors_at(o, self.index)]
            if whom and all(_ref(m).sector == "MED" for m in whom):
                # "suspended the BBC and Voice of America": censorship of media (CAMEO 1721), not a sanction
                typ, mode, cameo, tgt, paths["target"] = "COERCE", "censor", "1721", whom, "dobj"
                rule += " +media"
            elif suspended and (
                (whom and all(_ref(m).kind == "person" for m in whom))
                or any(o.lemma_.lower() in _OFFICIAL_NOUNS for o in suspended)
            ):
                # "Dbeibah suspended Foreign Minister Najla Mangoush": an administrative sanction on an official
                # (CAMEO 172), and "over a meeting with X" gives a reason, not a target
                typ, mode, cameo = "COERCE", "restrict", "172"
                tgt, paths["target"] = whom, "dobj" if whom else ""
                rule += " +official"
        if (
            typ == "COERCE"
            and (
                cand.tok.lemma_.lower() in ("ban", "bar", "prohibit")
                or (noun is not None and noun.lemma_.lower() in _CURB_NOUNS)
            )
            and _has_code(tgt)
            and not {_ref(m).code for m in tgt} & {_ref(m).code for m in src}  # another country's
            and not paths.get("target", "").startswith(("place", "home"))
        ):
            # "Washington imposed visa restrictions on Sudanese officials": restrictions on a foreign party are
            # a sanction (CAMEO 163), not domestic repression
            typ, mode, cameo = "SANCTION", None, "163"
            rule += " +foreign"
        outcome = cand.tok.head if entry.pos == "N" and cand.tok.dep_ == "nsubj" else None
        if (
            typ == "ASSAULT"
            and outcome is not None
            and outcome.i in by_tok
            and by_tok[outcome.i].entry.type == "ASSAULT"
            and _has_code(src)
            and not _has_code(tgt)
        ):
            # "Israeli air strikes killed 20 people in Gaza": the strikes' victims are the killing's
            hit = [
                m
                for o in outcome.children
                if o.dep_ in _OBJ_DEPS
                for m in _actors_at(o, self.index)
                if _has_code([m]) and m not in src
            ]
            if hit or self._place_of(outcome):
                tgt, paths["target"] = (
                    (hit, "outcome>dobj") if hit else (self._place_of(outcome), "outcome>place")
                )
        if typ == "ASSAULT" and _has_code(src) and not _has_code(tgt) and entry.pos == "V":
            # "killed 23 people when they blew themselves up in Tel Aviv": unnamed victims are the place's
            place = (
                self._place_of(cand.tok)
                or [
                    m
                    for c in cand.tok.children
                    if c.dep_ == "advcl" and c.i in by_tok and by_tok[c.i].entry.type == "ASSAULT"
                    for m in self._place_of(c)
                ][:1]
            )
            if place:
                tgt, paths["target"] = place, "place"
            elif not tgt and all(_ref(m).sector in _NON_STATE for m in src):
                tgt, paths["target"] = src[:1], "home"  # "the rebels fought on": against their own state
        if (
            typ == "SUPPORT"
            and not _has_code(tgt)
            and len([r for r in _unique_refs(src) if r.code])
            <= 1  # "X and Y upgraded their ties": each other
            and any(
                g.dep_ == "poss" and g.lower_ in _POSSESSIVES
                for o in cand.tok.subtree
                if o.dep_ in ("dobj", "pobj")
                for g in o.children
            )
        ):
            return []  # "Human Rights Watch stood by its findings": backing its own work supports no party
        if (
            typ == "CONSULT"
            and tgt
            and cand.tok.lemma_.lower() in ("speak", "talk", "brief")
            and all(_ref(m).sector == "MED" for m in tgt)
        ):
            return []  # "the minister spoke to reporters": a statement to the press, not a consultation
        if typ == "CONSULT" and entry.pattern.startswith("discuss/V"):
            if _infinitive(cand.tok):
                return []  # "demanded a meeting to discuss X": the purpose of another act
            if entry.pattern == "discuss/V":
                # what is discussed is a topic, not a party; "the cabinet discussed the budget" has no second party
                tgt, paths["target"] = [], ""
                if len([r for r in _unique_refs(src) if r.code]) < 2:
                    return []
        if (
            typ == "PROTEST"
            and src
            and (not _has_code(tgt) or paths.get("target", "").startswith(("home", "place")))
        ):
            missions = [
                m
                for t in cand.tok.subtree
                if t.lemma_.lower() in _MISSION_NOUNS
                for m in _actors_at(t, self.index)
                if _ref(m).code and not self._same_side([m], src)
            ]
            if missions:  # "rallied outside the Japanese embassy": against the country the embassy stands for
                tgt, paths["target"] = missions[:1], "mission"
        if typ == "ASSAULT" and mode == "crowd-control" and src and not _has_code(tgt):
            crowd = [
                m
                for c in cand.tok.children
                if c.dep_ in ("advcl", "xcomp") and _infinitive(c)
                for o in c.children
                if o.dep_ == "dobj"
                for m in _actors_at(o, self.index)
                if not self._same_side([m], src)
            ]
            if crowd:  # "fired tear gas to clear them": at those the purpose names
                tgt, paths["target"] = crowd, "purpose>dobj"
        if typ == "CONSULT" and entry.pattern.startswith("broker/V") and not _has_code(tgt):
            return []  # "a team trying to broker a peace pact": mediation between no one named
        if typ == "CONSULT" and entry.pattern.endswith(" prep:to") and not _has_code(tgt):
            return []  # "spoke to the nation", "talked to the crowd": an address, not a consultation
        if (
            typ in ("THREATEN", "ASSAULT")
            and src
            and (
                not tgt
                or paths.get("target", "").startswith(("place", "home"))
                or (typ == "THREATEN" and self._same_side(tgt, src))
            )
            and self._retaliates(cand)
        ):
            # "the Houthis vowed retaliation", "Taliban forces hit back": against whoever struck them last
            first = self._first_striker(src, self._retaliation_types(cand))
            if first:
                tgt, paths["target"] = first, "retaliation"
        if (
            typ == "THREATEN"
            and mode == "violence"
            and src
            and not tgt
            and all(_ref(m).sector in _NON_STATE for m in src)
        ):
            tgt, paths["target"] = src[:1], "home"  # "the guerrillas have sworn to fight on"
        if typ == "RETREAT" and mode == "disarm" and not src and tgt and paths.get("target") == "nsubjpass":
            # "the guerrillas have been demobilized": with no one named doing it, they disarm themselves
            src, paths["source"] = tgt, "nsubjpass"
            place = self._place_of(cand.tok)
            tgt, paths["target"] = (place, "place") if place else (src[:1], "home")
        if typ == "THREATEN" and src and (not _has_code(tgt) or self._same_side(tgt, src)):
            # "threatened to strike unless Israel rescinded ...", "warned that Minsk could cut off gas if Brussels
            # went further": the party the condition names
            cond = self._condition_subject(cand.tok) or self._condition_subject(_clause_verb(cand))
            if not cond:
                cond = self._condition_author(cand.tok, src) or self._condition_author(
                    _clause_verb(cand), src
                )
            if cond and not self._same_side(cond, src):
                tgt, paths["target"] = cond, "condition-subject"
        if (
            typ == "ACCUSE"
            and not _has_code(tgt)
            and src
            and entry.pattern.startswith(("voice/V dobj:concern", "express/V dobj:concern"))
            and not any(c.dep_ == "prep" for c in cand.tok.children)
        ):
            # "voiced grave concern" with nothing named: concern at the act the story just reported
            first = self._first_striker(src, frozenset({"ASSAULT", "COERCE", "SANCTION"}))
            if first:
                tgt, paths["target"] = first, "reported-act"
        if typ == "ACCUSE" and entry.head in _FEELING_PARTICIPLES and not _has_code(tgt):
            cause = [
                m
                for c in cand.tok.children
                if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "at", "over", "about")
                for o in c.children
                if o.dep_ == "pobj"
                for m in _actors_at(o, self.index)
                if _ref(m).code and not self._same_side([m], src)
            ]  # "concerned by Minsk's arrests": the party whose act it is
            if not cause:
                return []  # "the minister was alarmed by the report": concern about no party
            tgt, paths["target"] = cause, "cause"
        if " +force:" in rule and not _has_code(tgt):
            return []  # "ready to respond if needed" with no adversary in view: a posture, not a threat
        if typ == "COERCE" and mode == "arrest" and src and self._charged(cand.tok):
            # "jailed them on charges of treason", "arrested for collaborating with Israel": an accusation too
            derived_charge = True
        else:
            derived_charge = False
        negated, hypothetical, future = self._flags(cand)
        if demand_flags is not None:  # "X said Y must ...": the demand is made, whatever Y's modal says
            negated, hypothetical, future = demand_flags
        if self._continuing(cand):
            future = False
        if typ == "ASSAULT" and cand.tok.lemma_.lower() == "respond" and not (future or hypothetical):
            return []  # "responded to the attack by summoning the envoy": a reply, not necessarily force
        derived: list[tuple[str, str | None, str, str | None]] = []  # type, mode, cameo, rule label
        if hypothetical and not negated and src and self._flags_of(_clause_verb(cand))[1]:
            comp = self.lex.complements.get(("hypothetical", typ))  # "may halt mediation if ...": a threat
            if comp is not None:
                derived.append((comp.type, comp.mode, comp.cameo, None))
        if hypothetical and not negated and src and typ in _COOPERATIVE and self._conditional_offer(cand):
            # "would meet the mediator if he gave them a veto": a conditional offer expresses intent (CAMEO 03)
            comp = self.lex.complements.get(("intent", typ))
            if comp is not None:
                derived.append((comp.type, comp.mode, comp.cameo, None))
        intent = cand.frame == "intent" and cand.frame_tok is not None
        if intent or (future and not negated and not hypothetical):
            # an announced intention is itself an AGREE or THREATEN ("will support" is intent to cooperate)
            future = True
            comp = self.lex.complements.get(("intent", typ))
            if intent and cand.frame_tok is not None:
                # a verb-specific intention ("prepared to shell": a force posture, not a verbal threat)
                comp = self.lex.complements.get((f"intent:{cand.frame_tok.lemma_.lower()}", typ)) or comp
            if self._condition_subject(_clause_verb(cand)) and any(
                m.lower_ == "unless"
                for c in _clause_verb(cand).children
                for m in c.children
                if m.dep_ == "mark"
            ):
                # "will withdraw its force unless X holds elections": an announced act made conditional on the
                # other side's compliance is a threat, whatever the act
                derived.append(("THREATEN", None, "130", None))
            elif comp is not None:
                derived.append((comp.type, comp.mode, comp.cameo, None))
        if negated and not hypothetical and typ in _COOPERATIVE and src:
            # "will not accept", "would not meet their demands": a refusal (PLOVER REJECT)
            comp = self.lex.complements.get(("REJECT", typ))
            derived.append(("REJECT", comp.mode if comp else None, comp.cameo if comp else "120", None))
        if derived_charge and not (negated or hypothetical or future):
            derived.append(("ACCUSE", "allege", "112", "charge"))
        events = []
        date, basis = self._date(cand, sent, para)
        conf = (
            0.55
            + (0.2 if any(_ref(m).code for m in src) else 0)
            + (0.1 if any(_ref(m).code for m in tgt) else 0)
        )
        if entry.pos == "N":
            conf -= 0.1
        rule_text = (
            f"{rule} ; source={paths.get('source', '')} ; target={paths.get('target', '')}"
            + _span_note(src, tgt, sent)
        )
        reciprocal = (
            (typ == "ASSAULT" or (typ == "PROTEST" and entry.type == "ASSAULT"))  # "rioters clashed with"
            and (
                entry.head.split()[-1] in _RECIPROCAL_FIGHTING
                or paths.get("target", "").endswith("prep:between")
            )
            # both sides named as fighters, not a place's adjective ("rioters in the Egyptian square")
            and all(_ref(m).sector for m in src + tgt)
        )
        if (
            (reciprocal or paths.get("target", "").endswith("prep:between"))
            and not src
            and len(_unique_refs([m for m in tgt if _ref(m).code or _ref(m).sector])) >= 2
        ):
            # "fighting between Sudanese troops and Ethiopian militias", "a summit between Obama and Xi"
            src, tgt = tgt[:1], tgt[1:]
        if (
            typ == "ASSAULT"
            and src
            and (not tgt or paths.get("target") == "nearest")
            and any(o.dep_ in _OBJ_DEPS and o.lemma_.lower() in _CROWD_NOUNS for o in cand.tok.children)
        ):
            # "police dispersed a protest outside the court": force against the crowd, not the building
            tgt, paths["target"] = _with_sector(src[:1], "CVL"), "crowd"
        if (
            typ == "ASSAULT"
            and mode == "heavy-weapons"
            and not _has_code(tgt)
            and self._into_the_sea(cand.tok)
        ):
            # "fired a ballistic missile into the sea": a show of force (CAMEO 150), not an attack on anyone
            typ, mode, cameo = "MOBILIZE", "weapons", "150"
            tgt = []
            rule += " +into-sea"
        if paths.get("source") == "place" and typ in _PLACE_SOURCE_SECTOR:
            # "thousands protested in Tbilisi": the place names the country, not the government, as actor
            src = _with_sector(src, _PLACE_SOURCE_SECTOR[typ])
        if paths.get("target") == "home" and typ in _HOME_TARGET_SECTOR:
            # "marched against the bill": at home a protest is aimed at the government, not the marchers;
            # "seized power": from the government
            tgt = _with_sector(tgt, "GOV" if mode == "seize" else _HOME_TARGET_SECTOR[typ])
        if (
            typ in ("REQUEST", "THREATEN", "SANCTION")
            and tgt
            and paths.get("target") != "home"
            and all(
                m.how == "group"
                and (_ref(m).code, _ref(m).sector) in {(r.code, r.sector) for r in _unique_refs(src)}
                for m in tgt
            )
        ):
            # "the US called on the government to withdraw the bill": a generic noun that resolved to the
            # requester itself names someone else, whom the text does not identify
            tgt, paths["target"] = [], ""
        if (
            len(_unique_refs(src)) >= 2
            and typ in ("AGREE", "RETREAT", "CONSULT", "SUPPORT", "COOPERATE")
            and tgt
            and all(m.actor is not None and m.actor.kind == "place" for m in tgt)
        ):
            tgt, paths["target"] = (
                [],
                "",
            )  # "the army and the RSF agreed to a truce in Jeddah": where, not with
        # "held joint exercises"; whether two subjects act on each other matters only when there are two
        coded_sources = len([r for r in _unique_refs(src) if r.code]) or len(_unique_refs(src))
        mutual = typ == "COOPERATE" or (coded_sources == 2 and self._reciprocal(cand, by_tok))
        parties: dict[tuple[str | None, str | None, str | None], Mention] = {}
        for m in src + tgt:
            ref = _ref(m)
            if ref.code:
                parties.setdefault((ref.code, ref.sector, ref.actor_id), m)
        facing = (len(_unique_refs(src)) == 1 and tgt and typ in _PAIRING_TYPES) or (
            len(_unique_refs(src)) == 2 and mutual
        )
        camps = [_side(_ref(m)) for m in parties.values()]
        # "Brazil moved troops to its border" pairs Brazil with itself: no two sides for a later "both governments"
        two_sides = len(parties) == 2 and not (
            camps[0][0] == camps[1][0] and camps[0][1] is not None and camps[0][1] == camps[1][1]
        )
        if two_sides and facing and not (negated or hypothetical or future):
            # "... and the two sides signed agreements": sides are those who fight, meet or agree together,
            # not a third party the story has just addressed
            self.index.pair = list(parties.values())
        pairs = self._pairs(typ, src, tgt, mode, mutual=mutual)
        if reciprocal and len(pairs) == 1 and len(pairs[0][0]) == 1 and pairs[0][1]:
            # "X clashed with Y (and Z)": each side fought the other (one event each way)
            pairs = pairs + [([t], pairs[0][0]) for t in pairs[0][1]]
        src_refs, tgt_refs = pairs[0]
        sides: dict[int, bool] = {}
        for m in src + tgt:
            sides[id(_ref(m))] = sides.get(id(_ref(m)), True) and _protesters(m)
        for p_src, p_tgt in pairs:
            p_typ, p_mode, p_cameo = typ, mode, cameo
            if reciprocal and typ in ("ASSAULT", "PROTEST"):
                # "police clashed with rioters": the rioters riot (CAMEO 145), the police use force (CAMEO 190)
                if all(sides.get(id(r), False) for r in p_src):
                    p_typ, p_mode, p_cameo = "PROTEST", "riot", "145"
                elif typ == "PROTEST":
                    p_typ, p_mode, p_cameo = "ASSAULT", None, "190"
            events.append(
                self._event(
                    p_typ,
                    p_mode,
                    p_cameo,
                    p_src,
                    p_tgt,
                    cand,
                    sent,
                    date,
                    basis,
                    negated,
                    hypothetical,
                    future,
                    reported_by,
                    conf,
                    rule_text,
                    pool=src + tgt,
                )
            )
        for d_type, d_mode, d_cameo, d_label in derived:
            frame_tok = cand.frame_tok if intent else None
            f_neg, f_hyp, f_fut = (
                self._flags_of(frame_tok) if frame_tok is not None else (False, False, False)
            )
            d_src, d_tgt = src_refs, tgt_refs
            # "X and Y seek to deepen ties": each intends it to the other
            d_pairs = self._pairs(d_type, src, tgt, mutual=mutual)
            if d_type == "THREATEN" and d_cameo == "130":
                d_tgt = _unique_refs(self._condition_subject(_clause_verb(cand))) or d_tgt
            if d_type == "THREATEN" and not any(r.code for r in d_tgt) and src and self._retaliates(cand):
                d_tgt = (
                    _unique_refs(self._first_striker(src, self._retaliation_types(cand))) or d_tgt
                )  # "would respond to any attack"
            obj = [c for c in frame_tok.children if c.dep_ == "dobj"] if frame_tok is not None else []
            f_subj = (
                [m for t in _subject_tokens(frame_tok)[0] for m in _actors_at(t, self.index)]
                if frame_tok is not None
                else []
            )
            other_subject = bool(f_subj and src and not set(map(id, f_subj)) & set(map(id, src)))
            if frame_tok is not None and ((obj and cand.tok.dep_ == "xcomp") or other_subject):
                # "wants Putin to attack": a request of Putin
                d_type, d_mode, d_cameo = "REQUEST", None, "100"
                d_src = [_ref(m) for m in f_subj]
                d_tgt = [_ref(m) for t in obj for m in _actors_at(t, self.index)] or [_ref(m) for m in src]
            if d_src is not src_refs or d_tgt is not tgt_refs:
                d_pairs = [(d_src, d_tgt)]
            label = d_label or f"intent({frame_tok.lemma_ if frame_tok is not None else 'future'})"
            events.extend(
                self._event(
                    d_type,
                    d_mode,
                    d_cameo,
                    p_src,
                    p_tgt,
                    cand,
                    sent,
                    date,
                    basis,
                    f_neg,
                    f_hyp,
                    f_fut,
                    reported_by,
                    conf - 0.1,
                    f"{label}+{rule_text}",
                    pool=src + tgt + f_subj + [m for t in obj for m in _actors_at(t, self.index)],
                )
                for p_src, p_tgt in d_pairs
            )
        if (
            speaker
            and typ in _ALLEGED_TYPES
            and not (negated or hypothetical or future)
            and cand.frame_tok is not None
            and cand.frame_tok.i < cand.tok.i
        ):
            # only a claim the speaker fronts ("Israel said ..."): a closing "..., police said" names a source
            # the accused is a named side or an armed or governing body ("government forces", "militants")
            named = [m for m in src if _ref(m).code or _ref(m).sector in _ACCUSABLE_SECTORS]
            if self._monitor(speaker):  # a rights monitor accuses its own country's forces too
                accused = [m for m in named if _ref(m).sector in _ACCUSABLE_SECTORS]
            elif self._victim_speaker(cand, tgt, speaker):
                accused = [m for m in named if not self._same_side([m], speaker)]
            else:
                # "Thailand said Cambodian rockets had hit a petrol station": a party reporting an act by the
                # side it has been facing in the story accuses it
                accused = [
                    m for m in named if not self._same_side([m], speaker) and self._adversaries(speaker, [m])
                ]
            if accused:
                # "Israel said a mortar was fired at it from Gaza", "the observatory said government forces
                # killed eight": naming the attacker is an allegation against it (CAMEO 112)
                events.append(
                    self._event(
                        "ACCUSE",
                        "allege",
                        "112",
                        _unique_refs(speaker),
                        _unique_refs(accused),
                        cand,
                        sent,
                        date,
                        basis,
                        False,
                        False,
                        False,
                        reported_by,
                        conf - 0.15,
                        f"alleged-by-speaker+{rule_text}",
                        pool=speaker + accused,
                    )
                )
        return events

    def _retaliates(self, cand: _Cand) -> bool:
        """Whether a threat promises to hit back: its trigger, complement or reported clause is a word of
        retaliation ("vowed to retaliate", "vowed revenge", "said the strikes would not go unanswered")."""
        tok = cand.tok
        words = {tok.lemma_.lower()} | {
            t.lemma_.lower()
            for t in tok.subtree
            if t.dep_ in ("xcomp", "dobj", "ccomp", "acomp", "oprd", "advcl")
        }
        if cand.xcomp is not None:
            words.add(cand.xcomp.lemma_.lower())
        if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children):
            return True  # "hit back", "struck back"
        return bool(words & _RETALIATION)

    def _neighbour_of(self, tok: Token, own: set[str]) -> list[Mention]:
        """ "its (western) neighbour": the nearest country named before ``tok`` (in its sentence, else the one
        before) that is not the possessor's own."""
        start = tok.sent.start
        first = self.doc[start - 1].sent.start if start > 0 else start
        found: list[Mention] = []
        for i in range(tok.i - 1, first - 1, -1):
            m = self.index.at(self.doc[i])
            if m is None or m.actor is None or not m.actor.code or m.actor.code in own or m in found:
                continue
            if m.actor.kind in ("state", None) or m.actor.sector == "GOV":
                found.append(m)
                if tok.tag_ != "NNS" or len({x.actor.code for x in found if x.actor}) > 1:
                    break  # one neighbour, or the pair "its neighbours" names
        return found

    def _adversaries(self, a: list[Mention], b: list[Mention]) -> bool:
        """Whether the sides of ``a`` and ``b`` have already faced each other in the article: an earlier
        conflictual event (not a meeting or agreement) from one to the other, either way."""
        side_a = {_side(_ref(m)) for m in a if _ref(m).code}
        side_b = {_side(_ref(m)) for m in b if _ref(m).code}
        if not side_a or not side_b:
            return False

        def hits(refs: list[ActorRef], sides: set[tuple[str | None, str | None]]) -> bool:
            return any(
                _side(r)[0] == code and (camp is None or _side(r)[1] in (None, camp))
                for r in refs
                for code, camp in sides
            )

        for _, event in self._done:
            if event.type not in _CONFLICT_TYPES:
                continue
            if (hits(event.source, side_a) and hits(event.target, side_b)) or (
                hits(event.source, side_b) and hits(event.target, side_a)
            ):
                return True
        return False

    def _retaliation_types(self, cand: _Cand) -> frozenset[str]:
        """The kinds of act a retaliation answers, when the text names them ("respond to any new sanctions")."""
        out: set[str] = set()
        for t in cand.tok.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in ("to", "against", "for"):
                out |= _ANAPHORIC_NOUNS.get(t.lemma_.lower(), frozenset())
        if "SANCTION" in out:
            out.add("THREATEN")  # "agreed to widen sanctions" is coded as a threat of them
        return frozenset(out)

    def _recent(self) -> list[Event]:
        """Events coded in the last few sentences (:data:`_ANAPHORA_SENTENCES`), latest first."""
        return [e for n, e in reversed(self._done) if self.n_sent - n <= _ANAPHORA_SENTENCES]

    def _mentions(self, spans: list[tuple[int, int]]) -> list[Mention]:
        """The mentions at an earlier event's source or target spans."""
        return [self._by_span[sp] for sp in spans if sp in self._by_span]

    def _first_striker(self, src: list[Mention], types: frozenset[str] = frozenset()) -> list[Mention]:
        """The source of the latest earlier attack, coercion or sanction (within the last few sentences) by
        another side than ``src``, or the party ``src``'s side last accused: whom a vow of retaliation is aimed
        at."""
        recent = self._recent()
        for event in recent if types else ():
            if event.type in types and event.source:
                found = self._mentions(event.source_spans)
                if found and not self._same_side(found, src):
                    return found
        for event in recent:
            if event.type == "ACCUSE" and event.target:
                # "Phnom Penh accused the Thai air force of bombing villages": the attacker by the threatener's account
                accuser = self._mentions(event.source_spans)
                accused = self._mentions(event.target_spans)
                if (
                    accuser
                    and accused
                    and self._same_side(accuser, src)
                    and not self._same_side(accused, src)
                ):
                    return accused
                continue
            if event.type not in ("ASSAULT", "COERCE", "SANCTION") or not event.source:
                continue
            found = self._mentions(event.source_spans)
            if found and not self._same_side(found, src):
                return found
        return []

    def _antecedent_owner(self, cand: _Cand, src: list[Mention]) -> list[Mention]:
        """The source of the latest earlier event (within the last few sentences) that a bare object noun
        refers back to: "the accusations" an ACCUSE aimed at the subject, "the sanctions" a SANCTION, "the
        launch" a missile launch. Empty when the noun has an owner of its own or nothing fits."""
        obj = next((c for c in cand.tok.children if c.dep_ == "dobj"), None)
        if obj is None and cand.entry.pos == "A":  # "concerned by the arrests", "alarmed at the ban"
            obj = next(
                (
                    o
                    for c in cand.tok.children
                    if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "at", "over", "about")
                    for o in c.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
        if obj is not None and obj.lemma_.lower() not in _ANAPHORIC_NOUNS:
            # "expressed concern over the drills": the noun the feeling is about
            about = [
                o
                for h in (obj, cand.tok)
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("over", "about", "at")
                for o in c.children
                if o.dep_ == "pobj" and o.lemma_.lower() in _ANAPHORIC_NOUNS
            ]
            if about:
                obj = about[0]
        if obj is None or any(
            c.dep_ in ("poss", "compound", "amod", "nmod") and _is_name(c) for c in obj.children
        ):
            return []
        types = _ANAPHORIC_NOUNS.get(obj.lemma_.lower())
        if not types:
            return []
        own = {_ref(m).code for m in src if _ref(m).code}
        recent = [e for e in self._recent() if e.type in types]
        # "Egypt condemned the strikes": an act named by the same word ("struck") before any other of its type
        lemma = obj.lemma_.lower()
        named = [e for e in recent if lemma in self._trigger_lemmas(e)]
        for event in named + [e for e in recent if e not in named]:
            if not any(a.code for a in event.source):
                continue  # "troops would pull back": no one to point back to
            found = self._mentions(event.source_spans)
            if not found or self._same_side(found, src):
                continue  # one's own act; "the opposition condemned the raid" by the state's forces counts
            if (
                event.type == "ACCUSE"
                and own
                and any(a.code for a in event.target)
                and not any(a.code in own for a in event.target)
            ):
                continue  # "rejected the accusations": accusations made against the rejecter (or at no one named)
            return found + [m for m in self._counterparts(event, recent) if not self._same_side([m], src)]
        return []

    def _counterparts(self, event: Event, recent: list[Event]) -> list[Mention]:
        """The other party of a two-way act ("Thailand and Cambodia signed a deal ... praised the deal"):
        the sources of the mirror event of the same type, if one was coded."""
        if event.type not in _MUTUAL_OWNED:
            return []
        own = {a.code for a in event.source}
        other = {a.code for a in event.target}
        for e in recent:
            if (
                e is not event
                and e.type == event.type
                and {a.code for a in e.source} == other
                and ({a.code for a in e.target} == own)
            ):
                return self._mentions(e.source_spans)
        return []

    def _accuser(self, src: list[Mention]) -> list[Mention]:
        """Who last accused ``src``'s side, or claimed an act against it (within the last few sentences): the
        target of a denial ("Kinshasa accused Rwanda of sending troops ... Rwanda denied that its army had
        crossed")."""
        own = {_ref(m).code for m in src if _ref(m).code}
        for event in self._recent():
            claimed = event.reported_by is not None and event.type in _CLAIMED_TYPES
            if not (event.type == "ACCUSE" or claimed) or not any(a.code in own for a in event.target):
                continue  # "the RSF said it had shot down an army jet ... The army denied losing any aircraft"
            found = self._mentions(event.source_spans)
            if found and not self._same_side(found, src):
                return found
        return []

    def _hazard_warning(self, verb: Token) -> bool:
        """Whether a warning is about a hazard ("warned of disease", "warns about famine and flooding")."""
        about = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "against")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        about += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        return bool(about) and all(
            self.lex.frames.get(p.lemma_.lower()) in ("mishap", "adversity") or p.lemma_.lower() in _HAZARDS
            for p in about
        )  # "warned that cholera could kill thousands": the hazard is the subject of what is warned

    def _trigger_lemmas(self, event: Event) -> set[str]:
        span = self.doc.char_span(*event.trigger_span, alignment_mode="expand")
        return {t.lemma_.lower() for t in span} if span is not None else set()

    @staticmethod
    def _into_the_sea(verb: Token) -> bool:
        """Whether a launch lands in open water ("into the sea off its east coast", "into the Sea of Japan")."""
        return any(
            c.dep_ == "prep"
            and c.lower_ in ("into", "in", "toward", "towards")
            and any(p.dep_ == "pobj" and p.lemma_.lower() in _OPEN_WATER for p in c.children)
            for c in verb.children
        )

    def _victim_speaker(self, cand: _Cand, tgt: list[Mention], speaker: list[Mention]) -> bool:
        """Whether the speaker reports an act done to itself: the target is the speaker's side, or a pronoun
        left unresolved inside its own statement ("said a mortar bomb was fired at it")."""
        if tgt:
            return self._same_side(tgt, speaker)
        verb = _clause_verb(cand)
        objects = [c for c in verb.children if c.dep_ in _OBJ_DEPS or c.dep_ == "nsubjpass"]
        objects += [t for t, _ in _prep_objects(verb, _ATTACKED_PREPS)]
        return any(
            o.lower_ in _VICTIM_PRONOUNS
            or any(c.dep_ == "poss" and c.lower_ in _VICTIM_PRONOUNS for c in o.children)
            for o in objects
        )

    @staticmethod
    def _monitor(speaker: list[Mention]) -> bool:
        """Whether the speaker is a non-governmental monitor (a rights group, an observatory): its report of
        an attack by a named side accuses that side."""
        return all(_ref(m).sector == "NGO" for m in speaker)

    def _allegation(self, cand: _Cand, by_tok: dict[int, _Cand], sent: Span, para: int) -> list[Event]:
        """ "The US claimed that ISIL had attacked Iraq": an accusation by the claimant of the actor it names
        (CAMEO 112, PLOVER ACCUSE allege); the alleged act itself is not asserted by the article."""
        assert cand.frame_tok is not None
        subject = _subject_tokens(cand.frame_tok)[0]
        speaker = [m for t in subject for m in _actors_at(t, self.index)]
        if not speaker:
            speaker = [m for t in subject for m in self._issuer(t)]
        accused, _, _ = self._arguments(cand, by_tok)
        if not speaker:
            return []
        accused = [m for m in accused if not self._same_side([m], speaker)] or []
        negated, hypothetical, future = self._flags_of(cand.frame_tok)
        date, basis = self._date(cand, sent, para)
        return [
            self._event(
                "ACCUSE",
                "allege",
                "112",
                [_ref(m) for m in speaker],
                [_ref(m) for m in accused],
                cand,
                sent,
                date,
                basis,
                negated,
                hypothetical,
                future,
                _ref(speaker[0]),
                0.5,
                f"allege({cand.frame_tok.lemma_})+{cand.entry.pattern} ; source=speaker ; target=nsubj"
                + _span_note(speaker, accused, sent),
                pool=speaker + accused,
            )
        ]

    def _issuer(self, tok: Token) -> list[Mention]:
        """The actor behind a document that speaks ("a report by Human Rights Watch", "a UN report", "a report
        released in the Rwandan capital"): actors in the document noun's own phrase, not in its topic ("a
        report on Syria") and not in a relative clause about it."""
        if tok.lemma_.lower() not in _DOCUMENT_NOUNS:
            return []
        found: list[Mention] = []
        for t in tok.subtree:
            if t.i == tok.i:
                continue
            path = [a for a in t.ancestors if a.i != tok.i and tok in a.ancestors] + [t]
            if any(a.dep_ in ("relcl", "ccomp", "appos") for a in path):
                continue
            if any(a.dep_ == "prep" and a.lower_ in _TOPIC_PREPS | {"about", "against"} for a in path):
                continue
            m = self.index.at(t)
            if m is not None and _ref(m).code and m not in found:
                found.append(m)
        return found[:1]

    def _event(
        self,
        typ: str,
        mode: str | None,
        cameo: str,
        src: list[ActorRef],
        tgt: list[ActorRef],
        cand: _Cand,
        sent: Span,
        date: str | None,
        basis: str,
        negated: bool,
        hypothetical: bool,
        future: bool,
        reported_by: ActorRef | None,
        conf: float,
        rule: str,
        pool: list[Mention] | None = None,
    ) -> Event:
        """One event record; ``pool`` holds the argument mentions the source and target refs came from, so
        the record can point at the words that name them."""
        ref = self.lex.plover_row(cameo)
        trig = cand.tok
        start, end = trig.idx, trig.idx + len(trig.text)
        if cand.support is not None:
            start = min(start, cand.support.idx)
            end = max(end, cand.support.idx + len(cand.support.text))
        for i in cand.used:
            t = self.doc[i]
            start, end = min(start, t.idx), max(end, t.idx + len(t.text))
        return Event(
            type=typ,
            source=src,
            target=tgt,
            sentence_span=(sent.start_char, sent.end_char),
            trigger_span=(start, end),
            mode=mode,
            context=ref[2] if ref else None,
            cameo=cameo,
            quad_class=self.lex.quad_class(cameo),
            goldstein=self.lex.goldstein(cameo),
            event_date=date,
            date_basis=basis,
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            reported_by=reported_by,
            confidence=max(0.05, min(0.95, conf)),
            rule=rule,
            trigger=self.text[start:end],
            source_spans=_spans_of(src, pool or []),
            target_spans=_spans_of(tgt, pool or []),
        )

    # -- arguments ------------------------------------------------------------------------------------
    def _noun_has_source(self, tok: Token) -> bool:
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and _is_name(c) and _actors_at(c, self.index):
                return True
            if c.dep_ == "prep" and c.lower_ == "by":
                return True
            if c.dep_ == "prep" and c.lower_ == "between":  # "clashes between Armenian and Azeri forces"
                pair = [m for p in c.children if p.dep_ == "pobj" for m in _actors_at(p, self.index)]
                if len(_unique_refs([m for m in pair if _ref(m).code])) >= 2:
                    return True
        return False

    def _arguments(
        self, cand: _Cand, by_tok: dict[int, _Cand]
    ) -> tuple[list[Mention], list[Mention], dict[str, str]]:
        tok, entry = cand.tok, cand.entry
        src: list[Mention] = []
        tgt: list[Mention] = []
        paths: dict[str, str] = {}
        if entry.pos == "N":
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and _is_name(c):
                    found = _actors_at(c, self.index)
                    # "the Israel-Hezbollah ceasefire": a hyphenated pair of names, one hung on the other
                    found += [
                        m
                        for cc in c.children
                        if cc.dep_ == "compound" and _is_name(cc) and any(p.text in "-–" for p in c.children)
                        for m in _actors_at(cc, self.index)
                        if m not in found
                    ]
                    if found:
                        src.extend(m for m in found if m not in src)
                        paths["source"] = paths.get("source", "") + f"{c.dep_}({c.text})"
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            src.extend(_actors_at(p, self.index))
                            paths["source"] = f"prep:by({p.text})"
            if cand.support is not None and not src:
                s_toks, _, path = _subject_tokens(cand.support)
                for t in s_toks:
                    src.extend(_actors_at(t, self.index))
                paths["source"] = f"{cand.support.text}>{path}"
            # "talks on an Israeli pullback", "negotiations over Kashmir": a meeting's topic is not its partner
            topic = _TOPIC_PREPS if entry.type == "CONSULT" else frozenset()
            preps = list(_prep_objects(tok, _NOUN_TARGET_PREPS - topic))
            if cand.support is not None:
                # "returned to Geneva for talks": the destination of a journey is not a party
                motion = (
                    {"to", "from", "toward", "towards", "into"}
                    if cand.support.lemma_.lower() in _MOTION_VERBS
                    else set()
                )
                preps += _prep_objects(
                    cand.support, _VERB_TARGET_PREPS - {"of", "for", "over"} - topic - motion
                )
                preps += [(c, c.dep_) for c in cand.support.children if c.dep_ in ("dative", "iobj")]
            found, path = _first_found(
                ([m for m in _actors_at(p, self.index) if m not in src], pp) for p, pp in preps
            )
            if found:
                tgt.extend(found)
                paths["target"] = path
            return src, tgt, paths
        verb = _clause_verb(cand) if entry.pos == "A" else tok
        s_toks, patients, path = _subject_tokens(tok if entry.pos == "V" else verb)
        if entry.pos == "A" and not s_toks:
            s_toks, patients, path = _subject_tokens(verb)
        for t in s_toks:
            src.extend(m for m in _actors_at(t, self.index) if m not in src)
        if not src and path == "acl-head" and tok.head.head.i != tok.head.i and tok.head.dep_ == "dobj":
            # "issued a declaration demanding that ...": the declaration's issuer
            for t in _subject_tokens(tok.head.head)[0]:
                src.extend(m for m in _actors_at(t, self.index) if m not in src)
        if not s_toks and not path and entry.pos == "V" and not _is_passive(tok):
            src = self._preceding_actors(tok)  # a parse that lost the subject: the actors just before
            path = "preceding"
        if src:
            paths["source"] = path
        elif path.endswith("passive"):  # "were killed in Israeli tank shelling": the attacker names the means
            holders = [tok] if path == "passive" else [tok, tok.head]
            for p, ppath in [
                po for h in holders for po in _prep_objects(h, frozenset({"in", "by", "during", "from"}))
            ]:
                if ppath == "prep:from" and entry.type == "ASSAULT" and _is_name(p):
                    # "shells were fired at it from Azerbaijan": where the fire came from fired it
                    src.extend(m for m in _actors_at(p, self.index) if _has_code([m]) and m not in src)
                    if src:
                        paths["source"] = f"{ppath}>{p.text}"
                        break
                for c in p.children:
                    if c.dep_ in ("amod", "compound", "poss", "nmod") and _is_name(c):
                        src.extend(m for m in _actors_at(c, self.index) if m not in src)
                if src:
                    paths["source"] = f"{ppath}>{p.text}>modifier"
                    break
                if ppath != "prep:by" and p.i in by_tok and by_tok[p.i].entry.type == entry.type:
                    # "were killed in an air strike by government forces": the means' own agent
                    for by, _ in _prep_objects(p, frozenset({"by"})):
                        src.extend(m for m in _actors_at(by, self.index) if m not in src)
                    if src:
                        paths["source"] = f"{ppath}>{p.text}>prep:by"
                        break
        for t in patients:
            tgt.extend(m for m in _actors_at(t, self.index) if m not in src)
        if tgt:
            paths["target"] = "nsubjpass"
        if not tgt:
            tgt, paths["target"] = _first_found(self._verb_target_options(cand, src))
        return src, tgt, paths

    def _condition_subject(self, tok: Token) -> list[Mention]:
        """The subject of an if/unless clause under ``tok`` or its complement."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        for h in heads:
            for c in h.children:
                if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
                ):
                    subjects, patients, _ = _subject_tokens(c)
                    # "if NATO troops were sent to Ukraine": with no agent, the passive's subject is the party
                    found = [m for t in subjects or patients for m in _actors_at(t, self.index)]
                    if _has_code(found):
                        return found
        return []

    def _condition_author(self, tok: Token, src: list[Mention]) -> list[Mention]:
        """ "if the attacks on shipping continued": the author of the act an if/unless clause's subject names
        back (the last such act by another side than ``src``)."""
        for c in tok.subtree:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                subjects, patients, _ = _subject_tokens(c)
                types = frozenset().union(
                    *(_ANAPHORIC_NOUNS.get(t.lemma_.lower(), frozenset()) for t in subjects or patients)
                )
                if types:
                    return self._first_striker(src, types)
        return []

    def _place_of(self, tok: Token) -> list[Mention]:
        """Country-coded places in the clause of ``tok`` ("in central Baghdad", "near the town of Samarra"); a
        named place before a demonym ("outside Indian missions in Toronto" is in Canada)."""
        places = ("in", "near", "outside", "at", "across")
        for labels in (("GPE", "LOC", "FAC"), ("GPE", "LOC", "FAC", "NORP")):
            for t in tok.subtree:
                if t.lemma_.lower() in _BORDER_NOUNS:
                    continue  # "near the Venezuelan border": on this side of it, not in Venezuela
                if (
                    t.dep_ == "pobj"
                    and (t.head.lower_ in places or (t.head.lower_ == "of" and t.head.head.lower_ in places))
                    and not (_in_clause_of_other_verb(t, tok))
                ):
                    found = [
                        m
                        for m in _actors_at(t, self.index)
                        if m.label in labels or (m.actor is not None and m.actor.kind == "place")
                    ]  # the actor layer knows a place the tagger called an ORG ("outside a police station in Quetta")
                    if _has_code(found):
                        return found[:1]
        return []

    def _preceding_actors(self, tok: Token) -> list[Mention]:
        """The mention closest before ``tok`` in its sentence (with one coordinated with it by "and"), when
        no verb stands between them."""
        out: list[Mention] = []
        i = tok.i - 1
        start = tok.sent.start
        seen_and = False
        skipped: list[Mention] = []
        while i >= start:
            t = self.tok(i)
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
                break
            m = self.index.at(t)
            if m is not None and not out and (m in skipped or t.dep_ in ("pobj", "dobj", "dative")):
                # "lodged a protest with Albania today, charging ...": an object is no subject
                skipped.append(m)
                i -= 1
                continue
            if m is not None:
                if (not out or seen_and) and m not in out and _has_code([m]):
                    out.append(m)
                    seen_and = False
                    if len(out) == 2:
                        break
                i -= 1
                continue
            if t.lower_ == "and" and out:
                seen_and = True
            i -= 1
        return out

    def tok(self, i: int) -> Token:
        return self.doc[i]

    def _verb_target_options(self, cand: _Cand, src: list[Mention]) -> Iterable[tuple[list[Mention], str]]:
        """Target candidates of a verbal trigger in order: objects, prepositional objects (of the verb, then of
        the noun a constraint matched), then the objects of a matched open complement."""
        tok = cand.tok

        src_codes = {m.actor.code for m in src if m.actor is not None and m.actor.code}
        src_sides = {_side(m.actor) for m in src if m.actor is not None and m.actor.code}

        def own_side(m: Mention) -> bool:
            # "opened its borders": the source's own country; "police beat them" (protesters) is another camp
            if m.actor is None or m.actor.code not in src_codes:
                return False
            code, camp = _side(m.actor)
            return any(c == code and (camp is None or s is None or camp == s) for c, s in src_sides)

        aimed_at_border = cand.entry.type in ("MOBILIZE", "THREATEN")

        def others(t: Token) -> list[Mention]:
            if t.lemma_.lower() in ("neighbour", "neighbor") and any(
                c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in t.children
            ):
                return self._neighbour_of(t, src_codes)  # "accusing its western neighbour": the other country
            if t.lemma_.lower() in _BORDER_NOUNS and not aimed_at_border:
                # "captured a camp on the Venezuelan border": a place; only "the border with X" names a side
                return [
                    m
                    for c in t.children
                    if c.dep_ == "prep" and c.lower_ in ("with", "between")
                    for p in c.children
                    if p.dep_ == "pobj"
                    for m in others(p)
                ]
            # not the source itself, nor a pronoun standing for it ("opened its borders")
            return [
                m
                for m in _actors_at(t, self.index)
                if m not in src and not (_own_side_pronoun(m, t) and own_side(m))
            ]

        objects = [o for o in tok.children if o.dep_ in _OBJ_DEPS]
        if (
            tok.dep_ == "relcl"
            and not objects
            and cand.entry.pos == "V"
            and any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in tok.children)
        ):
            # "a diplomat it accused of espionage": the noun the clause describes is the verb's object
            yield others(tok.head), "relcl-object"
        if cand.obj is not None and cand.obj not in objects:
            objects.append(cand.obj)
        if cand.entry.type == "COOPERATE" and objects:
            # "extradited a Russian businessman to the United States": the partner receives the object
            for p, path in _prep_objects(tok, frozenset({"to"})):
                yield others(p), path
        for o in objects:
            if o.i not in cand.used:
                yield others(o), o.dep_
            else:  # the event noun itself ("rejected North Korea's demand"): its possessor or adjective
                for c in o.children:
                    if c.dep_ in ("poss", "amod", "compound", "nmod") and _is_name(c):
                        yield others(c), f"{o.text}>{c.dep_}"
        topic = _TOPIC_PREPS if cand.entry.type == "CONSULT" else frozenset()
        if cand.obj is not None:  # "held their first meeting with Obama at a lunch": the noun's own partner
            for p, path in _prep_objects(cand.obj, _NOUN_TARGET_PREPS - topic):
                yield others(p), f"{cand.obj.text}>{path}"
        # "complained to the UN over Israeli raids": the accused, not the addressee
        if cand.entry.type == "ACCUSE":
            for p, path in _prep_objects(tok, frozenset({"over", "about", "of", "against"})):
                yield others(p), path
        for p, path in _prep_objects(tok, _VERB_TARGET_PREPS - topic):
            yield others(p), path
        for o in objects:  # "threatened further action against Russia"
            preps = _NOUN_TARGET_PREPS if cand.entry.type in _COOPERATIVE else _NOUN_TARGET_PREPS - {"for"}
            preps -= topic
            for p, path in _prep_objects(o, preps):
                yield others(p), f"{o.text}>{path}"
        if cand.entry.type in ("ASSAULT", "COERCE"):  # "shot down a helicopter carrying EU monitors"
            hit = objects + [
                p for c in tok.children if c.dep_ in ("prt", "prep") for p in c.children if p.dep_ == "pobj"
            ]
            for o in hit:
                for a in o.children:
                    if a.dep_ == "acl" and a.tag_ == "VBG" and a.lemma_.lower() in _CARRYING_VERBS:
                        for x in a.children:
                            if x.dep_ == "dobj":
                                yield others(x), f"{o.text}>acl>{a.text}>dobj"
        if (
            cand.entry.type in _PLACE_TARGET_TYPES
            and not (cand.entry.type == "CONSULT" and len(src_codes) >= 2)
        ):  # "demonstrated in Serbia", "shelled positions near Rafah"; "X and Y met in Geneva" meet each other
            for p, path in _prep_objects(tok, frozenset({"in", "near", "inside"})):
                found = [
                    m for m in others(p) if m.label in ("GPE", "LOC", "FAC") or m.how in ("name", "alias")
                ]
                yield found, f"place:{path}"
        if cand.entry.type in VERBAL_TYPES:  # "demanded that the DPRK forsake its programme"
            holder = tok.head if cand.entry.pos == "A" and tok.dep_ in ("acomp", "oprd") else tok
            for c in list(tok.children) + (list(holder.children) if holder.i != tok.i else []):
                if c.dep_ == "ccomp":
                    for subj in _subject_tokens(c)[0]:
                        yield others(subj), "ccomp>nsubj"
        if cand.entry.type in (
            "REQUEST",
            "ACCUSE",
        ):  # "insisted on its demands that Burundi's government grant"
            for o in [p for _, p in [(0, x) for x, _ in _prep_objects(tok, _VERB_TARGET_PREPS)]] + objects:
                for c in o.children:
                    if c.dep_ in ("ccomp", "acl"):
                        for subj in _subject_tokens(c)[0]:
                            yield others(subj), f"{o.text}>{c.dep_}>nsubj"
        if cand.entry.type == "PROTEST":  # "blocked the streets in defiance of the Chinese authorities"
            for p, _path in _prep_objects(tok, frozenset({"in"})):
                if p.lemma_.lower() in _DEFIANCE_NOUNS:
                    for q, path in _prep_objects(p, frozenset({"of", "against", "at", "to"})):
                        yield others(q), f"in>{p.text}>{path}"
        if cand.entry.type == "PROTEST":  # "blocked a road to show their disapproval for the United States"
            for c in tok.children:
                if c.dep_ in ("advcl", "xcomp"):
                    for o in c.children:
                        if o.dep_ in _OBJ_DEPS:
                            yield others(o), f"purpose>{o.dep_}"
                            for p, path in _prep_objects(o, _NOUN_TARGET_PREPS):
                                yield others(p), f"purpose>{o.text}>{path}"
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            for p, path in _prep_objects(
                tok.head, _VERB_TARGET_PREPS
            ):  # "sent personnel to Bosnia to investigate"
                yield others(p), f"purpose-of>{path}"
        xcomps = [cand.xcomp] if cand.xcomp is not None else []
        xcomps += [
            c for c in tok.children if c.dep_ == "xcomp" and (cand.xcomp is None or c.i != cand.xcomp.i)
        ]
        xcomps += [
            g for x in list(xcomps) for g in x.children if g.dep_ == "xcomp"
        ]  # "willing to help defend X"
        for x in xcomps:
            for c in x.children:  # "refused to allow UN planes to land": the planes' owner
                if c.dep_ == "ccomp":
                    for subj in _subject_tokens(c)[0]:
                        yield others(subj), "xcomp>ccomp>nsubj"
            for o in x.children:
                if o.dep_ in _OBJ_DEPS:
                    yield others(o), f"xcomp>{o.dep_}"
                    for p, path in _prep_objects(o, _NOUN_TARGET_PREPS):
                        yield others(p), f"xcomp>{o.text}>{path}"
            for p, path in _prep_objects(x, _VERB_TARGET_PREPS | {"in"}):
                yield others(p), f"xcomp>{path}"
        # last resort for a broken parse: the first named actor after the trigger in its own clause
        for t in tok.subtree:
            if t.i <= tok.i or t.dep_ in ("relcl", "advcl", "ccomp"):
                continue
            m = self.index.at(t)
            if not aimed_at_border and t.head.lemma_.lower() in _BORDER_NOUNS and t.dep_ != "pobj":
                continue  # "near the eastern Thai border": where it happened, not whom it hit
            if topic and any(
                a.dep_ == "prep" and a.lower_ in topic | {"in", "at"} for a in t.ancestors if a.i > tok.i
            ):
                continue  # "resumed negotiations on a French proposal", "a summit in Astana": no partner
            if cand.entry.type == "ASSAULT" and any(
                a.dep_ == "prep" and a.lower_ == "for" for a in t.ancestors if a.i > tok.i
            ):
                continue  # "attacks during its campaign for an Islamic state": a goal, not a target
            if any(
                (a.dep_ == "prep" and a.lower_ == "by" and (a.head.pos_ != "VERB" or _is_passive(a.head)))
                or a.dep_ == "agent"
                for a in t.ancestors
                if a.i > tok.i
            ):
                continue  # "killed in an air strike by government forces": the attacker, not the attacked
            if (
                t.dep_ == "npadvmod"
                and t.head.dep_ == "amod"
                and t.head.lemma_.lower() in _HOLDING_PARTICIPLES
            ):
                continue  # "in a rebel-held part of the city": who holds the place, not whom it hit
            if any(a.dep_ == "prep" and a.lower_ in _TIME_PREPS for a in _path_up(t, tok)):
                continue  # "agreed to a truce after AU-led talks": when, not with whom
            if len(_unique_refs(src)) >= 2 and any(
                a.dep_ == "prep" and a.lower_ in ("in", "at", "inside") for a in _path_up(t, tok)
            ):
                continue  # "X and Y signed a peace agreement in Washington": where, not with whom
            own_object = any(c.dep_ == "dobj" for c in tok.children)
            if cand.entry.type in VERBAL_TYPES and any(
                (a.dep_ == "prep" and a.lower_ == "as" and own_object) or a.lemma_.lower() in _VIOLATED_NOUNS
                for a in _path_up(t, tok)
            ):
                continue  # "condemned the strikes as a violation of Yemen's sovereignty": the victim
            if any(a.dep_ == "conj" and a.pos_ == "VERB" and a.i in self._triggers for a in _path_up(t, tok)):
                continue  # "rejected the criticism and accused NGOs of ...": the NGOs are the accusation's
            if m is not None and others(t) and _has_code([m]) and not _in_clause_of_other_verb(t, tok):
                yield [m], "nearest"
                break

    def _inner(self, cand: _Cand, by_tok: dict[int, _Cand]) -> _Cand | None:
        for other in by_tok.values():
            if other.outer is cand:
                return other
        return None

    @staticmethod
    def _same_side(a: list[Mention], b: list[Mention]) -> bool:
        """Whether two argument lists name the same side: the same country and the same camp within it (the
        state's organs are one camp; opposition, rebels and civilians are each their own: "the opposition
        accused the government" is one country's two sides)."""
        sides_a = {_side(_ref(m)) for m in a if _ref(m).code}
        sides_b = {_side(_ref(m)) for m in b if _ref(m).code}
        if sides_a and sides_b:
            return any(
                ca == cb and (sa is None or sb is None or sa == sb)
                for ca, sa in sides_a
                for cb, sb in sides_b
            )
        return any(m.how == "pronoun" or m.text.lower() in ("we", "i", "it", "they") for m in a)

    @staticmethod
    def _stands_for(src: list[Mention], speaker: list[Mention]) -> bool:
        """Whether the reported subject is only the speaker's own side by pronoun or metonym ("Moscow will
        seek guarantees", said Lavrov): the verbal act is then the speaker's."""
        if not all(m.how in ("pronoun", "metonym", "capital", "role") for m in src):
            return False
        return EventCoder._same_side(src, speaker)

    @staticmethod
    def _modal_demand(cand: _Cand) -> bool:
        """ "X said Y must/should do Z": the speaker demands it of Y."""
        tok = cand.tok
        head = tok.head if cand.entry.pos == "A" else tok
        return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in head.children)

    def _reciprocal(self, cand: _Cand, by_tok: dict[int, _Cand]) -> bool:
        """Whether two coordinated subjects act on each other: a relation-making predicate ("agreed", "signed a
        treaty", "will deepen ties", "held joint exercises") or an explicit "each other"; "Egypt and Jordan
        condemned the attack" is two condemnations of the attack, not of each other."""
        heads = [cand.entry]
        inner = self._inner(cand, by_tok)
        hosted = (
            inner is not None and inner.support is not None and inner.support.lemma_.lower() in _HOSTING_VERBS
        )
        if inner is not None and not hosted:  # "offered to host talks": talks of others
            heads.append(inner.entry)
        for entry in heads:
            head = entry.head.split()[0]
            if head in _HOSTING_VERBS:
                continue  # "offered to host talks": a meeting of others
            if head in _RECIPROCAL_HEADS or entry.type in ("CONSULT", "COOPERATE"):
                return True
            if any(
                c.lemmas & (_RECIPROCAL_HEADS | _MEETING_LEMMAS)
                for c in entry.constraints
                if c.rel in ("dobj", "xcomp")
            ):  # "signed a pact", "offered to meet"
                return True
        verb = _clause_verb(cand)
        words = " ".join(t.lower_ for t in verb.subtree)
        return "each other" in words or "one another" in words or " mutual" in f" {words}"

    def _pairs(
        self,
        typ: str,
        src: list[Mention],
        tgt: list[Mention],
        mode: str | None = None,
        *,
        mutual: bool = True,
    ) -> list[tuple[list[ActorRef], list[ActorRef]]]:
        """Source and target lists of the events to emit (CODING.md: a meeting of two parties is one symmetric
        CONSULT; mutual agreements and signings are one event each way; three or more: all sources).
        ``mutual`` says whether the predicate relates its subjects to each other at all."""
        s = _unique_refs(src)
        t = _unique_refs(tgt)
        if len([a for a in s if a.code]) == 2:
            s = [a for a in s if a.code]  # "X and his Tajik counterpart": the possessive adds no party
        s_codes = {a.code for a in s if a.code}
        if (
            t
            and (typ in _MUTUAL_TYPES or typ == "CONSULT" or (typ == "RETREAT" and mode == "ceasefire"))
            and len(s) == 2
            and len(s_codes) == 2
            and all(a.code in s_codes for a in t)
        ):
            t = []  # "Palestinians and Israelis failed to reach agreement on Palestinian offices": each other
        if not t and len(s) == 2:
            if typ == "CONSULT":
                return [([s[0]], [s[1]])]
            if (typ == "RETREAT" and mode == "ceasefire") or (
                mutual and (typ in _MUTUAL_TYPES or typ in ("RETREAT", "ASSAULT"))
            ):  # "Indian and Chinese troops clashed": each side used force against the other
                return [([s[0]], [s[1]]), ([s[1]], [s[0]])]
        return [(s, t)]

    # -- flags ----------------------------------------------------------------------------------------
    def _flags_of(self, verb: Token) -> tuple[bool, bool, bool]:
        negated = hypothetical = future = False
        for c in verb.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in _NEG_WORDS):
                negated = True
            if c.dep_ in ("nsubj", "nsubjpass") and _no_one(c):
                negated = True  # "no one in his party had ever called for violence"
            if c.dep_ in ("aux", "auxpass"):
                if low in _HYPO_AUX:
                    hypothetical = True
                elif low in _FUTURE_AUX or low in ("would", "'d"):
                    future = True
            if c.dep_ == "mark" and low in ("if", "unless"):
                hypothetical = True
        if future and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            sent = verb.sent
            if any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in sent):
                hypothetical, future = True, False
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "go" and verb.head.tag_ == "VBG":
            future = True
        return negated, hypothetical, future

    def _flags(self, cand: _Cand) -> tuple[bool, bool, bool]:
        verb = _clause_verb(cand)
        negated, hypothetical, future = self._flags_of(verb)
        if cand.entry.pos == "N" and any(c.dep_ == "det" and c.lower_ == "no" for c in cand.tok.children):
            negated = True
        if cand.entry.pos == "N" and any(c.dep_ == "det" and c.lower_ == "any" for c in cand.tok.children):
            hypothetical = True  # "would respond to any attack by Eritrea": no attack has happened
        # "said US forces must ensure security to allow ...": everything under an obligation is demanded
        cur = verb
        for _ in range(6):
            if cur.head.i == cur.i or cur.dep_ not in ("advcl", "xcomp", "conj", "ccomp"):
                break
            cur = cur.head
            if self.lex.frames.get(cur.lemma_.lower()) == "say":
                break
            if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in cur.children):
                hypothetical = True
                break
        if (
            verb.dep_ in ("acl", "relcl")
            and _infinitive(verb)
            and cand.entry.pos == "V"
            # "a rally to protest ...": the purpose of an event noun is that event's own
            and not any(
                e.type in ("PROTEST", cand.entry.type)
                for e in self.lex.entries_for(verb.head.lemma_.lower(), "N")
            )
            # "an attempt to assassinate the governor": an attempted act is asserted
            and self.lex.frames.get(verb.head.lemma_.lower()) != "aspect"
        ):
            hypothetical = True  # "faces pressure to help Iran", "a plan to attack": the act is not asserted
        if verb.dep_ == "advcl" and _infinitive(verb) and any(self._flags_of(verb.head)):
            hypothetical = True  # "would not give permission to Russia to help Israel": the purpose is unmet
        if (
            verb.dep_ == "acl"
            and verb.tag_ == "VBG"
            and verb.head.lemma_.lower() in _TEXT_NOUNS
            and verb.head.dep_ in ("dobj", "nsubjpass")
            and verb.head.head.lemma_.lower() in _THWART_VERBS
        ):
            negated = True  # "blocked a UN statement condemning the junta": the condemnation never issued
        # "refrain from attacking", "avoided meeting": the act is not done
        gov = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "from" else verb.head
        if verb.dep_ in ("pcomp", "xcomp") and self.lex.frames.get(gov.lemma_.lower()) == "avoid":
            negated = True
        # "did not agree to withdraw", "failed to withdraw": the governing verb's negation carries down
        cur = verb
        while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            n, h, f = self._flags_of(cur)
            if cur.lemma_.lower() == "fail":
                n = True
            negated, hypothetical, future = negated or n, hypothetical or h, future or f
        return negated, hypothetical, future

    @staticmethod
    def _charged(verb: Token) -> bool:
        """Whether an arrest names its charge ("on charges of treason", "for collaborating with Israel")."""
        for c in verb.children:
            if c.dep_ != "prep":
                continue
            for p in c.children:
                if c.lower_ == "on" and p.dep_ == "pobj" and p.lemma_.lower() in _CHARGE_NOUNS:
                    return True
                if (
                    c.lower_ == "for"
                    and p.dep_ == "pcomp"
                    and p.tag_ == "VBG"
                    and verb.lemma_.lower() in _ARREST_VERBS  # not a court's sentence for an offence
                ):
                    return True
        return False

    @staticmethod
    def _by_protesters(verb: Token) -> bool:
        """Whether the acting side of ``verb`` (subject or passive agent) is protesters or rioters."""
        s_toks, _, _ = _subject_tokens(verb)
        return bool(s_toks) and all(t.lemma_.lower() in _PROTESTER_NOUNS for t in s_toks)

    def _adverse_object(self, cand: _Cand) -> bool:
        """Whether a conflict verb's object (or its against/with object) is a problem or hazard listed as
        ``adversity`` or ``mishap`` in frames.tsv ("fight inflation", "battled the blaze"); objects the
        lexicon entry itself used ("set fire to", "opened fire") do not count."""
        verb = cand.tok
        objs = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
        objs += [p for p, _ in _prep_objects(verb, frozenset({"against", "with"}))]
        objs = [o for o in objs if o.i not in cand.used and (cand.obj is None or o.i != cand.obj.i)]
        return bool(objs) and all(
            self.lex.frames.get(o.lemma_.lower()) in ("adversity", "mishap")
            or any(
                c.dep_ == "compound" and self.lex.frames.get(c.lemma_.lower()) in ("adversity", "mishap")
                for c in o.children
            )
            for o in objs
        )

    def _object_frames(self, cand: _Cand) -> set[str]:
        """The frames.tsv word lists (``discourse``, ``level``) of a bare conflict verb's objects, when every
        object is in one; a percentage or sum of money counts as ``level``. Empty when any object is not."""
        verb = cand.tok
        objs = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
        out: set[str] = set()
        for o in objs:
            frame = self.lex.frames.get(o.lemma_.lower())
            if frame in ("discourse", "level"):
                out.add(frame)
            elif o.ent_type_ in ("PERCENT", "MONEY") and self.index.at(o) is None:  # not "killed 30"
                out.add("level")
            else:
                return set()
        return out

    @staticmethod
    def _contest(verb: Token) -> bool:
        """Whether a conflict verb reports a match: a score in its clause ("crushed Barcelona 8-2"), or "beat" or
        "defeat" with a country itself as object ("France defeated Germany")."""
        if any(_SCORE.fullmatch(t.text) for t in verb.subtree) or any(
            t.text in ("-", "–")
            and 0 < t.i < len(t.doc) - 1
            and _SCORE.fullmatch(f"{t.nbor(-1).text}-{t.nbor(1).text}") is not None
            and not (t.i > 1 and t.nbor(-2).text in ("-", "–"))
            and not (t.i < len(t.doc) - 2 and t.nbor(2).text in ("-", "–"))
            for t in verb.subtree
        ):
            return True
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        return (
            verb.lemma_.lower() in ("beat", "defeat")
            and bool(objs)
            and all(o.ent_type_ == "GPE" for o in objs)  # the country itself, not "protesters from Thailand"
        )

    def _unarmed_object(self, verb: Token) -> bool:
        """Whether the object of a mobilising verb is no force: a head or modifier listed as ``unarmed`` in
        frames.tsv ("mobilized supporters", "deployed lobbying groups"), unless a modifier arms it."""
        for o in verb.children:
            if o.dep_ not in _OBJ_DEPS and o.dep_ != "nsubjpass":
                continue
            heads = [o] + [  # "thousands of supporters": the quantified noun
                p
                for c in o.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            words = heads + [c for h in heads for c in h.children if c.dep_ in ("compound", "amod", "nmod")]
            if any(c.lemma_.lower() in ("armed", "military", "paramilitary") for c in words):
                return False
            if any(self.lex.frames.get(w.lemma_.lower()) == "unarmed" for w in words):
                return True
        return False

    def _by_mishap(self, verb: Token) -> bool:
        """Whether the subject or passive agent of ``verb`` is an accident or disaster ("killed by the crash")."""
        s_toks, _, _ = _subject_tokens(verb)
        causes = list(s_toks) + [
            p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]
        # a disaster, or a hazard such as a fire or an epidemic ("a fire at a plant injured five workers")
        return any(self.lex.frames.get(t.lemma_.lower()) in ("mishap", "adversity") for t in causes)

    @staticmethod
    def _conditional_offer(cand: _Cand) -> bool:
        """ "X would do Y if Z": an act promised on a condition (a would-clause with an if/unless clause)."""
        verb = _clause_verb(cand)
        if not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children):
            return False
        return any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in verb.children
        )

    def _continuing(self, cand: _Cand) -> bool:
        """ "will continue to seek": an ongoing act, not a future one."""
        tok = cand.tok
        return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("continue", "keep")

    # -- dates ----------------------------------------------------------------------------------------
    def _sentence_first_date(self, sent: Span) -> str | None:
        """The first day-precise date of a sentence (carried to later undated sentences)."""
        for ent in self.date_ents.get(sent.start, []):
            ref = resolve_timex(ent.text, self.pub_date)
            if ref is not None and ref.granularity == "day":
                return ref.date
        return None

    def _date(self, cand: _Cand, sent: Span, para: int) -> tuple[str | None, str]:
        ents = self.date_ents.get(sent.start, [])
        if ents:
            chain: list[Token] = []
            cur = _clause_verb(cand)
            if cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.lemma_.lower() in _SAY_LEMMAS:
                # "struck villages on Tuesday, officials said, killing two": the report's own time
                chain.extend(c for c in cur.head.children if c.dep_ == "ccomp" and c.i < cur.i)
            chain.append(cur)
            if cand.entry.pos == "N":
                chain.insert(0, cand.tok)
            while cur.head.i != cur.i and len(chain) < 12:
                cur = cur.head
                chain.append(cur)
            chain_ids = {t.i: n for n, t in enumerate(chain)}
            best: tuple[int, str] | None = None
            for ent in ents:
                ref = resolve_timex(ent.text, self.pub_date)
                if ref is None:
                    continue
                anchor, penalty = ent.root, 0
                if (
                    anchor.dep_ in ("compound", "nmod", "amod", "poss")
                    and anchor.head.pos_ in ("NOUN", "PROPN")
                    and anchor.head.i not in chain_ids
                ):
                    continue  # "a boycott of the October 6 election": the election's date, not the call's
                while anchor.head.i != anchor.i and anchor.i not in chain_ids:
                    if anchor.pos_ in ("VERB", "AUX"):
                        if any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children):
                            penalty = 1000  # "..., while the AU suspended it in 2021": another event's time
                        penalty = max(penalty, 20)  # a subordinate clause's time: only a fallback
                    anchor = anchor.head
                rank = chain_ids.get(anchor.i)
                if rank is not None and penalty >= 1000:
                    rank = None
                if rank is not None:
                    rank += penalty
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, ref.date)
            if best is not None:
                return best[1], "text"
        if self.para_date is not None and self.para_date[0] == para:
            return self.para_date[1], "context"
        if self.lede_date is not None:
            return self.lede_date, "context"
        return self.pub_date, "pub_date"

    @staticmethod
    def _dedupe(events: Iterable[Event]) -> list[Event]:
        seen: set[tuple[object, ...]] = set()
        out = []
        for e in events:
            key = (
                e.type,
                e.trigger_span,
                tuple((a.code or a.name, a.sector) for a in e.source),
                tuple((a.code or a.name, a.sector) for a in e.target),
                e.flagged,
            )
            if key in seen:
                continue
            seen.add(key)
            out.append(e)
        return out


def code_events(doc: Doc, mentions: list[Mention], pub_date: str | None, lexicon: Lexicon) -> list[Event]:
    """Every PLOVER event the parsed ``doc`` asserts, with actors from ``mentions`` and dates from ``pub_date``."""
    return EventCoder(doc, mentions, pub_date, lexicon).run()


__all__ = ["Complement", "EventCoder", "code_events"]

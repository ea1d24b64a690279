"""Role locators: given a trigger in a sentence, find the entity mentions that fill a role.

Each locator reads the dependency parse first and falls back on word order inside the sentence,
since the parser of a small model often attaches names wrongly. A locator returns the mentions
it found (a coordination "A, B et C" yields all three) and whether it had to fall back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from graph.extract.data import load
from graph.extract.entities import ORGANIZATIONS, Mention
from graph.extract.text import is_adjective, naming_participles

AMOUNT_WORDS = {"million", "millions", "milliard", "milliards", "mille", "euros", "euro", "dollars", "dollar", "livres", "francs", "suisses", "sterling", "$", "€", "£", "d'", "de"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
# Words between a name and the role noun said of it: "X, l'un de ses cofondateurs", "X, lui-même actionnaire".
HOLDER_FILLERS = {"lui-même", "elle-même", "aussi", "également", "notamment", "l'", "un", "une", "de", "des", "d'", "parmi"}
EXAMPLE_MARKERS = {"parmi", "dont", "notamment"}
EMPHATIC_PRONOUNS = {"lui-même", "elle-même", "eux-mêmes", "elles-mêmes"}
# Words that close a list "A, B et C": "a cofondé A puis B" too.
LIST_CLOSERS = {"et", "ou", "puis"}
# A preposition that opens a phrase of its own (a court), whose "de X" is not the trigger's
OTHER_PHRASE_PREPOSITIONS = {"devant"}
AUXILIARY_FORMS = {"a", "ont", "avait", "avaient", "aura", "auront", "est", "sont", "était", "étaient", "sera", "seront"}
# Determiners that open a name right after a plural role noun: "parmi ses actionnaires le fonds X".
DEFINITE_AFTER_ROLE = {"le", "la", "les", "l'"}
# Relative pronouns that stand for a complement: "dans laquelle", "dont", "auprès duquel".
OBJECT_RELATIVES = {"laquelle", "lequel", "lesquels", "lesquelles", "dont", "duquel", "auquel", "desquels", "desquelles", "que", "qu'"}
RELATIVE_PRONOUNS = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
# Words that may follow the separator of a list: "A et de B", "A ainsi que B", "A et la banque B", "dans A et dans B".
LIST_WORDS = {"ainsi", "que", "de", "d'", "du", "des", "à", "au", "aux", "avec", "auprès", "par", "contre", "chez", "pour", "dans", "sur"}
CONTRACTIONS = {"au": ("à", "le"), "aux": ("à", "les"), "du": ("de", "le"), "des": ("de", "les"), "d'": ("de",), "d": ("de",)}
# Words that may stand between a preposition (or a verb) and the name it introduces:
# "dans la jeune pousse parisienne Mistral AI", "attaque en justice OpenAI".
FILLER_POS = {"DET", "ADJ", "NUM", "ADV"}
SOURCE_MARKERS = {"selon", "après"}
CLAUSE_BREAKS = {";", ":", "?", "!", "(", ")", "«", "»", '"'}
# ("reste", "compte": the lemmatizer leaves "il reste", "qui compte" unlemmatised)
COPULAS = {"être", "devenir", "rester", "reste", "demeurer", "figurer", "faire", "compter", "compte", "apparaître", "s'imposer"}
# Forms of the copulas before a role noun, however tagged: "X compte parmi les investisseurs de Y".
COPULA_FORMS = {"est", "sont", "était", "étaient", "reste", "restent", "demeure", "figure", "figurent", "compte", "comptent", "devient", "deviennent"}
# Words of a cue noun's complement: "au géant de la tech X", "au spécialiste des puces X".
COMPLEMENT_WORDS = {"de", "d'", "du", "des", "l'", "la", "le", "les"}
LOOKAHEAD = {"de": 3, "à": 4, "contre": 16}
# The last word of a fundraising phrase, and its first: "levée de fonds", "tour de table".
SET_PHRASE_ENDS = {"fonds": "levée", "table": "tour"}
# Nouns of a time phrase that may stand between a verb and its object: "a lancé l'an dernier X".
TIME_NOUNS = {"an", "ans", "année", "années", "mois", "semaine", "semaines", "jour", "jours", "été", "hiver", "printemps", "automne", "veille", "lendemain"}
# Feminine and plural role nouns of a company's leaders the cue list lacks: "Fondatrice et présidente de X".
LEADER_NOUNS = {"fondatrice", "fondateurs", "cofondatrice", "cofondateurs", "présidente", "dirigeante", "patronne", "directrice"}
# Verbs whose object does what their complement says: "convaincre le fonds X d'investir".
CONTROL_VERBS = {"convaincre", "persuader", "pousser", "inciter", "encourager", "amener"}
DEFAULT_LOOKAHEAD = 10
# Words the tagger calls nouns that may stand between a verb and its object: "attaque en justice X",
# "ont fondé ensemble la société X", "a assigné en référé X".
WORDS_BEFORE_OBJECT = {"justice", "ensemble", "conjointement", "référé"}


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Cue nouns of people ("le PDG", "le fondateur"), whose complement names someone else's organisation."""
    return frozenset(word for word, type_ in load("cues")["type_nouns"].items() if type_ == "Person")


@lru_cache(maxsize=1)
def report_verbs() -> frozenset[str]:
    return frozenset(load("modality")["report_verbs"])


def named_as_source(doc, i: int, floor: int) -> bool:
    """Whether the word at `i` is named as a source: "selon X", "d'après le Wall Street Journal",
    also past the noun that introduces it: "selon le quotidien X", "d'après le site américain X"."""
    j = i - 1
    while j > floor and i - j <= 4 and (doc[j].pos_ == "DET" or doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ"}):
        j -= 1
    return j >= floor and doc[j].lower_ in SOURCE_MARKERS


@dataclass
class Found:
    mentions: list[Mention]
    fallback: bool = False


class Sentence:
    """A sentence with its mentions indexed by token, and the role locators."""

    def __init__(self, span: Span, mentions: list[Mention], filler_nouns: set[str]):
        self.span = span
        self.doc = span.doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.at = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self.filler_nouns = filler_nouns
        # person key -> the organisation an earlier trigger of this sentence says they founded
        self.founded_by: dict[str, Mention] = {}
        # whom a lawsuit of this sentence without a named plaintiff is against ("Des auteurs ont assigné Y")
        self.defendants: list[Mention] = []
        # A rule's `requires` cue may sit in the next sentence ("X accuse Y de ... Dans une plainte, ...")
        # or in the previous one ("X boucle un tour de table. L'opération a été menée par Y.")
        following = self.doc[span.end : span.end + 60]
        nxt = next(following.sents, None) if len(following) else None
        prev = self.doc[span.start - 1].sent if span.start > 0 else None
        self.context = (prev.text + " " if prev is not None else "") + span.text + (" " + nxt.text if nxt is not None else "")

    @staticmethod
    def _words(token: Token) -> tuple[str, ...]:
        lower = token.lower_
        return CONTRACTIONS.get(lower, (lower,))

    # -- coordination ---------------------------------------------------------------------------
    def group(self, mention: Mention) -> list[Mention]:
        """The whole list "A, B et C" that `mention` belongs to (only real names, never pronouns)."""
        if mention.resolved:
            # "par le fonds lui-même et le groupe X": a reference may head a list too
            nxt, sep = self._next_in_list(mention.end)
            following = self.group(nxt) if nxt is not None and sep in LIST_CLOSERS else []
            return [mention, *mention.siblings, *following]
        members = [mention]
        # rightwards: separators are commas until an "et"/"ou" closes the list
        current, closed = mention, False
        chain = []
        while not closed:
            nxt, sep = self._next_in_list(current.end)
            if nxt is None:
                break
            chain.append(nxt)
            current = nxt
            closed = sep in LIST_CLOSERS
        if closed and all(self._kind(m) == self._kind(mention) for m in chain):
            members += chain
        # leftwards: through an "et" right before this mention, then through commas
        can_comma, current = closed, mention
        while True:
            prev, sep = self._prev_in_list(current.start)
            if prev is None:
                break
            if self._kind(prev) != self._kind(mention) or self._is_source(prev.start):
                break  # "D'après le WSJ, A et B ...": a source heads no list
            if sep == "," and (prev.type == "Person") != (mention.type == "Person") and self._in_complement(prev.start):
                break  # "Les fondateurs de la plateforme X, A et B, ...": people in apposition, not a list with X
            if sep in LIST_CLOSERS and current is mention and not closed:
                can_comma = True
            elif not (sep == "," and can_comma):
                break
            members.insert(0, prev)
            current = prev
        return members

    @staticmethod
    def _kind(mention: Mention) -> str:
        """Lists join names of one kind: "GPT-4, et Anthropic" is no list (a product, a company)."""
        return mention.type if mention.type in {"Product", "Place"} else "actor"

    def _next_in_list(self, end: int) -> tuple[Mention | None, str | None]:
        sep, i, noun = None, end, False
        while i < self.span.end and i - end < 7:
            token = self.doc[i]
            if i in self.at and sep:
                m = self.at[i]
                return (m, sep) if not m.resolved else (None, None)
            if token.text == "," and sep is None:
                sep = ","
            elif token.lower_ in LIST_CLOSERS:
                sep = token.lower_
            elif token.lower_ in self.filler_nouns:
                noun = True
            elif token.lower_ in EMPHATIC_PRONOUNS and sep is None:
                pass  # "le fonds lui-même et le groupe X"
            elif sep and token.pos_ == "NOUN" and token.is_lower and self._name_after_adjectives(i + 1):
                pass  # a title right before the name: "A et sa sœur B", "A et l'armateur breton B"
            elif noun and token.lower_ in {"de", "d'", "du", "des"} and self._bare_complement(i):
                pass  # "A et le groupe de médias B"
            elif noun and (token.is_lower or token.is_upper) and self.doc[i - 1].lower_ in {"de", "d'", "du", "des"} and self._bare_complement(i - 1):
                pass  # "A et le fabricant de batteries chinois B"
            # "A et de B" is a list; "A et ancien chercheur de B" is not: B complements the noun
            elif not (token.pos_ == "DET" or is_adjective(token) or (token.lower_ in LIST_WORDS and not noun)):
                return None, None
            i += 1
        return None, None

    def _in_cue_phrase(self, i: int) -> bool:
        """Whether the token at `i` is an adjective or a bare complement after a cue noun: "pousse
        toulousaine", "groupe de médias"."""
        token = self.doc[i]
        if token.pos_ == "ADJ" and token.is_lower:
            return True
        if token.lower_ in {"de", "d'"}:
            return i > self.span.start and self.doc[i - 1].lower_ in self.filler_nouns
        return (token.is_lower and token.pos_ == "NOUN" or self._acronym_complement(token)) and i - 2 >= self.span.start and self.doc[i - 1].lower_ in {"de", "d'"} and self.doc[i - 2].lower_ in self.filler_nouns

    def _bare_complement(self, i: int) -> bool:
        """Whether "de" at `i` opens a bare complement right before a name: "de médias B"."""
        nxt = self.doc[i + 1] if i + 1 < self.span.end else None
        # (right before the name, whatever the tagger calls the word: "le spécialiste du coliving B")
        if nxt is None or not (nxt.is_lower and (nxt.pos_ in {"NOUN", "ADJ"} or i + 2 in self.at) or self._acronym_complement(nxt)):
            return False
        j = i + 2  # past adjectives: "le fabricant de batteries chinois B"
        while j < min(i + 4, self.span.end) and j not in self.at and self.doc[j].is_lower and is_adjective(self.doc[j]):
            j += 1
        return j in self.at

    def _prev_in_list(self, start: int) -> tuple[Mention | None, str | None]:
        sep, i = None, start - 1
        while i >= self.span.start and start - i <= 6:
            token = self.doc[i]
            if i in self.at and sep:
                m = self.at[i]
                return (m, sep) if not m.resolved else (None, None)
            if token.text == "," and sep is None:
                sep = ","
            elif token.lower_ in LIST_CLOSERS:
                sep = token.lower_
            elif sep is None and self._in_cue_phrase(i):
                pass  # the noun phrase of this name: "et la jeune pousse toulousaine B", "et le groupe de médias B"
            elif sep is None and i == start - 1 and token.pos_ == "NOUN" and token.is_lower:
                pass  # a title the cue list lacks: "A et sa compagne B"
            elif not (token.pos_ == "DET" or token.lower_ in self.filler_nouns):
                return None, None
            i -= 1
        return None, None

    # -- locators -------------------------------------------------------------------------------
    def mention_at_or_in(self, token: Token) -> Mention | None:
        """The mention at `token`, or the name a common noun introduces: "le fonds Kingdom Holding"."""
        if token.i in self.at:
            return self.at[token.i]
        if token.lower_ in person_nouns():
            # "le PDG de X" is not X: only a name right after the title ("le PDG Jean Valmont"),
            # or after a bare complement ("le créateur de jeux vidéo Kylian Morel")
            i = token.i + 1
            while i < min(token.i + 3, self.span.end) and self.doc[i].pos_ == "ADJ":
                i += 1
            if i + 1 < self.span.end and self.doc[i].lower_ in {"de", "d'"} and self.doc[i + 1].is_lower and i + 1 not in self.at:
                j = i + 1
                while j < min(i + 4, self.span.end) and self.doc[j].is_lower and j not in self.at:
                    j += 1
                mention = self.at.get(j)
                return mention if mention is not None and mention.type == "Person" else None
            return self.at.get(i)
        return self._introduced(token.i)

    def subject(self, trigger: Token) -> Found:
        found = self._subject(trigger)
        if found.mentions:
            # "X a remis au pot, tout comme le fonds Y": Y did the same, so shares the subject's role
            extra = [m for m in self._likewise(trigger.i + 1) if m not in found.mentions]
            if extra:
                return Found(found.mentions + extra, found.fallback)
        return found

    def _likewise(self, i: int) -> list[Mention]:
        for j in range(i, self.span.end - 2):
            token = self.doc[j]
            if token.text in CLAUSE_BREAKS:
                break
            if token.text != ",":
                continue
            words = [t.lower_ for t in self.doc[j + 1 : j + 4]]
            skip = 2 if words[:2] == ["tout", "comme"] else 3 if words == ["de", "même", "que"] else 0
            if skip:
                mention = self._introduced(j + 1 + skip)
                return self.group(mention) if mention and not mention.resolved else []
        return []

    def _subject(self, trigger: Token) -> Found:
        turn = self._whose_turn(trigger)
        if turn:
            return Found(turn)
        node, hops = trigger, 0
        while hops < 6:
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubj:pass"} and self.span.start <= child.i < self.span.end:
                    if self._is_source(child.i):
                        continue  # "D'après X, le fonds Y pourrait ...": the parser's subject is the source
                    if child.lower_ in {"il", "elle"} and (node.dep_ == "acl:relcl" or self._after_relative_que(child)):
                        # "X dirige Y, la société qu'elle a fondée": not Y, which the clause is said of,
                        # but the main clause's subject
                        return Found(self._main_subject(child.i) or self._free_person_before(child.i), fallback=True)
                    found = self._from_subject(child, node)
                    if found:
                        # "X, cofondée par A, et le port de Y ont uni leurs forces": the parser may give
                        # each conjunct of a subject split by an incise its own subject arc
                        for other in node.children:
                            if other.dep_ == child.dep_ and not found[0].resolved and self._after_comma_and(other):
                                found = found + [m for m in self._from_subject(other, node) if m not in found]
                        if not found[0].resolved and self._after_comma_and(child):
                            found = [m for m in self._before_incise(child) if m not in found] + found
                        return Found(found)
                    if child.lower_ in {"un", "une"} and child.i - 2 >= self.span.start and self.doc[child.i - 2].text == ",":
                        # "A, l'un des cofondateurs de X, a investi": the parser's subject is the apposition
                        found = self._before(child.i - 1)
                        if found:
                            return Found(found)
                    if child.pos_ == "PRON" and child.lower_ not in RELATIVE_PRONOUNS:
                        return Found([])  # a pronoun coreference could not resolve: no guess
            if node is trigger and node.dep_ == "advcl" and self._apposed_past_participle(node):
                # "X a investi dans la marque Y, fondée par Z": the parser hangs the participle on the
                # main verb, but it qualifies the name right before its comma
                found = self._before(node.i)
                if found:
                    return Found(found)
            if node.dep_ in {"acl", "amod"} and node.head.i < node.i:
                # "X a porté plainte contre Y, accusant la société de ...": a present participle set off
                # by a comma is said of the main clause's subject, wherever the parser hangs it
                apart = self.doc[node.i - 1].text == "," and "Pres" in node.morph.get("Tense") and "Part" in node.morph.get("VerbForm")
                found = (apart and self._main_subject(node.i)) or self._noun_referent(node.head)
                found = [m for m in found if not self._is_source(m.start)]  # the parser may hang the clause on "selon le site X"
                if not apart and len(found) != 1 and node.morph.get("Number") == ["Sing"]:
                    # "A et la start-up B, cofondée par C": a singular participle is said of B alone, also
                    # when the parser hangs it on the list's first noun ("Le promoteur A et la start-up B, fondée par C")
                    own = self.at.get(node.i - 2) if self.doc[node.i - 1].text == "," else None  # the name before the comma
                    if own is None and found:
                        own = self.mention_at_or_in(node.head)
                    found = [own] if own is not None else found
                if found:
                    return Found(found)
            if node.dep_ == "xcomp" and node.head.lemma_ in CONTROL_VERBS:
                # "X a convaincu le fonds Y d'investir": Y invests, not X
                objects = [c for c in node.head.children if c.dep_ == "obj"]
                found = self._noun_referent(objects[0]) if objects else []
                if found:
                    return Found(found)
            if node.dep_ in {"xcomp", "obj", "obl", "obl:arg", "obl:mod", "nmod", "conj", "acl", "advcl", "ccomp"} and node.head is not node:
                if self._report_incise(node.head, node):
                    break  # "X a noué un accord avec Y, a expliqué Z": Z speaks, the clause's subject is X
                if self._qualifies_a_thing(trigger) and node is not trigger and node.dep_ in {"obl", "obl:arg", "obl:mod", "obj"} and node.head.pos_ in {"VERB", "AUX"}:
                    return Found([])  # "A s'est associé à l'appel d'offres lancé par X": the tender was launched, not A
                node, hops = node.head, hops + 1
                continue
            break
        inverted = self._inverted_subject(trigger)
        if inverted:
            return Found(inverted)
        left = self._nearest_left(trigger)
        return Found(self.group(left), fallback=True) if left else Found([])

    def _inverted_subject(self, trigger: Token) -> list[Mention]:
        """The subject after its verb in a sentence that opens with the verb: "Ont également participé
        au tour de table les fonds A et B" (the parser calls it the object)."""
        verb = trigger
        for _ in range(2):
            if verb.pos_ in {"VERB", "AUX"}:
                break
            verb = verb.head
        first = self.doc[self.span.start]
        # (a capitalised auxiliary may be parsed as the subject itself: "Ont")
        # (not a participle: "Fondé par X, le studio ..." opens no inverted clause)
        opens = (first.i == verb.i and "Fin" in verb.morph.get("VerbForm")) or first.head.i == verb.i and (
            first.dep_.startswith("aux") or first.lower_ in AUXILIARY_FORMS)
        if verb.pos_ not in {"VERB", "AUX"} or not opens:
            return []
        for child in verb.children:
            if child.dep_ in {"obj", "nsubj"} and child.i > trigger.i:
                mention = self.mention_at_or_in(child)
                if mention is None:
                    mention = next((m for m in self.mentions if child.left_edge.i <= m.start <= child.right_edge.i), None)
                if mention is not None:
                    return self.group(mention)
        return []

    def _after_relative_que(self, token: Token) -> bool:
        """Whether "que" as a relative pronoun comes right before: "X, qu'elle a lancée" (which the parser
        may read as a completive clause)."""
        before = self.doc[token.i - 1] if token.i > self.span.start else None
        return before is not None and before.lower_ in {"que", "qu'"} and "Rel" in before.morph.get("PronType")

    def _qualifies_a_thing(self, trigger: Token) -> bool:
        """A past participle hung, without a comma, on a common noun that names no one: "l'appel d'offres lancé par X"."""
        head = trigger.head
        return (
            trigger.dep_ == "acl" and "Part" in trigger.morph.get("VerbForm") and self.doc[trigger.i - 1].text != ","
            and head.pos_ == "NOUN" and head.lower_ not in self.filler_nouns and head.i not in self.at
        )

    def _apposed_past_participle(self, token: Token) -> bool:
        """A past participle without auxiliary right after a comma: "..., fondée par Z"."""
        after_comma = token.i > self.span.start and self.doc[token.i - 1].text == ","
        past = "Part" in token.morph.get("VerbForm") and "Past" in token.morph.get("Tense")
        return after_comma and past and not any(c.dep_.startswith("aux") for c in token.children)

    def _report_incise(self, verb: Token, clause: Token) -> bool:
        """Whether `verb` reports the clause from an incise after it: "..., a expliqué Z"."""
        if verb.i < clause.i or verb.lower_ not in report_verbs():
            return False
        before = verb.i - 1
        if before > self.span.start and self.doc[before].pos_ == "AUX":
            before -= 1
        return self.doc[before].text == ","

    def _comma_before_and(self, token: Token) -> int | None:
        """The comma of ", et" that opens the noun phrase of `token`: "X, cofondée par A, et le port de Y"."""
        first = token.left_edge.i
        if self.doc[first].lower_ != "et":  # the parser may leave the conjunction out of the phrase
            first -= 1
        if first - 1 >= self.span.start and self.doc[first].lower_ == "et" and self.doc[first - 1].text == ",":
            return first - 1
        return None

    def _after_comma_and(self, token: Token) -> bool:
        return self._comma_before_and(token) is not None

    def _before_incise(self, token: Token) -> list[Mention]:
        """The name before the participle or relative clause that ", et" closes: X in "X, cofondée par A, et Y"."""
        comma = self._comma_before_and(token)
        opening = self._incise_start(comma) if comma is not None else None
        if opening is None or opening == comma or opening - 1 not in self.at:
            return []
        return self.group(self.at[opening - 1])

    def _whose_turn(self, trigger: Token) -> list[Mention]:
        """"C'est au tour de X de poursuivre Y": X acts, and so did the one "Après W," names."""
        marker = trigger.i - 1
        if marker - 1 not in self.at or self.doc[marker].lower_ not in {"de", "d'"}:
            return []
        actor = self.at[marker - 1]
        turn = next((i for i in range(actor.start - 1, max(self.span.start, actor.start - 5), -1) if self.doc[i].lower_ == "tour"), None)
        if turn is None or self.doc[turn - 1].lower_ != "au" or self._introduced(turn + 1) is not actor:
            return []
        found = self.group(actor)
        earlier = self._introduced(self.span.start + 1) if self.doc[self.span.start].lower_ == "après" else None
        if earlier is not None and earlier.end < self.span.end and self.doc[earlier.end].text == ",":
            found = self.group(earlier) + found
        return found

    def subject_organisation(self, trigger: Token) -> Found:
        """The organisation a person subject is said to lead or found in the sentence: "Fondatrice
        de X, Y a bouclé une levée auprès de Z" (X raises, not Y), "A et B ont fondé X et viennent
        de lever 20 millions auprès de Z"."""
        people = [m for m in self.subject(trigger).mentions if m.type == "Person"]
        if not people:
            return Found([])
        founded = {self.founded_by[m.key].key: self.founded_by[m.key] for m in people if m.key in self.founded_by}
        if founded:
            return Found(list(founded.values()), fallback=True)
        for i in range(self.span.start, trigger.i):
            origin = self.doc[i].lower_ == "origine" and i > self.span.start and self.doc[i - 1].lower_ == "l'"  # "À l'origine de X, Y a levé"
            leader = self.doc[i].lower_ in person_nouns() or self.doc[i].lower_ in LEADER_NOUNS
            owner = self.at.get(i - 1)
            if leader and owner is not None and owner.resolved and owner.type in ORGANIZATIONS:
                return Found([owner], fallback=True)  # "Sa fondatrice, X, a ouvert son capital à Z"
            if leader or origin:
                found = self.prep(i + 1, ("de",))
                organisations = [m for m in found.mentions if m.type in ORGANIZATIONS]
                if organisations:
                    return Found(organisations, fallback=True)
        return Found([])

    def _is_source(self, i: int) -> bool:
        start = self.at[i].start if i in self.at else i  # "selon le site Deutsche Startups": from the name's first word
        return named_as_source(self.doc, start, self.span.start)

    def _completed_verb(self, trigger: Token) -> Token | None:
        """The verb before a trigger phrase that the phrase completes: "porté" in "A a porté X sur les
        fonts baptismaux"."""
        verb = trigger
        for _ in range(4):
            if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
                break
            verb = verb.head
        return verb if verb.pos_ in {"VERB", "AUX"} and verb.i < trigger.i else None

    def head_subject(self, trigger: Token) -> Found:
        """The subject of the verb a trigger phrase completes: A in "A a porté X sur les fonts baptismaux"."""
        verb = self._completed_verb(trigger)
        return self.subject(verb) if verb is not None else Found([])

    def head_object(self, trigger: Token) -> Found:
        """The direct object of the verb a trigger phrase completes, named before the phrase: "A a
        porté X sur les fonts baptismaux", "A a choisi X comme partenaire"."""
        verb = self._completed_verb(trigger)
        if verb is None:
            return Found([])
        for child in verb.children:
            if child.dep_ == "obj" and child.i < trigger.i:
                found = self._noun_referent(child)
                if found:
                    return Found(found)
        # the parser may hang the object elsewhere: the first name between the verb and the phrase
        mention = next((self.at[i] for i in range(verb.i + 1, trigger.i) if i in self.at), None)
        return Found(self.group(mention), fallback=True) if mention is not None else Found([])

    def controller(self, trigger: Token) -> Found:
        """The subject of the verb that made someone act: in "X a convaincu le fonds Y d'investir",
        X is what Y invests in when nothing else is named."""
        node = trigger
        for _ in range(3):
            if node.dep_ not in {"xcomp", "acl", "obj", "advcl"} or node.head is node:
                return Found([])
            node = node.head
            if node.lemma_ in CONTROL_VERBS and any(c.dep_ == "obj" for c in node.children):
                return self._subject(node)
        return Found([])

    def _main_subject(self, before: int) -> list[Mention]:
        """The first named subject before `before` (coreference's choice may be the clause's own noun)."""
        for mention in self.mentions:
            if mention.start >= before:
                break
            # (a pronoun that is the main clause's own subject counts: "Il a investi dans Y, qu'il a créée")
            if (not mention.resolved or self.doc[mention.start].pos_ == "PRON") and self._names_subject(mention):
                return self.group(mention)
        return []

    def _free_person_before(self, before: int) -> list[Mention]:
        """The first person named before `before` outside a complement, when the parser found no
        subject: "Figure de la French Tech, A est à la tête de X, qu'elle a fondée"."""
        for mention in self.mentions:
            if mention.start >= before:
                break
            governed = mention.start > self.span.start and self.doc[mention.start - 1].pos_ == "ADP"
            if mention.type == "Person" and not mention.resolved and not governed:
                return self.group(mention)
        return []

    def _names_subject(self, mention: Mention) -> bool:
        """Whether the mention is a subject, or the name its cue noun introduces: "Le groupe X a ..."."""
        token = self.doc[mention.start]
        head = token.head
        introduced = head.i < token.i and all(t.pos_ == "ADJ" for t in self.doc[head.i + 1 : token.i])
        return token.dep_ in {"nsubj", "nsubj:pass"} or (introduced and head.dep_ in {"nsubj", "nsubj:pass"})

    def _from_subject(self, token: Token, verb: Token) -> list[Mention]:
        if token.lower_ in RELATIVE_PRONOUNS:
            head = verb.head
            participle = head.head
            if (
                head.i < token.i and self.doc[token.i - 1].text == "," and participle.dep_ == "acl"
                and participle.head.lower_ in person_nouns() and participle.head.i < head.i
            ):
                # "X, un ingénieur passé par Y, qui a créé Z": the person the participle describes, not Y
                return self._noun_referent(participle.head)
            if head.i < token.i and head.pos_ not in {"VERB", "AUX"}:
                # (or the name right before: the parser may hang the clause on an amount, "4 millions à X, qui")
                found = self._noun_referent(head) or self._before(token.i)
            else:
                # before the clause, or hung on the main verb by the parser: "X s'est tourné vers Y, qui a mené ..."
                found = self._before(token.i)
            return self._contrasted(found) + found
        title = token.lower_.rstrip("s") in person_nouns() or token.lower_ in LEADER_NOUNS
        if title and token.i + 1 < self.span.end and self.doc[token.i + 1].lower_ in {"de", "d'", "du"}:
            # "Les créateurs de X, A et B, ont été poursuivis": the people in apposition, not X
            owner = self._introduced(token.i + 1)
            after = owner.end + 1 if owner is not None and not owner.resolved else None
            if after is not None and after < self.span.end and self.doc[after - 1].text == "," and after in self.at:
                apposed = [m for m in self.group(self.at[after]) if m.start >= after]
                if all(m.type == "Person" for m in apposed):
                    return apposed
        mention = self.mention_at_or_in(token)
        if mention:
            return self.group(mention)
        # the parser may head the noun phrase with its adjective: "La jeune pousse rennaise" (rennaise, NOUN)
        mention = next((self.at[c.i] for c in token.lefts if c.i in self.at and c.dep_ in {"amod", "nmod", "compound"}), None)
        if mention:
            return self.group(mention)
        # "Plusieurs médias, dont A et B, ont ...": the names given as examples of the subject
        return self.examples(token.i + 1, window=6).mentions

    def _contrasted(self, found: list[Mention]) -> list[Mention]:
        """The names a cleft sentence denies before the ones it asserts: A in "Ce n'est pas A mais B qui
        a investi" (the claim's modality reads the negation before A)."""
        if not found:
            return []
        i = found[0].start - 1
        while i > self.span.start and (self.doc[i].pos_ == "DET" or self.doc[i].lower_ in self.filler_nouns):
            i -= 1
        if i - 1 <= self.span.start or self.doc[i].lower_ != "mais" or i - 1 not in self.at:
            return []
        denied = self.at[i - 1]
        j = denied.start - 1
        while j > self.span.start and (self.doc[j].pos_ == "DET" or self.doc[j].lower_ in self.filler_nouns):
            j -= 1
        return self.group(denied) if j >= self.span.start and self.doc[j].lower_ in {"pas", "non"} else []

    def _noun_referent(self, noun: Token) -> list[Mention]:
        mention = self.mention_at_or_in(noun)
        if mention:
            return self.group(mention)
        # "Le Lyonnais Florent Masson, qui ...": the name in apposition to the noun
        apposed = next((c for c in noun.children if c.dep_ == "appos" and c.i in self.at and c.i > noun.i), None)
        if apposed is not None and self.at[apposed.i].start == noun.i + 1:
            return self.group(self.at[apposed.i])
        return self._before(noun.i + 1)

    def _before(self, i: int) -> list[Mention]:
        """The name right before a relative pronoun or a participle: "Sequoia et a16z, qui ...",
        also past an apposed cue noun: "Lumeo, la société qu'elle a fondée"."""
        j = i - 1
        while j >= self.span.start and i - j <= 5:
            if j in self.at:
                return self.group(self.at[j])
            if self.doc[j].text != "," and self.doc[j].pos_ not in {"DET", "ADJ"} and self.doc[j].lower_ not in self.filler_nouns:
                break
            j -= 1
        return []

    def relative(self, trigger: Token) -> Found:
        """The noun a relative clause hangs on, when the relation's object is the relative pronoun:
        "X, dans laquelle Y a investi", "X, dont Y est actionnaire"."""
        for i in range(trigger.i - 1, max(self.span.start, trigger.i - 10) - 1, -1):
            token = self.doc[i]
            if token.text in CLAUSE_BREAKS:
                break
            if token.lower_ in OBJECT_RELATIVES:
                start = i - 1 if i > self.span.start and self.doc[i - 1].pos_ == "ADP" else i
                return Found(self._before(start))
        return Found([])

    def _nearest_left(self, trigger: Token) -> Mention | None:
        governors = {t.i for t in trigger.ancestors}
        j = trigger.i
        while j > self.span.start:
            j -= 1
            token = self.doc[j]
            if token.text == ",":
                # past an incise to the subject it is said of: "X, cofondée par A et B, a bouclé",
                # "X, qui a cofondé Y, a investi"
                j = self._incise_start(j)
                continue
            if token.text in CLAUSE_BREAKS or token.lower_ in RELATIVE_PRONOUNS or token.lower_ in {"que", "qu'"}:
                return None
            # a copula or auxiliary opens no clause of its own: "X serait en négociations pour investir"
            # (a name the tagger calls a verb is none: "Ubisoft et Tencent auraient signé")
            if token.pos_ == "VERB" and j not in governors and token.lemma_ not in {"être", "avoir"} and j not in self.at:
                return None  # the name belongs to another clause
            if j in self.at and self.doc[j].lower_ != "y":  # "y" is never the subject
                mention = self.at[j]
                before = self.doc[mention.start - 1] if mention.start > self.span.start else None
                # a name governed by a preposition is no subject: "selon X", "contre X", "avec X"
                if before is not None and before.pos_ == "ADP" and before.lower_ not in {"parmi"}:
                    continue
                return mention
        return None

    def _incise_start(self, comma: int) -> int:
        """The comma opening the participle or relative clause that `comma` closes, else `comma`."""
        for k in range(comma - 1, max(self.span.start, comma - 16) - 1, -1):
            token = self.doc[k]
            if token.text in CLAUSE_BREAKS:
                break
            if token.text == ",":
                opener = self.doc[k + 1]
                participle = opener.pos_ in {"VERB", "ADJ"} and "Part" in opener.morph.get("VerbForm")
                return k if participle or opener.lower_ in RELATIVE_PRONOUNS else comma
        return comma

    def object(self, trigger_end: int) -> Found:
        i = trigger_end
        limit = min(trigger_end + 6, self.span.end)
        while i < limit:
            if i in self.at:
                return Found(self.group(self.at[i]))
            token = self.doc[i]
            if token.text == "," and i == trigger_end:
                # past an incise: "a cofondé, avec l'ingénieur X, la société Y"
                close = next((j for j in range(i + 1, min(i + 10, self.span.end)) if self.doc[j].text == ","), None)
                if close is not None:
                    i, limit = close + 1, min(close + 7, self.span.end)
                    continue
            adverbial = token.pos_ == "ADP" and i + 1 < self.span.end and (self.doc[i + 1].pos_ in {"ADV", "NOUN", "NUM"} or self.doc[i + 1].lower_ in WORDS_BEFORE_OBJECT)
            if (
                token.pos_ == "ADP" and i + 3 < self.span.end and self.doc[i + 1].pos_ == "DET" and self.doc[i + 2].pos_ == "NOUN"
                and self.doc[i + 2].lower_ not in self.filler_nouns and not {i + 1, i + 2} & self.at.keys()
                and (self.doc[i + 3].pos_ in {"DET", "PROPN"} or i + 3 in self.at)
            ):
                i += 3  # "a soutenu dès l'amorçage la fintech X", "lançaient dans leur garage X"
                continue
            # adverbs and adverbial phrases do not count against the window: "poursuit en revanche
            # bien en justice le site X"
            if token.lower_ in WORDS_BEFORE_OBJECT or (token.pos_ == "ADV" and i + 1 not in self.at):
                i, limit = i + 1, min(limit + 1, self.span.end)
                continue
            if token.lower_ == "avec" and i == trigger_end and (partner := self._introduced(i + 1)) is not None and partner.type == "Person":
                # "a fondé avec son ancien camarade X la société Y": the co-founder comes before the object
                i, limit = partner.end, min(partner.end + 6, self.span.end)
                continue
            if adverbial and i + 1 not in self.at:  # "a cofondé en secret X", "a fondé en 2018 X"
                i, limit = i + 2, min(limit + 2, self.span.end)
                continue
            if [t.lower_ for t in self.doc[i : i + 3]] == ["il", "y", "a"]:
                # "a lancé il y a cinq ans sa société X"
                j = next((k for k in range(i + 3, min(i + 6, self.span.end)) if self.doc[k].lemma_ in TIME_NOUNS or self.doc[k].lower_ in TIME_NOUNS), None)
                if j is not None:
                    i, limit = j + 1, min(j + 7, self.span.end)
                    continue
            if token.pos_ == "DET" and i + 1 < self.span.end and self.doc[i + 1].lower_ in TIME_NOUNS:
                i += 2  # "a lancé l'an dernier sa société X"
                while i < self.span.end and self.doc[i].pos_ == "ADJ":
                    i += 1
                limit = min(i + 6, self.span.end)
                continue
            mention = self._introduced(i) or self._named_after(i)
            return Found(self.group(mention)) if mention else Found(self._phrase_members(i))
        return Found([])

    def _named_after(self, i: int) -> Mention | None:
        """The name a naming participle gives the noun phrase at `i`: "ont créé une coentreprise,
        baptisée X"."""
        for j in range(i, min(i + 8, self.span.end - 1)):
            token = self.doc[j]
            if token.lower_ in naming_participles():
                k = j + 1
                while k < self.span.end and k not in self.at and self.doc[k].text in {'"', "«", "'"}:
                    k += 1
                return self.at.get(k)
            if token.pos_ in {"VERB", "AUX"} or token.text in CLAUSE_BREAKS:
                return None
        return None

    def prep(self, trigger_end: int, words: tuple[str, ...]) -> Found:
        """The name introduced by the first occurrence of `words` after the trigger that introduces
        one: in "au tour de table de la start-up X", the "de" of "tour de table" introduces nothing.
        The search stops at the next verb after an occurrence that introduced no name."""
        lookahead = LOOKAHEAD.get(words[0], DEFAULT_LOOKAHEAD) if len(words) == 1 else DEFAULT_LOOKAHEAD
        flat: list[tuple[int, str]] = []
        i = trigger_end
        if i < self.span.end and self.doc[i].text == ",":
            # past an incise that does not hold the words: "est le cofondateur, avec A, de X"
            close = next((j for j in range(i + 1, min(i + 8, self.span.end)) if self.doc[j].text == ","), None)
            # ("Son fondateur, A, est un ancien de B": the incise must be followed by the words)
            after_close = self._words(self.doc[close + 1]) if close is not None and close + 1 < self.span.end else ()
            if close is not None and words[0] not in {w for t in self.doc[i:close] for w in self._words(t)} and words[0] in after_close:
                i = close + 1
        while i < self.span.end and lookahead > 0:
            token = self.doc[i]
            flat += [(i, w) for w in self._words(token)]
            # amounts and coordinated titles do not count: "la levée de 20 millions de livres de X",
            # "cofondateur et directeur technique de X"
            # nor does the end of "levée de fonds", "tour de table": "participé à la levée de fonds de X"
            set_phrase = i - 2 >= self.span.start and SET_PHRASE_ENDS.get(token.lower_) == self.doc[i - 2].lower_
            if not (token.like_num or token.lower_ in AMOUNT_WORDS or token.pos_ == "CCONJ" or is_adjective(token) or set_phrase):
                lookahead -= 1
            i += 1
        missed = False
        for n in range(len(flat)):
            token = self.doc[flat[n][0]]
            if token.text in CLAUSE_BREAKS or missed and token.pos_ in {"VERB", "AUX"}:
                return Found([])  # past a verb, a later "par X" belongs to another clause
            if words[0] == "de" and flat[n][1] in OTHER_PHRASE_PREPOSITIONS and token.pos_ == "ADP":
                return Found([])  # "une plainte devant un tribunal de Californie": that "de" is the court's
            if tuple(w for _, w in flat[n : n + len(words)]) == words:
                after = flat[n + len(words) - 1][0] + 1
                mention = self._introduced(after)
                if mention is None:
                    members = self._phrase_members(after)
                    if members:
                        return Found(members)
                if mention:
                    members = self.group(mention)
                    return Found(members + [m for m in self._examples_after_list(members[-1].end) if m not in members])
                missed = True
        return Found([])

    def _examples_after_list(self, end: int) -> list[Mention]:
        """Names a list closes with as examples of a group: "auprès de X et de plusieurs business
        angels, parmi lesquels A"."""
        if end + 1 >= self.span.end or self.doc[end].lower_ not in LIST_CLOSERS or end + 1 in self.at:
            return []
        start = end + 2 if self.doc[end + 1].lower_ in {"de", "d'", "des"} else end + 1
        return self._phrase_members(start) if start < self.span.end else []

    def _phrase_members(self, i: int) -> list[Mention]:
        """The names a noun phrase without a name of its own stands for, given as examples ("par
        plusieurs maisons de disques, dont A et B") or in apposition after a complement ("par deux
        anciens chercheurs de DeepMind, A et B,"); nothing once a verb comes (another clause)."""
        one_of = any(t.lower_ in {"un", "une"} for t in self.doc[i : min(i + 2, self.span.end)])
        counted = i < self.span.end and self.doc[i].like_num and self.doc[i].lower_ not in {"un", "une"}
        for j in range(i, min(i + 8, self.span.end)):
            token = self.doc[j]
            if token.lower_ in EXAMPLE_MARKERS and j > i:
                return self.examples(j, window=2).mentions
            if token.text == "," and one_of and (mention := self._introduced(j + 1)) is not None and self._apposed(mention.start):
                return self.group(mention)  # "contre l'un de ses anciens concurrents, la société X,"
            if token.text == "," and counted and (mention := self._introduced(j + 1)) is not None:
                # "par deux sœurs, A et B": the people counted, named in apposition
                people = self.group(mention)
                return people if all(m.type == "Person" for m in people) else []
            if token.text == ":" and counted and (mention := self._introduced(j + 1)) is not None:
                return self.group(mention)  # "a créé deux entreprises : A et B"
            if j in self.at:
                return self._apposition_after(self.at[j]) if self._complement_at(j) else []
            if token.text in CLAUSE_BREAKS or token.pos_ in {"VERB", "AUX"} or (token.pos_ == "PRON" and token.lower_ not in {"un", "une"}):
                return []  # ("l'un de ses concurrents" is a noun phrase)
        return []

    def _in_complement(self, i: int) -> bool:
        """Whether the name at `i` ends a noun's complement: "de X", "de la plateforme de covoiturage X"."""
        for j in range(i - 1, max(self.span.start, i - 5) - 1, -1):
            token = self.doc[j]
            if token.lower_ in {"de", "d'", "du", "des"}:
                return True
            if not (token.is_lower and token.pos_ in {"NOUN", "ADJ", "DET"}):
                return False
        return False

    def _complement_at(self, i: int) -> bool:
        """Whether the name at `i` complements a noun: "de Google", also "de l'Inria"."""
        j = i - 1 if i - 1 > self.span.start and self.doc[i - 1].lower_ in {"l'", "la", "le", "les"} else i
        return self.doc[j - 1].lower_ in {"de", "d'", "du", "des"}

    def _apposition_after(self, complement: Mention) -> list[Mention]:
        end = complement.end
        # without the comma only a person after an organisation: "d'anciens ingénieurs de X A et B"
        adjacent = end in self.at and self.at[end].type == "Person" and complement.type != "Person"
        # ", A et B" or ": A, B et C" ("fondée par trois chercheurs de l'Inria : A, B et C")
        if adjacent or end + 1 < self.span.end and self.doc[end].text in {",", ":"} and end + 1 in self.at:
            members = [m for m in self.group(self.at[end if adjacent else end + 1]) if m.start >= end]
            last = members[-1].end
            if last >= self.span.end or self.doc[last].text in {",", ".", ";"}:
                return members
        return []

    def before(self, trigger: Token, word: str) -> Found:
        """The name `word` introduces in the clause before the trigger: "en discussions avec X pour
        nouer un partenariat", "a signé avec X un accord"."""
        for i in range(trigger.i - 1, max(self.span.start, trigger.i - 10) - 1, -1):
            if self.doc[i].text in CLAUSE_BREAKS:
                break
            if self.doc[i].lower_ == word:
                mention = self._introduced(i + 1)
                if mention:
                    return Found(self.group(mention))
        return Found([])

    def _introduced(self, i: int) -> Mention | None:
        """The name a preposition introduces, past determiners, adjectives and cue nouns
        ("dans la jeune pousse parisienne X"); after a cue noun, past its complement too
        ("au géant de la tech Oracle": the tagger may call "tech" a proper noun, but it is lower-case),
        but not into a name that complements a noun: "la filiale de Microsoft" is not Microsoft,
        "d'anciens ingénieurs de Google" are not Google."""
        start, content, after_cue, cue = i, False, False, i
        # (farther past a cue noun: "sa propre société de conseil en cybersécurité, X")
        while i < min(start + (10 if after_cue else 7), self.span.end):
            if i in self.at:
                complement = content and self._complement_at(i)
                return None if complement else self.at[i]
            token = self.doc[i]
            if token.lower_ in self.filler_nouns:
                after_cue, cue = True, i
            elif after_cue and token.text == "," and i + 1 in self.at and self._apposed(i + 1):
                return self.at[i + 1]  # "sa propre entreprise, X, qui ..."
            elif after_cue and token.text == "," and i + 1 < self.span.end and self.doc[i + 1].pos_ == "DET" and "Plur" not in self.doc[cue].morph.get("Number"):
                # "son ex-employeur, le cabinet de conseil X," (not "l'un de ses concurrents, la société X": one of several)
                mention = self._introduced(i + 1)
                return mention if mention is not None and self._apposed(mention.start) else None
            elif token.pos_ in {"NOUN", "PROPN"} and token.is_lower and (i + 1 in self.at or i + 2 in self.at and self.doc[i + 1].is_lower and is_adjective(self.doc[i + 1])):
                pass  # a title the cue list lacks: "le photographe X", "son ancien fournisseur X", "le chalutier néerlandais X"
            elif token.pos_ == "NOUN" and token.is_lower and (named := self._after_bare_complement(i)) is not None:
                return named  # and one with a bare complement: "les maisons de disques X", "le studio de jeux vidéo bordelais X"
            elif not (
                token.pos_ in FILLER_POS
                or token.lower_ in COMPLEMENT_WORDS
                or (after_cue and token.pos_ in {"NOUN", "PROPN", "X"} and (token.is_lower or self._acronym_complement(token)))
                # "la société de livraison à vélo X", "l'agence de voyages en ligne X"
                or (after_cue and content and token.lower_ in {"à", "en"} and i + 1 < self.span.end and self.doc[i + 1].is_lower)
            ):
                return None
            content = content or not (token.pos_ == "DET" or token.lower_ in COMPLEMENT_WORDS)
            i += 1
        return None

    def _name_after_adjectives(self, i: int) -> bool:
        """Whether a name starts at `i`, past up to two adjectives: "breton Marinor"."""
        for j in range(i, min(i + 3, self.span.end)):
            if j in self.at:
                return True
            if not is_adjective(self.doc[j]):
                return False
        return False

    def _after_bare_complement(self, i: int) -> Mention | None:
        """The name right after a noun's complement without a determiner, of up to three lower-case
        words: "maisons de disques X", "studio de jeux vidéo bordelais X"."""
        if i + 3 >= self.span.end or self.doc[i + 1].lower_ not in {"de", "d'"} or self.doc[i + 2].pos_ != "NOUN":
            return None
        j = i + 2
        while j < min(i + 5, self.span.end) and j not in self.at and self.doc[j].is_lower and (
            self.doc[j].pos_ in {"NOUN", "ADJ", "PROPN", "X"}
        ):
            j += 1
        return self.at.get(j) if j > i + 2 else None

    def _acronym_complement(self, token: Token) -> bool:
        """An acronym complementing a cue noun, as a common noun would: "la start-up d'IA générative X"."""
        return token.is_upper and len(token.text) <= 3 and token.i > 0 and self.doc[token.i - 1].lower_ in {"de", "d'"}

    def _apposed(self, i: int) -> bool:
        """Whether the name at `i` is set off like an apposition: followed by a comma, "qui" or the end."""
        end = self.at[i].end
        return end >= self.span.end or self.doc[end].text in {",", ".", ";"} or self.doc[end].lower_ == "qui"

    def clitic(self, trigger: Token, pronouns: frozenset[str] = frozenset({"y"})) -> Found:
        """What a clitic pronoun stands for, "y" in "X, qui y a investi" or "l'" in "X ..., A et B,
        qui l'ont lancée": the latest organisation named before it."""
        for i in range(trigger.i - 1, max(self.span.start, trigger.i - 4) - 1, -1):
            if self.doc[i].lower_ in pronouns and (self.doc[i].lower_ == "y" or self.doc[i].pos_ == "PRON"):
                if i in self.at:  # coreference found what it stands for
                    return Found([self.at[i]], fallback=True)
                # not the subject itself: "Il a séduit le fonds X, qui y a investi" is "il"
                subjects = {m.key for m in self._subject(trigger).mentions}
                before = [m for m in reversed(self.mentions) if m.end <= i and m.type in ORGANIZATIONS and m.key not in subjects]
                # an employer in a complement is not what was founded: "X se cachent deux anciens de Y, A et B, qui l'ont lancée"
                chosen = next((m for m in before if not self._in_complement(m.start)), before[0] if before else None)
                if chosen is not None:
                    return Found([chosen], fallback=True)
                break
        return Found([])

    def _apposed_person(self, comma: int) -> Mention | None:
        """The person named in apposition after a role noun, past a title: "Le fondateur, X, ...",
        "Son président et cofondateur, le docteur X"."""
        if comma >= self.span.end or self.doc[comma].text != ",":
            return None
        k = comma + 1
        while k < self.span.end and k not in self.at and k - comma <= 3 and (
            self.doc[k].is_lower and self.doc[k].pos_ in {"DET", "NOUN", "ADJ"} or self.doc[k].text in {"M.", "Mme", "Me", "Dr"}
        ):
            k += 1
        mention = self.at.get(k)
        return mention if mention is not None and mention.type == "Person" and not mention.resolved else None

    def holder(self, trigger: Token, trigger_end: int) -> Found:
        """Who a role noun is said of: "X, cofondateur de Y", "X est actionnaire de Y", "le fondateur de Y, X",
        "X, l'un de ses cofondateurs", and the name the noun is a title of: "son fondateur X"."""
        i = trigger_end
        while i < self.span.end and i not in self.at and self.doc[i].pos_ == "ADJ":
            i += 1
        if i in self.at:
            return Found(self.group(self.at[i]))
        apposed = self._apposed_person(i)
        if apposed is not None:
            return Found(self.group(apposed))
        if i < self.span.end and self.doc[i].lower_ in DEFINITE_AFTER_ROLE:
            # "Elle compte parmi ses actionnaires le fonds X et le groupe Y"
            mention = self._introduced(i)
            if mention:
                return Found(self.group(mention))
        j = trigger.i - 1
        if j >= self.span.start and self.doc[j].lower_ in POSSESSIVES:
            j -= 1  # "ses cofondateurs": the possessive names the organisation, not the holder
        while j >= self.span.start and trigger.i - j <= 7:
            if j in self.at:
                return Found(self.group(self.at[j]))
            token = self.doc[j]
            # a copula the tagger missed: "X compte parmi les premiers investisseurs de Y"
            if not (token.text == "," or token.pos_ in FILLER_POS or token.lower_ in HOLDER_FILLERS or token.lower_ in COPULA_FORMS):
                break
            j -= 1
        # "X est (le) cofondateur de Y", "X fait partie des investisseurs": the subject of a copula
        node = trigger
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_.startswith("nsubj") or c.dep_ == "expl:subj"]
            # the subject of the role noun, of a copula, or of a nominal predicate ("X est l'un des fondateurs")
            if subjects and (node is trigger or node.lemma_ in COPULAS or node.pos_ in {"PRON", "NOUN"}):
                found = self._from_subject(subjects[0], node)
                if found:
                    return Found(found)
            if (not subjects or subjects[0].i == trigger.i) and node.lemma_ in COPULAS and node.i > trigger.i:
                # the subject after the verb: "Parmi les investisseurs de Y figurent A et B"
                mention = self._introduced(node.i + 1)
                if mention:
                    return Found(self.group(mention))
            if subjects and subjects[0].i == trigger.i and node.i > trigger.i and any(c.dep_ == "cop" for c in node.children):
                # the role noun is the subject, the name the predicate: "dont l'actionnaire principal est le groupe Y"
                mention = self.mention_at_or_in(node)
                if mention:
                    return Found(self.group(mention))
            if node.head is node or (node.pos_ in {"VERB", "AUX"} and node.lemma_ not in COPULAS):
                break
            node = node.head
        # "Ses investisseurs, parmi lesquels A et B, ...", "Les investisseurs historiques de X, parmi lesquels A et B",
        # "Plusieurs actionnaires de la société de jeux mobiles X, dont le fonds A"
        examples = self.examples(trigger_end, window=10)
        if examples.mentions:
            return examples
        # "le fondateur de Y, X", "Principal actionnaire de Y, le fonds X", "À l'origine de la
        # plateforme de covoiturage Y, X": the name after the complement, also past an apposition
        # ("À l'origine de Y, une application de covoiturage pour les zones rurales, X")
        # (not an apposition to the complement itself: "du soutien financier de Y, sa maison mère, et de X")
        i = trigger_end
        while i < min(trigger_end + 16, self.span.end) and self.doc[i].pos_ not in {"VERB", "AUX"}:
            if self.doc[i].text == ",":
                mention = self._introduced(i + 1)
                complement = {self.at[k].key for k in range(trigger_end, i) if k in self.at}
                if mention and mention.key not in complement:
                    return Found(self.group(mention), fallback=True)
            i += 1
        return Found([])

    def possessor(self, trigger: Token) -> Found:
        """Whose role a possessive names: in "X, l'un de ses cofondateurs", the subject of the clause."""
        if trigger.i == self.span.start or self.doc[trigger.i - 1].lower_ not in POSSESSIVES:
            return Found([])
        if trigger.i - 1 in self.at:  # "Son cofondateur X": coreference found the owner
            return Found([self.at[trigger.i - 1]], fallback=True)
        # a fronted phrase announces the name: "Deux ans après sa création par A, B, la start-up X annonce"
        return self.fronted(trigger)

    def fronted(self, trigger: Token) -> Found:
        """The organisation named after a sentence-initial phrase that holds the trigger: "Avec le
        soutien financier de A et B, la coopérative X ...", "Deux ans après sa création par A, X ..."."""
        if any(t.pos_ in {"VERB", "AUX"} for t in self.doc[self.span.start : trigger.i]):
            return Found([])
        for i in range(trigger.i + 1, min(trigger.i + 20, self.span.end - 1)):
            if self.doc[i].text in CLAUSE_BREAKS or self.doc[i].pos_ in {"VERB", "AUX"}:
                break
            mention = self._introduced(i + 1) if self.doc[i].text == "," else None
            if mention is not None and mention.type in ORGANIZATIONS:
                return Found(self.group(mention), fallback=True)
        root = self.span.root
        for child in root.children:
            if child.dep_.startswith("nsubj"):
                mention = self.mention_at_or_in(child)
                if mention:
                    return Found(self.group(mention))
        return Found([])

    def examples(self, trigger_end: int, window: int = 12) -> Found:
        """Names given as examples of a group after the trigger: "a investi dans 800 jeunes pousses,
        parmi lesquelles A et B", "dans plusieurs sociétés, dont A"."""
        for i in range(trigger_end, min(trigger_end + window, self.span.end)):
            token = self.doc[i]
            if token.text in CLAUSE_BREAKS:
                break
            if token.lower_ in EXAMPLE_MARKERS:
                start = i + 2 if token.lower_ == "parmi" else i + 1
                mention = self._introduced(start)
                if mention:
                    return Found(self.group(mention))
        return Found([])

    def between(self, trigger_end: int) -> Found:
        """Both ends of "entre A et B", also past a complement and a passive: "un accord de licence a été conclu entre A et B"."""
        for i in range(trigger_end, min(trigger_end + 7, self.span.end)):
            if self.doc[i].text in CLAUSE_BREAKS:
                break
            if self.doc[i].lower_ == "entre" and i + 1 < self.span.end:
                mention = self._introduced(i + 1)
                if mention:
                    members = self.group(mention)
                    if len(members) > 1:
                        return Found(members)
        return Found([])

    def after_phrase(self, end: int) -> Found:
        """The name or epithet that follows the comma closing a fronted phrase: "Fondée par A, la start-up",
        also past an apposition to the founder: "Fondée par A, l'ancienne directrice de B, X a levé"."""
        for i in range(end, min(end + 16, self.span.end)):
            if self.doc[i].pos_ in {"VERB", "AUX"}:
                break
            if self.doc[i].text == "," and i + 1 < self.span.end:
                mention = self._introduced(i + 1)
                if mention:
                    return Found(self.group(mention))
        return Found([])

    def after(self, trigger_end: int) -> Found:
        """The names after the trigger ("Parmi eux figurent A et B"), but for sources and the partners of
        another verb: "... parmi ses actionnaires et collaborerait avec Y, selon Z"."""
        return Found([
            m for m in self.mentions
            if m.start >= trigger_end and not m.resolved and not self._is_source(m.start)
            and not (m.start > self.span.start and self.doc[m.start - 1].lower_ in {"avec", "contre", "chez"})
        ])

"""Modality of a claim: Negated, Hedged, Reported or Asserted (in that order of precedence).

The cues (data/modality.json) are looked for in the clause that carries the relation: from its
first argument (or the trigger) to just after the trigger. Denials count anywhere before the
trigger, "selon X" anywhere in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from graph.extract.data import load
from graph.extract.roles import Sentence
from graph.extract.text import PARTICIPLE


BACKGROUND_RELATIVES = {"dont", "qui", "laquelle", "lequel", "lesquels", "lesquelles", "duquel", "auquel", "auxquels", "auxquelles"}


@dataclass(frozen=True)
class Modality:
    value: str
    source: str | None = None  # entity key of the reporter: "selon X", "X affirme que"


class ModalityReader:
    def __init__(self):
        cues = load("modality")
        self.particles = set(cues["negation_particles"])
        self.negations = set(cues["negation_words"])
        self.denials = set(cues["denial_words_sentence"])
        self.failures = set(cues["failure_words_after"])
        self.successes = set(cues["success_words_after"])
        self.hedges = set(cues["hedge_words"])
        self.hedge_phrases = [tuple(phrase.split()) for phrase in cues["hedge_phrases_before"]]
        self.hedge_phrase_starts = {phrase[0] for phrase in self.hedge_phrases}
        self.ending_phrases = [tuple(phrase.split()) for phrase in cues["ending_phrases_before"]]
        self.not_hedges = {tuple(pair.split()) for pair in cues["not_hedges"]}
        # hedge words that, as the trigger, name a target rather than an aim ("La plainte vise aussi Y")
        self.unhedged_triggers = set(cues["not_hedging_their_own_claim"])
        self.not_hedges_after = {tuple(pair.split()) for pair in cues["not_hedges_after"]}
        self.counting_verbs = set(cues["not_hedges_before_a_number"])
        self.markers = [tuple(m.split()) for m in cues["report_markers"]]
        self.report_verbs = set(cues["report_verbs"])
        self.conditional_endings = tuple(cues["conditional_endings"])
        self.privatives = set(cues["privative_prepositions"])
        self.name_negations = set(cues["negations_before_a_name"])
        self.unnamed_sources = set(cues["unnamed_sources"])

    def read(self, sentence: Sentence, start: int, trigger_start: int, trigger_end: int, actors: set[str]) -> Modality:
        doc = sentence.doc
        start = max(sentence.span.start, start)
        # a negation right before the first argument is said of it: "Ce n'est pas A mais B qui ..."
        # ("Aucun accord n'a été trouvé entre A et B": a negative determiner before the trigger, too)
        first = start
        while start - 1 >= sentence.span.start and (doc[start - 1].pos_ == "DET" or doc[start - 1].lower_ in sentence.filler_nouns):
            start -= 1  # "pas le fonds A"
        determiners = start
        while start - 1 >= max(sentence.span.start, determiners - 4) and doc[start - 1].lower_ in self.name_negations:
            start -= 1
        if not any(t.lower_ in self.name_negations or t.lower_ in self.negations for t in doc[start:first]):
            start = first
        # "X envisagerait d'investir dans Y, dont il est déjà actionnaire": the relative clause states
        # a background fact, which the main clause's hedge or source does not qualify
        relative = next(
            (i for i in range(trigger_start - 1, start, -1) if self._opens_relative(doc, i, trigger_start)),
            None,
        )
        if relative is not None:
            start = relative
        # up to two words past the trigger ("a investi, selon ..."), not into a coordinated clause:
        # "compte X parmi ses actionnaires et collaborerait avec Y"
        end = min(sentence.span.end, trigger_end + 2)
        end = next((i for i in range(trigger_end, end) if doc[i].pos_ == "CCONJ"), end)
        clause = doc[start:end]
        words = [t.lower_ for t in clause]
        if (self.particles.intersection(words) and self.negations.intersection(words)) or self._sans(doc, trigger_start, sentence.span):
            return Modality("Negated")
        # a denial before the relation ("X dément avoir investi"), not one said of something else
        # later in the sentence ("..., qui lui reproche d'avoir abandonné sa mission") or outside
        # the relative clause that states it ("X a renoncé à Y, avec laquelle il a conclu un accord")
        qualifier = (
            doc[trigger_start].dep_ in {"acl", "amod"}
            or (doc[trigger_start].dep_ == "acl:relcl" and not self._cleft(sentence.span))
        ) and not self._after_auxiliary(doc, trigger_start)
        # nor outside the participle that describes a name: "X a renoncé à investir dans Y, la
        # plateforme fondée par Z" (Z did found Y)
        scope = relative if relative is not None else start if qualifier and self._describes_name(sentence, trigger_start) else sentence.span.start
        if any(t.lower_ in self.denials for t in doc[scope:trigger_end]):
            return Modality("Negated")
        if self._failed(doc, trigger_end, sentence.span.end) or self._ended(doc, scope, trigger_start):
            return Modality("Negated")
        preceding = [doc[clause.start - 1].lower_ if clause.start > 0 else "", *words[:-1]]
        hedged = any(
            word in self.hedges and not self._other_sense(clause[k]) and (before, word) not in self.not_hedges_after
            and not self._counts(clause[k])
            and not (word in self.unhedged_triggers and trigger_start <= clause[k].i < trigger_end)
            for k, (before, word) in enumerate(zip(preceding, words))
        )
        hedged = hedged or (relative is None and self._after_hedge_phrase(doc, sentence.span.start, trigger_start))
        if hedged or any(self._conditional(t) for t in clause) or (relative is None and self._governed_by_hedge(doc[trigger_start])):
            return Modality("Hedged")
        if relative is not None or qualifier or self._fronted_role(doc, trigger_start, sentence.span):
            return Modality("Asserted")  # "X, la société fondée par Y": background, not what "selon" reports
        return self._reported(sentence, trigger_start, actors) or Modality("Asserted")

    @staticmethod
    def _opens_relative(doc, i: int, trigger_start: int) -> bool:
        """Whether a relative pronoun at `i` opens a clause (", dont", ", avec laquelle") that holds
        the trigger: not one closed before it ("X, qui a cofondé Y, a investi dans Z")."""
        token = doc[i]
        if token.pos_ != "PRON":
            return False
        if token.lower_ in {"que", "qu'"}:
            # "X ne s'attendait pas à un tel succès pour Y, la société qu'elle a fondée": a relative on
            # an apposed noun
            opener = i - 1
            while opener > 0 and i - opener <= 4 and doc[opener].pos_ in {"NOUN", "ADJ", "DET"}:
                opener -= 1
            if opener == i - 1 or doc[opener].pos_ == "NOUN":
                return False
            opener += 1
        elif token.lower_ in BACKGROUND_RELATIVES:
            opener = i - 1 if doc[i - 1].pos_ == "ADP" else i
        else:
            return False
        if opener == 0 or doc[opener - 1].text != ",":
            return False
        trigger = doc[trigger_start]
        closed = any(doc[k].text == "," for k in range(i + 1, trigger_start))
        return not closed or token.head == trigger

    @staticmethod
    def _cleft(span: Span) -> bool:
        """A sentence that opens "C'est X qui", "Ce n'est pas X mais Y qui": its relative clause is what it
        states, not background."""
        return len(span) > 2 and span[0].lower_ in {"c'", "ce"} and any(t.lower_ in {"est", "était"} for t in span[1:3])

    @staticmethod
    def _after_auxiliary(doc, trigger_start: int) -> bool:
        """Whether an auxiliary comes right before the trigger (past adverbs): "s'est aussi associée"
        is a main clause, whatever the parser hangs it on."""
        i = trigger_start - 1
        while i > 0 and doc[i].pos_ == "ADV":
            i -= 1
        return i >= 0 and doc[i].pos_ == "AUX"

    @staticmethod
    def _fronted_role(doc, trigger_start: int, span: Span) -> bool:
        """A role noun or a participle in a verbless phrase that opens the sentence: "Créatrice de la
        marque X, Y a investi dans Z, selon W", "Cofondée par X, Y a noué ..., affirme W" (who created
        Y is background, not what W reports)."""
        trigger = doc[trigger_start]
        # (by its ending: the tagger often calls a sentence-initial participle a noun or an adverb)
        participle = trigger_start == span.start and PARTICIPLE.search(trigger.lower_) is not None
        if not (trigger.pos_ == "NOUN" or participle) or any(t.pos_ in {"VERB", "AUX"} for t in doc[span.start : trigger_start]):
            return False
        for token in doc[trigger_start + 1 : span.end]:
            if token.pos_ in {"VERB", "AUX"}:
                return False
            if token.text == ",":
                return True
        return False

    def _other_sense(self, token) -> bool:
        """Whether a word of not_hedges follows the hedge word in its phrase, past adverbs and the
        object: "compte parmi", also "compte désormais le fonds X parmi ses actionnaires"."""
        for following in token.doc[token.i + 1 : token.i + 7]:
            if (token.lower_, following.lower_) in self.not_hedges:
                return True
            if following.is_punct or following.pos_ == "CCONJ" or (following.pos_ in {"VERB", "AUX"} and following.is_lower):
                return False  # (a capitalised "verb" is a name the tagger does not know)
        return False

    def _counts(self, token) -> bool:
        """"X compte aujourd'hui 300 salariés": a count, no intention."""
        following = next((t for t in token.doc[token.i + 1 : token.i + 4] if t.pos_ != "ADV"), None)
        return token.lower_ in self.counting_verbs and following is not None and following.like_num

    def _ended(self, doc, start: int, trigger_start: int) -> bool:
        """"A et B ont mis fin à leur collaboration": the relation ended, said right before the trigger."""
        words = [t.lower_ for t in doc[max(start, trigger_start - 5) : trigger_start]]
        return any(tuple(words[i : i + len(phrase)]) == phrase for phrase in self.ending_phrases for i in range(len(words)))

    def _after_hedge_phrase(self, doc, start: int, trigger_start: int) -> bool:
        """"Rien ne dit que X investira dans Y": a doubt announced before the trigger, in its clause
        ("..., même si les deux entreprises ont noué un partenariat" is another)."""
        clause_start = max([start] + [t.i + 1 for t in doc[start:trigger_start] if t.text in {",", ";", ":"}])
        words = [t.lower_ for t in doc[clause_start:trigger_start]]
        return any(
            tuple(words[i : i + len(phrase)]) == phrase
            for i, word in enumerate(words) if word in self.hedge_phrase_starts
            for phrase in self.hedge_phrases
        )

    def _governed_by_hedge(self, trigger) -> bool:
        """Whether a phrase trigger hangs on a hedged verb: "X pourrait prendre part au tour de table
        de Y, aux côtés de Z" (Z's part is as uncertain as X's)."""
        # a verb only as an infinitive another verb governs: "X aurait convaincu Y d'investir"
        governed = trigger.dep_ == "xcomp" or (trigger.dep_ == "acl" and "Inf" in trigger.morph.get("VerbForm"))
        if trigger.pos_ not in {"ADP", "NOUN"} and not governed:
            return False
        verb = trigger.head
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
                break
            verb = verb.head
        verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        # and its auxiliary: "X serait entré au capital de Y par l'intermédiaire de son fonds Z"
        verbs += [child for v in verbs for child in v.children if child.dep_.startswith("aux")]
        return any(v.i < trigger.i and (self._conditional(v) or self._hedge_verb(v)) for v in verbs)

    def _hedge_verb(self, verb) -> bool:
        """A hedge word, unless a word of its phrase makes it none: "compte désormais parmi"."""
        return verb.lower_ in self.hedges and not self._other_sense(verb)

    @staticmethod
    def _describes_name(sentence: Sentence, trigger_start: int) -> bool:
        """Whether a participle describes a named entity ("Y, la plateforme fondée par Z"), not an
        event ("les rumeurs d'un tour de table mené par Z")."""
        noun = sentence.doc[trigger_start].head
        return any(
            token.i in sentence.at for token in (noun, noun.head if noun.dep_ == "appos" else noun, *noun.children)
        )

    def _failed(self, doc, start: int, end: int) -> bool:
        for token in doc[start:end]:
            if token.text in {",", ";", ":"} or token.lower_ in BACKGROUND_RELATIVES or token.lower_ in {"que", "qu'"}:
                return False
            if token.lower_ in self.failures:
                return True
            # "le projet de rapprochement ... n'a pas abouti"
            if token.lower_ in self.successes and any(t.lower_ in self.negations for t in doc[max(start, token.i - 3) : token.i]):
                return True
        return False

    def _conditional(self, token) -> bool:
        return "Cnd" in token.morph.get("Mood") or (token.pos_ in {"VERB", "AUX"} and token.lower_.endswith(self.conditional_endings))

    def _sans(self, doc, trigger_start: int, span: Span) -> bool:
        """"sans accord", "faute d'accord", also through a verb: "sans parvenir à un accord"."""
        for i in range(trigger_start - 1, max(span.start, trigger_start - 5) - 1, -1):
            if doc[i].lower_ in self.privatives:
                return i >= trigger_start - 2 or all(t.pos_ in {"VERB", "ADP", "DET"} for t in doc[i + 1 : trigger_start])
            if doc[i].is_punct:
                return False
        return False

    def _reported(self, sentence: Sentence, trigger_start: int, actors: set[str]) -> Modality | None:
        span = sentence.span
        for token in span:
            lower = token.lower_
            after = self._after_marker(token, span)
            if after is not None:
                source = sentence.mention_at_or_in(span.doc[after]) if after < span.end else None
                return Modality("Reported", source.key if source and source.key not in actors else None)
            if lower in self.report_verbs and token.i > trigger_start and self._after_comma(token, span):
                # an incise after the fact: "..., indique le Financial Times.", "..., a rapporté l'agence X."
                source = sentence.mention_at_or_in(span.doc[token.i + 1]) if token.i + 1 < span.end else None
                if source is not None and source.key not in actors:
                    return Modality("Reported", source.key)
                if source is None and self._unnamed_source(span, token.i + 1):
                    return Modality("Reported")  # "..., indique un communiqué", "..., précise un porte-parole"
            if lower in self.report_verbs and token.i < trigger_start and self._introduces_clause(token):
                source = self._speaker(sentence, token)
                if source is not None and source.key in actors:
                    continue  # "Microsoft annonce qu'il investit": the actor speaking of itself
                return Modality("Reported", source.key if source else None)
        return None

    def _unnamed_source(self, span: Span, i: int) -> bool:
        """Whether the words at `i` name a source without a name: "un communiqué", "un porte-parole"."""
        while i < span.end and span.doc[i].pos_ in {"DET", "ADJ"}:
            i += 1
        return i < span.end and span.doc[i].lower_ in self.unnamed_sources

    def _after_marker(self, token, span: Span) -> int | None:
        """Index of the token after "selon" / "d'après", or None if `token` starts no such marker."""
        doc = token.doc
        for marker in self.markers:
            if all(token.i + k < span.end and doc[token.i + k].lower_ == word for k, word in enumerate(marker)):
                return token.i + len(marker)
        return None

    @staticmethod
    def _after_comma(verb, span: Span) -> bool:
        i = verb.i - 1
        if i > span.start and verb.doc[i].lower_ in {"a", "ont", "avait", "avaient"}:
            i -= 1
        return i > span.start and verb.doc[i].text == ","

    @staticmethod
    def _introduces_clause(verb) -> bool:
        doc = verb.doc
        return any(doc[i].lower_ in {"que", "qu'"} for i in range(verb.i + 1, min(verb.i + 5, len(doc))))

    @staticmethod
    def _speaker(sentence: Sentence, verb):
        for i in list(range(verb.i - 1, max(sentence.span.start, verb.i - 5) - 1, -1)) + list(range(verb.i + 1, min(sentence.span.end, verb.i + 5))):
            if i in sentence.at:
                return sentence.at[i]
        return None

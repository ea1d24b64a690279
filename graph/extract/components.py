"""spaCy components of the extraction pipeline.

`newsgraph_names` runs right after the tokenizer: it fixes sentence boundaries (the parser of the
md model splits sentences at appositions), and merges known names and runs of capitalised words
into single tokens so that "Andreessen Horowitz" or "Mistral AI" reach the parser as one noun.
`newsgraph_mentions` runs after NER and lists the entity mentions of the doc in
`doc.spans["mentions"]`, each labelled with its entity type and, for lexicon hits, its key.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.extract.data import load
from graph.extract.lexicon import lexicon
from graph.extract.text import in_fronted_phrase, is_adjective, naming_participles

SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*$")
ABBREVIATIONS = {"m", "mm", "mme", "mmes", "dr", "st", "etc", "cf", "p", "vol", "no", "av", "j.-c", "inc", "corp", "co"}
# Words between capitalised names that still belong to the name: "Banque de France" stays out, on purpose.
NAME_SHAPE = re.compile(r"^(?:[A-ZÀ-Ý][\w.&+-]*|[a-z]+-?[A-Z][\w.-]*|[A-Z0-9][A-Z0-9&.+-]+)$")
# Lower-case words that may join the words of a name NER found: "Caisse des Dépôts", "Notre Affaire à Tous".
NAME_CONNECTORS = {"de", "des", "du", "d'", "à", "sur", "en"}
# Capitalised articles and possessives that open a name inside a sentence: "La Quadrature du Net", "Notre Affaire à Tous".
NAME_ARTICLES = {"la", "le", "les", "l'", "notre", "nos", "mon", "ma", "mes"}
# Capitalised particles of family names, which the stop-word test would cut a name at.
MAX_SPELLED_OUT = 10  # tokens of an institution's name in words
SPELLED_OUT_LINKS = {"de", "des", "du", "d'", "pour", "à", "au", "aux", "en"}
NAME_PARTICLES = {"Le", "La", "Du", "De", "Van", "Von", "Da", "Di", "Del", "Della", "Ben"}
ELISION = re.compile(r"^(?:qu|d|l|j|n|s|c|m|t|jusqu|lorsqu|puisqu)'", re.IGNORECASE)


def _non_names() -> frozenset[str]:
    return frozenset(load("cues")["non_names"])


def compound_nouns() -> frozenset[str]:
    return frozenset(load("cues")["compound_nouns"])


def _merged_name(token) -> bool:
    """A name newsgraph_names merged into one token ("Mistral AI"), not a compound common noun ("jeune pousse")."""
    return " " in token.text and token.lower_ not in compound_nouns()


def _is_name_token(token, non_names) -> bool:
    lower = token.lower_
    return (
        bool(NAME_SHAPE.match(token.text))
        and lower not in non_names
        # Title-case stop words are sentence-initial function words ("Avec", "Dans"); "AI" is a name,
        # and so is a capitalised stop word inside a sentence: "la brasserie Mille Houblons"
        and not (token.is_title and token.vocab[lower].is_stop and token.is_sent_start)
        and not token.is_digit
    )


def _coordinated_in_name(doc: Doc, i: int) -> bool:
    """An "et" that goes on inside a name spelt out in words: "la Société des auteurs et
    compositeurs dramatiques", "la Fédération de la haute couture et de la mode" (not "et la
    start-up X", "et du fonds X", which begin another name)."""
    if doc[i].lower_ != "et" or i + 1 >= len(doc):
        return False
    following = doc[i + 1]
    return following.is_lower and (following.pos_ in {"NOUN", "ADJ"} or following.lower_ in {"de", "d'"})


def _inner_capital(text: str) -> bool:
    return any(c.isupper() for c in text[1:])


def _mixed_case(text: str) -> bool:
    """"CapitalG", "DeepMind", "xAI": capitals and lower case after the first letter, as no French word has."""
    return _inner_capital(text) and any(c.islower() for c in text[1:]) and "-" not in text


@Language.factory("newsgraph_names")
def make_names(nlp: Language, name: str):
    return NameMerger(nlp)


class NameMerger:
    def __init__(self, nlp: Language):
        lex = lexicon()
        self.suffixes = set(load("cues")["name_suffixes"])
        self.name_adjectives = set(load("cues")["name_adjectives"])
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = nlp.tokenizer
        for alias, key in lex.exact.items():
            self.exact.add(key, [tokenizer(alias)])
        for folded_alias, key in lex.folded.items():
            entity = lex.entities[key]
            for alias in (entity.label, *entity.aliases):
                if len(alias) >= 3:
                    self.folded.add(key, [tokenizer(alias.lower())])
        self.non_names = _non_names()
        # "la jeune pousse" as one noun: the tagger reads "pousse" as a verb and the parser follows
        self.compounds = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.compounds.add("compound", [tokenizer(noun) for noun in compound_nouns()])

    def __call__(self, doc: Doc) -> Doc:
        self._set_sentence_starts(doc)
        matches = [Span(doc, s, e, label=k) for k, s, e in self.exact(doc)]
        # A case-insensitive hit counts only if the text has a capital ("xAi", "BLACKROCK"), not "mistral".
        matches += [
            Span(doc, s, e, label=k) for k, s, e in self.folded(doc) if any(c.isupper() for c in doc[s:e].text)
        ]
        known = filter_spans(matches)
        chunks = self._name_chunks(doc, known)
        lexicon_chars = [(span.start_char, span.end_char, span.label_) for span in known]
        names = filter_spans(known + chunks)
        taken = {i for span in names for i in range(span.start, span.end)}
        compounds = [doc[s:e] for _, s, e in self.compounds(doc) if not taken.intersection(range(s, e))]
        with doc.retokenize() as retokenizer:
            for span in names:
                if len(span) > 1:
                    retokenizer.merge(span, attrs={"POS": "PROPN", "TAG": "PROPN"})
            for span in filter_spans(compounds):
                retokenizer.merge(span, attrs={"POS": "NOUN", "TAG": "NOUN", "LEMMA": span.text.lower()})
        spans = [doc.char_span(s, e, label=k) for s, e, k in lexicon_chars]
        doc.spans["lexicon"] = [span for span in spans if span is not None]  # None: inside a longer name
        return doc

    def _name_chunks(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Runs of capitalised words that end like an organisation's name: "Kingdom Holding", "Qamar
        Capital". Other runs (mostly people's names) are left to NER, which reads them better unmerged."""
        # a known name may start a longer one: "Salesforce Ventures" is a fund, not Salesforce
        taken = {i for span in known for i in range(span.start + 1, span.end)}
        chunks, start = [], None
        for token in doc:
            nameish = _is_name_token(token, self.non_names)
            if start is not None and (not nameish or token.is_sent_start):
                if token.i - start > 1 and doc[token.i - 1].text in self.suffixes:
                    chunks.append(doc[start : token.i])
                elif token.lower_ in self.name_adjectives and not token.is_sent_start:
                    chunks.append(doc[start : token.i + 1])  # "Marine nationale", "Commission européenne"
                start = None
            if nameish and start is None and token.i not in taken:  # (a chunk may go on through a known name)
                start = token.i
        if start is not None and len(doc) - start > 1 and doc[-1].text in self.suffixes:
            chunks.append(doc[start:])
        return chunks

    @staticmethod
    def _set_sentence_starts(doc: Doc) -> None:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            boundary = "\n" in prev.text or (
                bool(SENTENCE_END.search(prev.text))
                and not (token.i >= 2 and doc[token.i - 2].lower_.rstrip(".") in ABBREVIATIONS and prev.text == ".")
                and (token.text[:1].isupper() or NAME_SHAPE.match(token.text) or token.text[:1] in "\"«—-–(" or token.is_digit)
            )
            token.is_sent_start = bool(boundary)
        if len(doc):
            doc[0].is_sent_start = True


@Language.factory("newsgraph_mentions")
def make_mentions(nlp: Language, name: str):
    tables = nlp.get_pipe("lemmatizer").lookups
    nouns = frozenset(tables.get_table("lemma_index")["noun"]) if tables.has_table("lemma_index") else frozenset()
    return MentionFinder(nouns)


class MentionFinder:
    """Lexicon hits, NER entities (trimmed of elisions and stray words), and capitalised names that
    NER missed but a context cue vouches for ("la start-up lyonnaise Nexalis")."""

    # The md model's LOC and one-word PER labels are often wrong on company names ("Cohere" LOC):
    # they count only with a cue, a place preposition, or (for people) a first and last name.
    PLACE_PREPOSITIONS = {"à", "en", "au", "aux", "dans", "vers", "depuis"}

    def __init__(self, nouns: frozenset[str]):
        cues = load("cues")
        # French common nouns (the lemmatizer's index): capitalised inside a sentence, one opens an
        # institution's name spelt out in words: "l'Agence de l'innovation de défense"
        self.nouns = nouns
        self.type_nouns = cues["type_nouns"]
        self.apposed_either = set(cues["apposed_company_or_product"])
        self.institution_heads = set(cues["institution_heads"])
        self.apposed_heads = set(cues["institution_heads_apposed"])
        self.person_nouns = {noun for noun, type_ in self.type_nouns.items() if type_ == "Person"} | {"ancien", "ancienne", "employé", "employée", "salarié", "salariée", "cadre", "transfuge"}
        self.joining_verbs = set(cues["joining_verbs"])
        self.investing_verbs = set(cues["investing_verbs"])
        self.funding_verbs = set(cues["funding_verbs"])
        self.investing_stems = tuple(verb[:-2] for verb in cues["investing_verbs"] if verb.endswith("ir"))
        self.suffixes = cues["name_suffixes"]
        self.demonym_endings = tuple(cues["demonym_endings"])
        self.non_names = _non_names()
        self.lexicon = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        known_at = {span.start: span for span in doc.spans["lexicon"]}
        organisations = [span for ent in doc.ents if ent.label_ == "ORG" and (span := self._trim(ent)) is not None]
        longer = [span for span in organisations if self._outgrows_lexicon(span, known_at.get(span.start))]
        longer += [span for ent in doc.ents if (span := self._spelled_out(ent)) is not None]
        inside_longer = {i for name in longer for i in range(name.start, name.end)}
        for span in doc.spans["lexicon"]:
            if span.start in inside_longer:
                continue
            entity = self.lexicon.entities[span.label_]
            mentions.append(Span(doc, span.start, span.end, label=entity.type, kb_id=entity.key))
        for ent in doc.ents:
            span = self._trim(ent)
            if span is not None and self._employer_first(span):
                mentions.append(Span(doc, span.start, span.start + 1, label=self._type(span[:1], "")))
                mentions.append(Span(doc, span.start + 1, span.end, label="Person"))
                continue
            if span is not None:
                mentions.append(Span(doc, span.start, span.end, label=self._type(span, self._ner_type(ent.label_, span))))
        for token in doc:
            if _merged_name(token):
                token.pos_ = "PROPN"  # a merged name: the tagger, seeing an unknown word, often says ADJ
            elif " " in token.text:
                token.pos_ = "NOUN"  # a compound noun: "jeune pousse"
            span = doc[token.i : token.i + 1]
            # a mixed-case word is a name, whatever the tagger says: "CapitalG" (ADJ); so is a capitalised
            # noun inside a sentence, which the tagger takes for a common noun when it does not know it
            if self._is_name(token) and (token.pos_ in {"PROPN", "NOUN", "X"} or len(token.text.split()) > 1 or _mixed_case(token.text) or self._cue_type(span)):
                mentions.append(Span(doc, token.i, token.i + 1, label=self._type(span, "")))
            elif token.is_sent_start and token.pos_ in {"PROPN", "X", "NOUN"} and _is_name_token(token, self.non_names):
                # a capitalised first word is a name when an apposition says what it is: "Kalix, la start-up de drones, ..."
                apposed = self._apposed_type(span)
                if apposed:
                    mentions.append(Span(doc, token.i, token.i + 1, label=apposed))
                elif self._unknown_subject(token):
                    mentions.append(Span(doc, token.i, token.i + 1, label=self._type(span, "")))
            elif token.is_sent_start and self._unknown_subject(token) and _is_name_token(token, self.non_names):
                # (the tagger, not knowing the word, may call it anything: "Qbitek a bouclé ...")
                mentions.append(Span(doc, token.i, token.i + 1, label=self._type(span, "")))
        known = [m for m in mentions if m.kb_id_]
        taken = {i for m in known for i in range(m.start, m.end)}
        others = [m for m in mentions if not m.kb_id_ and not taken.intersection(range(m.start, m.end))]
        found = sorted(known + filter_spans(others), key=lambda m: m.start)
        found = self._whole_names(doc, found, taken)
        found = self._without_demonyms(doc, found)
        doc.spans["mentions"] = self._shared_surnames(doc, self._joined(doc, found))
        return doc

    def _outgrows_lexicon(self, span: Span, known: Span | None) -> bool:
        """Whether an organisation NER found begins with a lexicon name (`known`) and goes on in
        name-shaped words, a name of its own: "Abu Dhabi Investment Authority", "Crédit Agricole Centre France"."""
        if known is None or known.end >= span.end or self.lexicon.lookup(span.text) is not None:
            return False
        return all(t.is_title or t.is_upper or t.like_num for t in span.doc[known.end : span.end])

    def _whole_names(self, doc: Doc, mentions: list[Span], taken: set[int]) -> list[Span]:
        """Names NER cuts short: "le ministère de la Justice" (a lower-case head, which NER leaves
        out), "l'UFC-Que Choisir" and "Run:ai" (the tokenizer splits a name of unknown words at "-" or ":")."""
        result: list[Span] = []
        for mention in mentions:
            start, end = mention.start, mention.end
            if not mention.kb_id_ and mention.label_ != "Person":
                k = start - 1
                while k > 0 and doc[k].lower_ in {"de", "d'", "du", "des", "la", "l'", "le", "les"} and k > start - 3:
                    k -= 1
                linked = k < start - 1
                while linked and k > 0 and doc[k].is_lower and doc[k].pos_ == "ADJ" and k > start - 6:
                    k -= 1  # "le conseil départemental de la Gironde"
                if k >= 0 and doc[k].lower_ in (self.institution_heads if linked else self.apposed_heads):
                    start = k
                j = end - 1 if end - start > 1 and doc[end - 1].text == "-" else end  # NER's "UFC-Que Choisir", trimmed to "UFC-"
                while (
                    j + 1 < len(doc) and doc[j].text in {"-", ":", "/"} and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                    and (doc[j + 1].text[:1].isupper() or doc[j].text == ":" and doc[j + 1].is_alpha) and j + 1 not in taken
                ):
                    j += 2
                    while j < len(doc) and j - end < 6 and j not in taken and not doc[j].is_sent_start and doc[j].is_title and _is_name_token(doc[j], self.non_names):
                        j += 1
                end = j
                words = doc[start:end].text.split()  # "Syndicat national" may be one merged token
                if words and self._noun_head(doc[start]) and all(word.islower() for word in words[1:]):
                    end = self._spelled_out_end(doc, end, taken)
            if (start, end) != (mention.start, mention.end):
                # "la région Occitanie" is an institution, not the place NER saw
                label = "Organization" if start < mention.start and mention.label_ in {"", "Place"} else mention.label_
                mention = Span(doc, start, end, label=label)
                while result and result[-1].end > start:
                    result.pop()
            elif result and result[-1].end > start:
                continue
            result.append(mention)
        return result

    def _without_demonyms(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """The mentions but demonyms; the name of two words or more after one is a person's."""
        result: list[Span] = []
        demonym = False
        for n, mention in enumerate(mentions):
            if self._demonym(doc, mention, mentions[n + 1] if n + 1 < len(mentions) else None):
                demonym = True
                continue
            if demonym and not mention.label_ and len(mention.text.split()) > 1:
                mention = Span(doc, mention.start, mention.end, label="Person")
            result.append(mention)
            demonym = False
        return result

    def _demonym(self, doc: Doc, mention: Span, following: Span | None) -> bool:
        """"Le Lyonnais Florent Masson", "le Singapourien Wei Lin Tan": a capitalised demonym before a
        person's name (or a name of unknown kind) is no name."""
        return (
            len(mention) == 1 and not mention.kb_id_ and following is not None and following.start == mention.end
            and following.label_ in {"Person", ""} and mention.start > 0 and doc[mention.start - 1].pos_ == "DET"
            and mention.text.lower().endswith(self.demonym_endings)
        )

    @staticmethod
    def _spelled_out_end(doc: Doc, end: int, taken: set[int]) -> int:
        """The end of an institution's name spelt out in lower case after its head: "l'Union des
        métiers de l'hôtellerie", "la Société des auteurs et compositeurs dramatiques", "le Conseil
        supérieur du notariat"; a capitalised word or an acronym may close it: "la Caisse de dépôt
        et placement du Québec", "le Fonds de solidarité FTQ"."""
        while end < len(doc) and end not in taken and doc[end].is_lower and is_adjective(doc[end]):
            end += 1  # "la Fédération française des industriels charcutiers"
        if end >= len(doc) or not (doc[end].lower_ in {"de", "des", "du", "d'"} or _coordinated_in_name(doc, end)):
            return end
        last, j = end, end
        while j < len(doc) and j - end < 8 and j not in taken:
            token = doc[j]
            if token.is_lower and token.pos_ in {"NOUN", "ADJ"}:
                last = j + 1
            elif last > end and (token.is_title or token.is_upper) and token.is_alpha and (last == j or doc[j - 1].lower_ in {"de", "des", "du", "d'", "l'", "la"}):
                return j + 1
            elif not (token.lower_ in {"de", "des", "du", "d'", "l'", "la", "le", "les"} or _coordinated_in_name(doc, j)):
                break
            j += 1
        return last

    def _joined(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """English names spelt with a connector are one name: "Globe and Mail", "Bank of America"; so
        are two organisation names NER split with nothing between: "le fonds Auvergne Croissance",
        also around a place the lexicon knows: "le fonds Nord France Amorçage", "la marque Nuance Paris"."""
        result: list[Span] = []
        for mention in mentions:
            previous = result[-1] if result else None
            joined = previous is not None and (
                mention.start == previous.end + 1 and doc[previous.end].lower_ in {"and", "&", "of"}
                or mention.start == previous.end and "Person" not in {previous.label_, mention.label_} and not doc[mention.start].is_sent_start
            )
            if joined and (self._joinable(previous) and self._joinable(mention)) and not (previous.kb_id_ and mention.kb_id_):
                label = next((m.label_ for m in (previous, mention) if not m.kb_id_ and m.label_), "") or previous.label_ or mention.label_
                result[-1] = Span(doc, previous.start, mention.end, label="" if label == "Place" else label)
            elif previous is not None and self._particle_name(doc, previous, mention):
                result[-1] = Span(doc, previous.start, mention.end, label="Person")
            elif previous is not None and self._name_with_de(doc, previous, mention):
                result[-1] = Span(doc, previous.start, mention.end, label=previous.label_)
            else:
                result.append(mention)
        return result

    def _particle_name(self, doc: Doc, first: Span, last: Span) -> bool:
        """"le business angel Thibault de Villers": a person's noun before a first name, then a
        name after "de", is one person's name, whatever NER made of it."""
        return (
            len(first) == 1 and len(last) == 1 and not first.kb_id_ and not last.kb_id_
            and last.start == first.end + 1 and doc[first.end].lower_ in {"de", "d'"}
            and first[0].is_title and last[0].is_title and self._cue_type(first) == "Person"
        )

    def _name_with_de(self, doc: Doc, first: Span, last: Span) -> bool:
        """"la chaîne de boulangeries Pain d'Antan": a name a cue noun introduces goes on through "de"
        into a capitalised word NER left apart, of no type of its own."""
        return (
            len(first) == 1 and len(last) == 1 and not first.kb_id_ and not last.kb_id_ and last.label_ in {"", "Place"}
            and last.start == first.end + 1 and doc[first.end].lower_ in {"de", "d'"} and last[0].is_title
            and first.label_ in {"Company", "Organization"} and self._cue_type(first) != ""
        )

    def _joinable(self, mention: Span) -> bool:
        """A name that may join its neighbour into one: any name the lexicon does not know, and the
        places it knows (a brand or a fund may end or go on with one)."""
        return not mention.kb_id_ or self.lexicon.entities[mention.kb_id_].type == "Place"

    @staticmethod
    def _shared_surnames(doc: Doc, mentions: list[Span]) -> list[Span]:
        """"Dario et Daniela Amodei": the first name alone is a person of the same family name,
        recorded in doc.user_data as the name to use."""
        result = list(mentions)
        for k, (first, second) in enumerate(zip(mentions, mentions[1:])):
            words = second.text.split()
            if (
                len(first) == 1 and " " not in first.text and first.text.istitle() and not first.kb_id_
                and second.start == first.end + 1 and doc[first.end].lower_ == "et"
                and second.label_ == "Person" and len(words) == 2
            ):
                doc.user_data[("full_name", first.start)] = f"{first.text} {words[1]}"
                result[k] = Span(doc, first.start, first.end, label="Person")
        return result

    def _employer_first(self, span: Span) -> bool:
        """NER reads "les anciens ingénieurs de Criteo Hugo Martel" as one name (a person, or a place
        or a thing): after a role noun and "de", a three-word name is the employer followed by the person."""
        doc = span.doc
        if len(span) != 3 or span.start < 2 or any(_merged_name(t) or not t.is_title for t in span):
            return False
        if doc[span.start - 1].lower_ not in {"de", "d'", "chez"}:
            return False
        role = doc[span.start - 2].lower_
        return role in self.person_nouns or role.rstrip("sx") in self.person_nouns

    @staticmethod
    def _unknown_subject(token) -> bool:
        """A first word that no French word is (the model has no vector for it), followed by a comma
        or a verb: "Qbitek, spécialiste des qubits, ...", "Brimstone a levé ..."."""
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return (
            token.is_oov and token.is_title and token.is_alpha and len(token.text) > 2 and following is not None
            and (following.text == "," or following.pos_ in {"VERB", "AUX"})
        )

    def _capitalised_word(self, span: Span) -> bool:
        """A sentence-initial word that NER took for a name only for its capital: "Principal actionnaire ...",
        "Baptisée Nova, ...", "Créateur de X, ..."."""
        token = span[0]
        return len(span) == 1 and token.is_sent_start and (
            token.pos_ in {"ADJ", "ADV", "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ"} or token.lower_ in self.type_nouns
        )

    def _is_name(self, token) -> bool:
        if _merged_name(token):  # a name merged by newsgraph_names
            return True
        if token.is_sent_start and not _inner_capital(token.text):
            return False  # sentence-initial capitals prove nothing, inner ones do: "CapitalG", "DeepMind"
        return _is_name_token(token, self.non_names) and not token.is_punct

    def _ner_type(self, label: str, span: Span) -> str:
        if label == "PER":
            return "Person" if len(span.text.split()) > 1 else ""
        if label == "ORG":
            return "Organization"
        if label == "LOC":
            doc = span.doc
            before = doc[span.start - 1].lower_ if span.start else ""
            # "s'allier à X", "s'associer à X": a partner, not a place, whatever NER says
            joined = before == "à" and self._joining_verb_before(span)
            return "Place" if before in self.PLACE_PREPOSITIONS and not joined and not self._investee(span) else ""
        return ""

    def _joining_verb_before(self, span: Span) -> bool:
        """A joining verb shortly before "à X", in the same clause: "qui l'oppose depuis 2022 à X"."""
        for token in reversed(span.doc[max(0, span.start - 5) : span.start - 1]):
            if token.is_punct:
                return False
            if token.lemma_ in self.joining_verbs:
                return True
        return False

    def _investee(self, span: Span) -> bool:
        """"a investi 5 millions dans X", "a apporté 2 millions d'euros à X": an investee, not a place,
        whatever NER says."""
        doc = span.doc
        if span.start == 0 or doc[span.start - 1].lower_ not in {"dans", "à"}:
            return False
        into = doc[span.start - 1].lower_ == "dans"
        verbs = self.investing_verbs if into else self.funding_verbs
        for token in reversed(doc[max(0, span.start - 7) : span.start - 1]):
            if token.is_punct and token.text != "%":  # ("une participation de 20 % dans X")
                return False
            # (the lemmatizer leaves "co-investi" as it is)
            if token.lemma_ in verbs or into and token.lower_.startswith(self.investing_stems):
                return True
        return False

    def _noun_head(self, token) -> bool:
        """A capitalised common noun that is no sentence's first word: "Agence", "Régie", "Amis"."""
        word, *rest = token.text.split()  # a merged "Syndicat national", not "Mistral AI"
        return (
            word[:1].isupper() and word[1:].islower() and not token.is_sent_start and all(w.islower() for w in rest)
            and (any(w in self.nouns or w in self.type_nouns for w in (word.lower(), token.lemma_.split()[0].lower()))
                 or token.pos_ == "NOUN" and not token.vocab[word.lower()].is_oov)  # (the index lacks "force")
        )

    def _spelled_out(self, ent: Span) -> Span | None:
        """The whole of an institution's name that NER found spelt out in words, which trimming to
        name-shaped words would cut: "l'Ordre national des pharmaciens", "les Amis de la Terre",
        "la Fondation pour la Nature et l'Homme"."""
        doc = ent.doc
        start, end = ent.start, ent.end
        while start < end and doc[start].is_lower and doc[start].pos_ == "DET":
            start += 1
        while end > start + 1 and (doc[end - 1].lower_ in NAME_CONNECTORS | NAME_ARTICLES | {"et", "-"} or doc[end - 1].is_punct):
            end -= 1
        # two words only as an organisation with its adjective: "Force ouvrière", "Banque populaire"
        adjective_pair = end - start == 2 and ent.label_ == "ORG" and doc[start + 1].is_lower and doc[start + 1].pos_ == "ADJ"
        if (end - start < 3 and not adjective_pair) or end - start > MAX_SPELLED_OUT or not self._noun_head(doc[start]):
            return None
        for token in doc[start + 1 : end]:
            if token.pos_ in {"AUX", "PRON", "SCONJ"} or token.is_punct and token.text not in {"-", "'", "’"}:
                return None
            if token.text == "-" and (token.whitespace_ or doc[token.i - 1].whitespace_):
                return None  # a dash between words ends the name: "des Hôpitaux de Paris - Sarah B., ..."
            if token.pos_ == "ADP" and token.lower_ not in SPELLED_OUT_LINKS:
                return None  # "Société Générale sur la détection de fraudes": NER ran on past the name
            if token.pos_ == "VERB" and "Part" not in token.morph.get("VerbForm"):
                return None
        return doc[start:end]

    def _trim(self, ent: Span) -> Span | None:
        """Only the name-shaped part of a NER span: "xAI a levé 6 milliards" is just "xAI"."""
        spelled_out = self._spelled_out(ent)
        if spelled_out is not None:
            return spelled_out
        doc = ent.doc
        start = ent.start
        while start < ent.end and (
            not (_merged_name(doc[start]) or _is_name_token(doc[start], self.non_names))
            or (self._capitalised_word(doc[start : start + 1]) and not self._first_name(ent, start))
        ):
            start += 1
        end = start
        while end < ent.end:
            if _merged_name(doc[end]) or _is_name_token(doc[end], self.non_names) or doc[end].text in {"&", "-"}:
                end += 1
            elif end > start and doc[end].is_upper and doc[end].is_alpha and len(doc[end].text) > 1:
                end += 1  # an acronym that ends a name, even one that is a word on its own: "Sémaphore IA"
            elif end > start and doc[end].lower_ in NAME_CONNECTORS and end + 1 < ent.end and doc[end + 1].text[:1].isupper() and _is_name_token(doc[end + 1], self.non_names):
                end += 1  # "Banque des Territoires", "Urssaf d'Île-de-France": a connector inside the name NER found
            elif (
                end > start and end + 2 < ent.end and doc[end].lower_ in NAME_CONNECTORS and doc[end + 1].lower_ in NAME_ARTICLES
                and _is_name_token(doc[end + 2], self.non_names)
            ):
                end += 2  # "Compagnie de la Mer": a connector and an article
            elif end > start and doc[end].lower_ in NAME_ARTICLES and doc[end].is_title and end + 1 < ent.end and _is_name_token(doc[end + 1], self.non_names):
                end += 1  # "Hugues Le Bret": a capitalised article inside a name
            elif end > start and doc[end].text in NAME_PARTICLES and end + 1 < ent.end and doc[end + 1].is_title and _is_name_token(doc[end + 1], self.non_names):
                end += 1  # "Yannick Le Goff", "Anna Van Damme": a capitalised particle inside a name
            else:
                break
        if start >= end or doc[start:end].text.lower() in self.non_names:
            return None
        if start > ent.start and not doc[start - 1].is_sent_start and doc[start - 1].lower_ in NAME_ARTICLES and doc[start - 1].is_title:
            start -= 1  # a capitalised article inside a sentence belongs to the name: "l'association La Quadrature du Net"
        if self._phrase_opener(doc, start, end, ent.label_):
            return None
        return doc[start:end]

    @staticmethod
    def _phrase_opener(doc: Doc, start: int, end: int, label: str) -> bool:
        """"Coup d'accélérateur pour X", "Seed de 2,5 millions pour X": NER took a sentence's opening noun
        phrase for a name; its capitalised first word alone is none (a name may go on "de son côté")."""
        token = doc[start]
        nounish = token.pos_ in {"NOUN", "ADJ"} or (token.pos_ == "PROPN" and label == "MISC")
        return (
            end - start == 1 and token.is_sent_start and nounish
            and end + 1 < len(doc) and doc[end].lower_ in {"de", "d'", "du", "des"}
            and (doc[end + 1].is_lower and doc[end + 1].lower_ not in {"son", "sa", "ses", "leur", "leurs"} or doc[end + 1].like_num)
        )

    def _first_name(self, ent: Span, i: int) -> bool:
        """Whether a sentence-initial word the tagger calls an adjective, a verb or an adverb opens a person's
        name NER found: "Ravi Menon, qui ..." (not "Principal actionnaire", whose next word is no
        name, nor "Baptisée X", which names what follows)."""
        doc = ent.doc
        return (
            ent.label_ == "PER" and i == ent.start and i + 1 < ent.end and doc[i].pos_ in {"ADJ", "VERB", "NOUN", "ADV"}
            and doc[i].lower_ not in self.type_nouns and doc[i].lower_ not in naming_participles()
            and doc[i + 1].is_title and _is_name_token(doc[i + 1], self.non_names)
        )

    def _cue_type(self, span: Span) -> str:
        """The type a neighbouring noun gives: "le fonds X", "la start-up lyonnaise X", "X, une start-up"."""
        doc = span.doc
        end = span.start
        while (
            end > 0 and end > span.start - 3 and is_adjective(doc[end - 1]) and doc[end - 1].lower_ not in self.type_nouns
            and doc[max(0, end - 2) : end].text.lower() not in self.type_nouns  # "business angel"
        ):
            end -= 1
        for width in (3, 2, 1):
            if end - width >= 0:
                cue = doc[end - width : end].text.lower()
                if cue in self.type_nouns:
                    return self.type_nouns[cue]
        # "sa boîte, X, ...": a name in apposition to a possessed cue noun ("le fondateur de la
        # start-up, X," is a person)
        if (
            end == span.start and end >= 3 and doc[end - 1].text == "," and doc[end - 2].lower_ in self.type_nouns
            and doc[end - 3].lower_ in {"sa", "son", "leur"} and span.end < len(doc) and doc[span.end].text == ","
        ):
            return self.type_nouns[doc[end - 2].lower_]
        # "Jeune entreprise bordelaise, X a ...": a cue noun in a verbless phrase that opens the sentence
        if end == span.start and end >= 2 and doc[end - 1].text == "," and end - 1 - doc[end - 1].sent.start <= 5:
            opening = doc[doc[end - 1].sent.start : end - 1]
            nouns = [t for t in opening if not (is_adjective(t) or t.pos_ == "DET")]
            if len(nouns) == 1 and nouns[0].lower_ in self.type_nouns:
                return self.type_nouns[nouns[0].lower_]
        # "la start-up de défense X", "la société de robotique X", "le studio de jeux vidéo X": the cue
        # noun with a bare complement of one or two words (which the tagger may call adjectives)
        for end in (end, span.start):
            for width in (1, 2):
                words = doc[max(0, end - width) : end]
                if (
                    end >= width + 2 and doc[end - width - 1].lower_ in {"de", "d'"} and doc[end - width - 2].lower_ in self.type_nouns
                    and all(w.pos_ in {"NOUN", "ADJ"} and w.is_lower for w in words)
                ):
                    return self.type_nouns[doc[end - width - 2].lower_]
        # "Nexalis, une start-up ...": an indefinite apposition, not a new clause ("X, la start-up est ...")
        after = doc[span.end : span.end + 6]
        if len(after) >= 3 and after[0].text == "," and after[1].lower_ in {"un", "une"}:
            for width in (2, 1):
                cue = doc[span.end + 2 : span.end + 2 + width].text.lower()
                following = doc[span.end + 2 + width : span.end + 4 + width]
                # (a participle qualifies the cue noun: "une start-up californienne spécialisée dans ...")
                finite = any(t.pos_ in {"VERB", "AUX"} and "Part" not in t.morph.get("VerbForm") for t in following)
                clause = finite and following[0].lower_ not in {"qui", "que", "qu'", "dont"}
                if cue in self.apposed_either and not clause:
                    return "Company"  # "Drivo, une application de covoiturage": the start-up as much as its product
                if cue in self.type_nouns and not clause:
                    return self.type_nouns[cue]
        return self._definite_apposition_type(span)

    def _definite_apposition_type(self, span: Span) -> str:
        """The organisation type of a definite apposition that ends with its noun phrase: "X, la
        fonderie ardennaise en redressement"; not the subject of the next clause ("Fondée par X,
        l'entreprise compte ...") nor a cue of another name ("..., la société marseillaise Y")."""
        doc = span.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ not in {"la", "le", "l'"}:
            return ""
        if in_fronted_phrase(doc, span.start):
            return ""  # "Soutenue par A et B, la start-up X": the comma closes the phrase
        cue = doc[span.end + 2]
        end = span.end + 3
        while end < len(doc) and doc[end].is_lower and is_adjective(doc[end]):
            end += 1
        closed = end >= len(doc) or doc[end].text in {",", ".", ";", ")"} or doc[end].pos_ == "ADP" and not self._name_ends_phrase(doc, end)
        type_ = self.type_nouns.get(cue.lower_, "")
        return type_ if closed and type_ in {"Company", "InvestmentFund", "Organization"} else ""

    @staticmethod
    def _name_ends_phrase(doc: Doc, start: int) -> bool:
        """Whether the complement at `start` leads to a name: "la chaîne de salles de sport X" is a
        cue of X, not an apposition that ends its noun phrase."""
        for token in doc[start : start + 8]:
            if token.is_punct or token.pos_ in {"VERB", "AUX"}:
                return False
            if token.pos_ == "PROPN" or token.ent_type_ or (token.is_title and token.i > start):
                return True
        return False

    def _apposed_type(self, span: Span) -> str:
        """The organisation type of a definite or indefinite apposition right after the name: ", la start-up"."""
        doc = span.doc
        after = doc[span.end : span.end + 5]
        if len(after) < 3 or after[0].text != "," or after[1].lower_ not in {"la", "le", "l'", "un", "une"}:
            return ""
        for width in (2, 1):
            cue = doc[span.end + 2 : span.end + 2 + width].text.lower()
            if self.type_nouns.get(cue) in {"Company", "InvestmentFund", "Organization"}:
                return self.type_nouns[cue]
            if cue in self.apposed_either and after[1].lower_ in {"un", "une"}:
                return "Company"
        return ""

    def _type(self, span: Span, ner_type: str) -> str:
        cue = self._cue_type(span)
        if cue:
            return cue
        words = span.text.split()
        if len(words) > 1 and words[-1] in self.suffixes:
            return self.suffixes[words[-1]]
        return ner_type

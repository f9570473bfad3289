"""Parse batching in Pipeline.process: capped by documents and by words, never changing results."""

from __future__ import annotations

from eventwire.ingest.normalise import make_article
from eventwire.pipeline import Pipeline, _word_batches


def test_word_batches_cap_documents_and_words_and_keep_order() -> None:
    items = [
        ("Oman hosted the talks.", 1),
        ("Qatar mediated.", 2),
        ("Kenya sent troops to Haiti.", 3),
        ("Yes.", 4),
    ]
    by_docs = list(_word_batches(items, max_docs=2, max_words=6))  # 4 + 2 words fit, a third text does not
    assert [[c for _, c in b] for b in by_docs] == [[1, 2], [3, 4]]
    by_words = list(_word_batches(items, max_docs=2, max_words=5))  # 4 + 2 > 5, 2 + 5 > 5, 5 + 1 > 5
    assert [[c for _, c in b] for b in by_words] == [[1], [2], [3], [4]]
    assert [c for b in _word_batches(items, max_docs=3, max_words=100) for _, c in b] == [1, 2, 3, 4]
    assert [len(b) for b in _word_batches(items, max_docs=3, max_words=100)] == [3, 1]


def test_a_text_longer_than_the_word_budget_is_a_batch_of_its_own() -> None:
    long_text = " ".join(["word"] * 50)
    batches = list(_word_batches([("Short one.", "a"), (long_text, "b"), ("Another.", "c")], 64, 10))
    assert [[c for _, c in b] for b in batches] == [["a"], ["b"], ["c"]]


def test_results_do_not_depend_on_the_batching() -> None:
    texts = [
        "Turkey accused Greece of violating its airspace on Tuesday, the ministry said.",
        "Japan held talks with South Korea in Tokyo on Friday.\n\nBoth sides agreed to share intelligence.",
        "Canada imposed sanctions against Belarus over the crackdown on protesters in Minsk.",
    ]
    articles = [make_article(t, pub_date="2023-03-07") for t in texts]
    whole = Pipeline(batch_size=64, batch_words=10_000)
    whole._load()
    one_by_one = Pipeline(nlp=whole.nlp, kb=whole.kb, lexicon=whole.lexicon, batch_size=64, batch_words=1)
    assert [r.to_dict() for r in one_by_one.process(articles)] == [
        r.to_dict() for r in whole.process(articles)
    ]

"""Story clustering on real news: the PolNEAR dev articles (``../shared/benchmarks/polnear_dev.jsonl``, read at
run time), 84 articles from several outlets over the 2016 US campaign. Most are different happenings of one
campaign, so nearly all must stay apart; the one clear pair (Clinton's remarks after a police shooting, and
Christie's reply to them the next day) must come out as a story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.analysis.stories import StoryArticle, cluster_articles

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear_dev.jsonl"
CLINTON = "polnear-dev-huff-post_2016-09-20_hillary-clinton-speaks-directly-"
CHRISTIE = "polnear-dev-west-journal_2016-09-21_chris-christie-calls-hillary-cli"


@pytest.mark.benchmark
def test_polnear_campaign_articles_mostly_apart() -> None:
    if not POLNEAR.exists():
        pytest.skip("no ../shared/benchmarks/polnear_dev.jsonl")
    arts = []
    for line in POLNEAR.open(encoding="utf-8"):
        doc = json.loads(line)
        title = doc["text"].split("\n", 1)[0]
        arts.append(StoryArticle(doc["id"], doc.get("pub_date"), title, doc["text"]))
    stories = cluster_articles(arts)
    multi = [s.article_ids for s in stories if len(s.article_ids) > 1]
    print(multi)
    assert [CLINTON, CHRISTIE] in multi
    assert len(multi) <= 3  # the campaign's many happenings are not one story

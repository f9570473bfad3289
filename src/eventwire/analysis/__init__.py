"""Analyses over the stored records: story clustering (:mod:`eventwire.analysis.stories`)."""

from eventwire.analysis.stories import (
    Story,
    StoryArticle,
    StoryUpdate,
    cluster_articles,
    cluster_stories,
    get_story,
    list_stories,
    recluster_stories,
    update_stories,
)

__all__ = [
    "Story",
    "StoryArticle",
    "StoryUpdate",
    "cluster_articles",
    "cluster_stories",
    "get_story",
    "list_stories",
    "recluster_stories",
    "update_stories",
]

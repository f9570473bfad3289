"""The web dashboard and HTTP API (FastAPI): a thin layer over :mod:`eventwire.store.queries`.

>>> from eventwire.web import create_app  # doctest: +SKIP
>>> app = create_app("eventwire.db")  # doctest: +SKIP
"""

from eventwire.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]

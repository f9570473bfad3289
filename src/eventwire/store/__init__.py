"""Storage: the embedded SQLite store (default) behind one interface."""

from eventwire.store.sqlite import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]

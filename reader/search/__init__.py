"""Search and the archive catalogue, over one SQLite file per content directory.

Public API (import from the submodules; nothing is imported eagerly here):

* :class:`reader.search.index.Index` — the index: ``sync(progress=, should_cancel=)``,
  ``reindex_file(path)``, ``ingest(pages)``, ``close()`` (or ``with Index(...)``);
* :class:`reader.search.catalog.SqliteCatalog` — the Catalog contract from the index;
* :func:`reader.search.engine.search` → :class:`~reader.search.engine.SearchResult`
  (``total``, ``ranking``, ``hits``, ``bm25_window``, ``common``: ranked by recency
  because its words are common, see :mod:`reader.search.ranking`),
  :func:`reader.search.engine.count`, :func:`reader.search.engine.match_spans`;
* :func:`reader.search.query.parse_query`, :class:`reader.search.query.QueryError`;
* :func:`reader.search.fold.fold` and :func:`reader.search.fold.fold_with_map`.
"""

"""Full-page cache for anonymous visitors of the public site (issue #14).

- :mod:`.middleware` stores and serves complete responses of public pages in the Django cache
  (alias ``GOEDWERK_PAGE_CACHE_ALIAS``), with ``Cache-Control``, an ``ETag`` and 304 answers.
- :mod:`.store` holds the keys: every path has a version in the cache, and purging a path gives
  it a new version, so every copy of it (per host, and per language for ``/``) is gone at once.
- :mod:`.backends` is a Wagtail front-end cache backend (``WAGTAILFRONTENDCACHE``) that purges
  this cache; a reverse-proxy backend can take its place or stand beside it.
- :mod:`.purge` decides what is purged when content changes (every live page of the site, in
  every language; see README, "Caching").
- :func:`.store.lifetime` is the one place that decides how long a page may be kept: at most
  ``GOEDWERK_PAGE_CACHE_SECONDS``, and never past the next moment at which a job fair starts or
  ends (``GOEDWERK_PAGE_CACHE_EXPIRY``, e.g. :func:`events.caching.next_state_change`).
"""

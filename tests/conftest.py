"""Puts tests/ on sys.path, so every test can import the shared helpers kept here
(``textual_private``)."""

"""zhpaper: a terminal reader for Chinese newspapers."""

__version__ = "0.1.0"

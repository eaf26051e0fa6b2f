"""The sub-commands of ``zhpaper``. Each module has ``add_parser`` and ``run``."""

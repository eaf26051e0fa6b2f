"""typeset layer."""

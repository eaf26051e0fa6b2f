"""The reader's widgets: one class per module."""

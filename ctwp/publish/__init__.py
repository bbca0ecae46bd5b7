"""Publishing: tables and the text, JSON, CSV and Markdown writers, documents, pictures,
calendars, validation reports for CI systems, and the web site. It imports from the
layers below (``ctwp.analysis``, ``ctwp.data``, ``ctwp.core``), never from the command
line."""

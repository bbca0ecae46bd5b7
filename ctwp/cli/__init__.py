"""The command line: one module per command, shared options, and the translation of
errors into one line and an exit code. Each command parses its options, asks the library
(``ctwp.analysis``, ``ctwp.data``) and hands the result to ``ctwp.publish``. Nothing below
imports from it."""

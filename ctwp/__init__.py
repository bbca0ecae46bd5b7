"""ctwp: New Zealand's Counter-Terrorism Work Programme as version-controlled, validated data."""

__version__ = "0.1.0"

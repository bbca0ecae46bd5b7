"""The ground floor: exit codes and one-line errors, safe file reading and writing, size
limits, and did-you-mean suggestions. Every other layer may import it; it imports nothing
from ctwp but ``ctwp.__version__``."""

"""docsgen: documentation and playground sites for Python UI component libraries."""

__version__ = "0.1.0"

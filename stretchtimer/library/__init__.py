"""Provides the library: paths, bounded file and YAML reading, articles, routines, the registry,
the parse cache and settings."""

"""Provides build tools: programs that make files shipped in the package."""

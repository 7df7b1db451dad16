"""Provides the session history: the SQLite store and the recorder that writes it off the UI."""

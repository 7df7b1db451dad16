"""Provides sound: which chime for which event, and the players behind a small interface."""

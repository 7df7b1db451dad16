"""Provides the runner layer: one session's life and the reminder's loop for every front end."""

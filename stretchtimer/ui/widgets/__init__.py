"""Provides the widgets of our own the screens are built from."""

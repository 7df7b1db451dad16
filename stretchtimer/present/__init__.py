"""Provides the text views shared by the command line, plain mode and the screens."""

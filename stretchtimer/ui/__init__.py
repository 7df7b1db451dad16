"""Provides the Textual shell: the app, its screens and one stylesheet."""

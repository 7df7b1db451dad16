"""Stick figures: a body of standard proportions posed by keyframes and drawn as text."""

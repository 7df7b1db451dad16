"""Provides the headless core: the model, events, plan and engine; pure, with no I/O."""

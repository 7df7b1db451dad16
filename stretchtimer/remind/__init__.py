"""Provides what reminders need beyond the schedule: desktop notifications, tmux messages, a
terminal to start a routine in, and the systemd unit."""

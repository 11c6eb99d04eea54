"""Livestream sales: scheduling, live-only offers, reminders and reports (issue 6)."""

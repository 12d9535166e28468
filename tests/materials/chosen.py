"""The pathways the materials tests' session covers."""

CHOSEN = ("self-referral", "naloxone-plus")

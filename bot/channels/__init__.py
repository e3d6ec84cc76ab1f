"""Rasa input channels of ours: REST (here), web widget and Telegram (later)."""

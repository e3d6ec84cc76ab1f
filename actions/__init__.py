"""Rasa SDK custom actions: thin glue between the conversation and the `bot.legal` engine."""

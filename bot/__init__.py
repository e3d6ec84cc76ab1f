"""Compassionate-release assistant: legal engine, NLP pipeline, channels and storage."""

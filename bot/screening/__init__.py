"""The eligibility screening: what the family answers, read into the engine's facts.

Pure Python, no Rasa: `answers` parses what families type, `facts` turns the form's slots into
the engine's input and into a plain summary, `questions` decides what to ask next.
"""

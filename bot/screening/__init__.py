"""The eligibility screening: what the family answers, read into the engine's facts.

Pure Python, no Rasa: `registry` lists every question once (the place to add or change one),
`answers` parses what families type, `reading` reads one message as the answer to one question,
`facts` turns the form's slots into the engine's input and into a plain summary, `questions`
decides what to ask next.
"""

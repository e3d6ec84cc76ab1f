"""The project's own spaCy pipeline (``en_cr_pipeline``), built in code.

Official spaCy models cannot be downloaded where the assistant is built, so the pipeline
is assembled from built-in spaCy factories only, which lets ``spacy.load(path)`` (and
Rasa's ``SpacyNLP``) load it without this package being importable:

- the English tokenizer;
- ``lemmatizer`` in lookup mode, its table taken from spacy-lookups-data and saved
  inside the pipeline (see :mod:`bot.nlp.lemmas`);
- ``entity_ruler`` with the patterns in :mod:`bot.nlp.patterns`, one module per label;
- ``age_ruler``, a second ``entity_ruler`` for contextual ages ("he's 67") that only
  fills tokens the first ruler left empty, so "is 20 years" stays a DURATION.

Build it with ``python -m bot.nlp build models/spacy/en_cr_pipeline``. Importing this
package does no work; see :mod:`bot.nlp.pipeline`.
"""

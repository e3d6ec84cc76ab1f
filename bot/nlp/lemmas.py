"""The lemma lookup table: spacy-lookups-data's English table plus a few fixes.

The ``lemmatizer`` runs in lookup mode (no tagger needed). Its table is read from
spacy-lookups-data through spaCy's ``lookups`` registry and saved inside the pipeline,
so spacy-lookups-data is needed to build, not to load. Additions, kept small:

- keys with a straight apostrophe also get the curly one phones type ("n’t" -> "not");
- :data:`OVERRIDES` for words in these conversations that the table gets wrong or lacks.

Lookup is case-sensitive ("Sentenced" stays as is); Rasa's ``SpacyNLP`` lower-cases text
by default (``case_sensitive: false``), so the lemmas Rasa's tokenizer sees are fine.
"""

from spacy.lookups import Lookups
from spacy.util import load_language_data, registry

TABLE = "lemma_lookup"
OVERRIDES: dict[str, str] = {
    "dying": "die",
    "yr": "year",
    "yrs": "year",
    "mos": "month",
    "mths": "month",
    "wk": "week",
    "wks": "week",
}
"""Lemmas that replace the table's ("dying" is "dye" there) or fill its gaps."""


def lemma_table() -> dict[str, str]:
    """Return the English lookup table with the project's additions."""
    source = load_language_data(registry.lookups.get("en")[TABLE])
    if not isinstance(source, dict):
        raise TypeError(f"spacy-lookups-data's English {TABLE} is not a mapping")
    table: dict[str, str] = dict(source)
    for word, lemma in list(table.items()):
        if "'" in word:
            table.setdefault(word.replace("'", "’"), lemma.replace("'", "’"))
    table.update(OVERRIDES)
    return table


def lemma_lookups(table: dict[str, str] | None = None) -> Lookups:
    """Return the ``Lookups`` to initialise the lemmatizer with (``table`` by default)."""
    lookups = Lookups()
    lookups.add_table(TABLE, lemma_table() if table is None else table)
    return lookups

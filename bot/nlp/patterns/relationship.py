"""RELATIONSHIP: how the writer is related to the person in prison.

Phrase patterns, matched case-insensitively (the ruler compares ``LOWER``), each with
the canonical English relationship as its ``id`` ("mami" -> "mother"). Includes Spanish
words families use ("mijo", "esposo"), texting forms ("bf", "hubby") and the
misspellings seen in family messages ("huband", "dauther"). The entity is the word
itself: "my dad" gives "dad", "my loved one" gives "loved one".

Left out on purpose: "child"/"children" ("child pornography" is a common federal
charge), "relative" ("relative to"), "ma"/"pa" (state abbreviations), "farther".
"""

from bot.nlp.patterns.common import RELATIONSHIP, EntityPattern

RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    "mother": (
        "mother", "mothers", "mom", "moms", "mommy", "momma", "mama", "mamma", "mum",
        "mummy", "mami", "mamá", "madre", "mamita", "moher", "mather",
    ),
    "father": (
        "father", "fathers", "dad", "dads", "daddy", "papa", "papá", "papi", "padre",
        "papito", "pops", "fater", "fahter",
    ),
    "son": (
        "son", "sons", "hijo", "mijo", "m'ijo", "mi'jo", "hijos", "baby boy", "sonn",
    ),
    "daughter": (
        "daughter", "daughters", "hija", "mija", "m'ija", "mi'ja", "baby girl", "dauther",
        "daugther", "daughther", "daugter", "duaghter", "doughter", "daughtor", "dauter",
        "daugher",
    ),
    "husband": (
        "husband", "hubby", "hubbie", "esposo", "marido", "huband", "husbend", "husbnd",
        "husban", "hasband", "husbad", "hubsand", "husaband", "housband", "husbando",
    ),
    "wife": ("wife", "wifey", "esposa", "wfe", "wif"),
    "spouse": ("spouse", "spouses", "spose"),
    "partner": (
        "partner", "significant other", "common law husband", "common-law husband",
        "common law wife", "common-law wife", "common law partner", "common-law partner",
        "baby daddy", "baby mama", "baby momma", "baby's father", "baby's mother",
    ),
    "fiancé": ("fiancé", "fiance", "fiancée", "fiancee", "prometido", "prometida", "fiancè"),
    "boyfriend": ("boyfriend", "boy friend", "bf", "boyfreind", "novio"),
    "girlfriend": ("girlfriend", "girl friend", "gf", "girlfreind", "grilfriend", "novia"),
    "brother": (
        "brother", "brothers", "bro", "brotha", "hermano", "hermanos", "broher", "brohter",
        "twin brother", "little brother", "big brother", "half brother", "half-brother",
        "stepbrother", "step brother", "step-brother",
    ),
    "sister": (
        "sister", "sisters", "sis", "hermana", "hermanas", "sisiter", "sistr",
        "twin sister", "little sister", "big sister", "half sister", "half-sister",
        "stepsister", "step sister", "step-sister",
    ),
    "grandfather": (
        "grandfather", "grandpa", "granddad", "grandad", "granddaddy", "grampa", "granpa",
        "gramps", "abuelo", "abuelito", "grandfater",
    ),
    "grandmother": (
        "grandmother", "grandma", "grandmom", "granma", "grandmama", "grammy", "granny",
        "nana", "abuela", "abuelita", "grandmoter",
    ),
    "grandson": ("grandson", "grandsons", "nieto", "grand son"),
    "granddaughter": ("granddaughter", "granddaughters", "nieta", "grand daughter"),
    "grandchild": ("grandchild", "grandchildren", "grandkid", "grandkids", "nietos"),
    "uncle": ("uncle", "uncles", "tío", "tio", "unkle"),
    "aunt": ("aunt", "aunts", "auntie", "aunty", "tía", "tia"),
    "cousin": ("cousin", "cousins", "cuz", "primo", "prima", "cousen", "cusin"),
    "nephew": ("nephew", "nephews", "sobrino", "nefew", "nephw"),
    "niece": ("niece", "nieces", "sobrina", "neice", "neices"),
    "stepfather": (
        "stepfather", "step father", "step-father", "stepdad", "step dad", "step-dad",
        "padrastro",
    ),
    "stepmother": (
        "stepmother", "step mother", "step-mother", "stepmom", "step mom", "step-mom",
        "madrastra",
    ),
    "stepson": ("stepson", "step son", "step-son"),
    "stepdaughter": ("stepdaughter", "step daughter", "step-daughter"),
    "father-in-law": ("father-in-law", "father in law", "suegro"),
    "mother-in-law": ("mother-in-law", "mother in law", "suegra"),
    "son-in-law": ("son-in-law", "son in law", "yerno"),
    "daughter-in-law": ("daughter-in-law", "daughter in law", "nuera"),
    "brother-in-law": ("brother-in-law", "brother in law", "cuñado", "cunado"),
    "sister-in-law": ("sister-in-law", "sister in law", "cuñada", "cunada"),
    "kid": ("kid", "kids"),
    "godchild": ("godson", "goddaughter", "ahijado", "ahijada"),
    "friend": ("friend", "best friend", "bestfriend", "amigo", "amiga"),
    "loved one": ("loved one", "loved ones", "ser querido", "family member", "family members"),
}  # fmt: skip


def patterns() -> list[EntityPattern]:
    """Return the RELATIONSHIP phrase patterns."""
    return [
        {"label": RELATIONSHIP, "pattern": word, "id": canonical}
        for canonical, words in RELATIONSHIPS.items()
        for word in words
    ]

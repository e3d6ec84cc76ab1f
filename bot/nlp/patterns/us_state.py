"""US_STATE: the 50 states and the District of Columbia.

Full names are phrase patterns matched case-insensitively ("ohio", "New York"), plus a
few common misspellings. Two-letter postal codes are token patterns on ``ORTH``, so
they match only in upper case ("NC", never "nc"). Codes that are also everyday words
or acronyms in these conversations are left out even in upper case: IN, ME, OR, OK,
HI, OH (shouted text), CO (correctional officer), ID (identification), MD (doctor),
MS (multiple sclerosis), VA (Veterans Affairs), MI (heart attack), PA (physician
assistant), LA (Los Angeles), MA (medical assistant). Each entity's ``id`` is the
postal code. The names and codes are the engine's (bot.legal.states).

Rasa's ``SpacyEntityExtractor`` runs the pipeline on the message as typed, so postal
codes work there; ``SpacyNLP``'s lower-cased doc only feeds tokens and features.
"""

from bot.legal.states import STATES
from bot.nlp.patterns.common import US_STATE, EntityPattern

OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "DC": (
        "Washington DC", "Washington D.C.", "Washington, DC", "Washington, D.C.", "D.C.",
    ),
    "WA": ("Washington State",),
    "HI": ("Hawai'i", "Hawaiʻi"),
    "CT": ("Conneticut", "Connecticutt"),
    "MA": ("Massachusets", "Massachussetts", "Massachussets"),
    "MS": ("Missisippi", "Mississipi", "Missisipi"),
    "PA": ("Pennsylvannia", "Pensylvania", "Pennslyvania"),
    "TN": ("Tennesee", "Tennesse"),
    "LA": ("Lousiana", "Louisianna"),
    "WI": ("Wisconson",),
    "NM": ("New Mexcio",),
}  # fmt: skip

AMBIGUOUS_CODES: frozenset[str] = frozenset(
    {"IN", "ME", "OR", "OK", "HI", "OH", "CO", "ID", "MD", "MS", "VA", "MI", "PA", "LA", "MA"}
)


def patterns() -> list[EntityPattern]:
    """Return US_STATE phrase patterns (names) and token patterns (postal codes)."""
    names: list[EntityPattern] = [
        {"label": US_STATE, "pattern": name, "id": code} for code, name in STATES.items()
    ]
    names += [
        {"label": US_STATE, "pattern": name, "id": code}
        for code, others in OTHER_NAMES.items()
        for name in others
    ]
    codes: list[EntityPattern] = [
        {"label": US_STATE, "pattern": [{"ORTH": code}], "id": code}
        for code in STATES
        if code not in AMBIGUOUS_CODES
    ]
    return names + codes

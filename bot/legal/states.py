"""The U.S. states, the District of Columbia and the territories: postal code -> name.

The engine accepts a sentence from any of them (`CODES`); the language tools recognise the 50
states and D.C. by name and code (bot.nlp.patterns.us_state), and an explanation names them.
The territories are accepted by code only: families rarely name them, and "AS" is a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STATES: Mapping[str, str] = MappingProxyType({
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
})  # fmt: skip
TERRITORIES: Mapping[str, str] = MappingProxyType({
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
})  # fmt: skip
# Every code the engine accepts as `state`.
CODES: frozenset[str] = frozenset(STATES) | frozenset(TERRITORIES)

"""The eligibility and deadline engine for compassionate release.

Deterministic and pure: no I/O, no clock (the day is an input), no Rasa. Every rule carries its
citation (see `sources`).
"""

from .assessment import Assessment, assess, assess_dict
from .case import Case, CaseError, parse_case

__all__ = ["Assessment", "Case", "CaseError", "assess", "assess_dict", "parse_case"]

"""The eligibility and deadline engine for compassionate release.

Deterministic and pure: no I/O, no clock (the day is an input), no Rasa. Every rule carries its
citation (see `sources`). Callers use `assess` and the types it returns; `to_dict` is the JSON
shape for what leaves the process (the CLI, the stored referral, staff views).
"""

from .assessment import Assessment, assess, assess_dict
from .case import Case, CaseError, parse_case
from .deadlines import Deadline
from .logic import Status
from .route import Route, RouteResult
from .rules import RuleResult

__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "Deadline",
    "Route",
    "RouteResult",
    "RuleResult",
    "Status",
    "assess",
    "assess_dict",
    "parse_case",
]

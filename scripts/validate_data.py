"""`rasa data validate`, strict: every warning fails the build except two Rasa 3.6 limitations.

1. Listing a retrieval intent (`faq`) in the domain, as the docs require, makes Rasa's own
   retrieval-intent merge report it as "duplicated"; leaving it out breaks the rules that use it.
2. Rasa only counts a response as used when a story or rule names it. Responses that a custom
   action sends (`response="utter_..."` in actions/), a form asks (`utter_ask_<slot>`) or one of
   Rasa's default actions sends (`utter_default` from the two-stage fallback's last step) are used
   too. Any other unused response is still an error.

Warnings that Rasa itself always emits and filters (`rasa.utils.common.EXPECTED_WARNINGS`) are
ignored here as well.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUPLICATED = re.compile(r"duplicated intents have been found across multiple domain files: (.+)")
UNUSED = re.compile(r"The utterance '([^']+)' is not used in any story or rule\.")
RESPONSE_NAME = re.compile(r"""["'](utter_[A-Za-z0-9_/]+)["']""")
# Responses Rasa's own default actions send: action_default_fallback, action_default_ask_rephrase.
SENT_BY_RASA = {"utter_default", "utter_ask_rephrase", "utter_restart"}


def responses_sent_by_actions() -> set[str]:
    """Response names the actions send with `utter_message`: written in their code, or made
    from the screening's question registry and answer kinds (`utter_why_<slot>`, ...)."""
    from actions.screening import INVALID_RESPONSES
    from bot.screening.registry import WHY_RESPONSES

    found: set[str] = {*INVALID_RESPONSES.values(), *WHY_RESPONSES.values()}
    for path in (ROOT / "actions").rglob("*.py"):
        found.update(RESPONSE_NAME.findall(path.read_text(encoding="utf-8")))
    return found


def main() -> int:
    """Run Rasa's validation and return a process exit code."""
    from rasa.cli.utils import validate_files
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.utils.common import EXPECTED_WARNINGS

    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"),
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            validate_files(fail_on_warnings=True, max_history=None, importer=importer)
            rasa_ok = True
        except SystemExit as stop:
            rasa_ok = stop.code in (0, None)
        domain = importer.get_domain()
        retrieval_intents = set(importer.get_nlu_data().retrieval_intents)

    form_asks = {
        f"utter_ask_{slot}"
        for form in domain.forms.values()
        for slot in form.get("required_slots", [])
    } | {
        f"utter_ask_{name}_{slot}"
        for name, form in domain.forms.items()
        for slot in form.get("required_slots", [])
    }
    used_elsewhere = responses_sent_by_actions() | form_asks | SENT_BY_RASA
    problems: list[str] = []
    for warning in caught:
        if not issubclass(warning.category, UserWarning):
            continue
        text = str(warning.message)
        if any(
            issubclass(warning.category, category) and re.match(pattern, text)
            for category, pattern in EXPECTED_WARNINGS
        ):
            continue
        duplicated = DUPLICATED.search(text)
        if duplicated and set(duplicated.group(1).split(", ")) <= retrieval_intents:
            continue
        unused = UNUSED.search(text)
        if unused and unused.group(1) in used_elsewhere:
            continue
        problems.append(text.strip())
    for problem in problems:
        print(f"validate: {problem}", file=sys.stderr)
    if not rasa_ok or problems:
        print("validate: the Rasa project data is not clean", file=sys.stderr)
        return 1
    print("validate: the Rasa project data is clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())

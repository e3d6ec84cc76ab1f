"""Command line: ``python -m bot.nlp build PATH`` builds and saves the pipeline."""

import argparse
import json
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.nlp", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the spaCy pipeline and save it to PATH")
    build.add_argument(
        "path", metavar="PATH", help="directory to write, e.g. models/spacy/en_cr_pipeline"
    )
    args = parser.parse_args(argv)

    from bot.nlp.pipeline import save_pipeline

    target = save_pipeline(args.path)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    counts = ", ".join(f"{label} {count}" for label, count in meta["pattern_counts"].items())
    print(f"Saved {meta['name']} {meta['version']} to {target} ({counts} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The dated law: one version of every rule on every day, chosen by `as_of`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.legal import law

from .conftest import FEDERAL_NEW_LAW, assessed

DAY = timedelta(days=1)


@pytest.mark.parametrize("rule", law.DATED_RULES, ids=lambda rule: rule.id)
def test_exactly_one_version_applies_on_every_day_from_the_first(
    rule: law.DatedRule[object],
) -> None:
    edges = {law.ENGINE_FIRST_DAY, date(2030, 12, 31)}
    for version in rule.versions:
        for day in (version.since, version.until):
            if day is not None:
                edges |= {day - DAY, day, day + DAY}
    for day in sorted(d for d in edges if d >= law.ENGINE_FIRST_DAY):
        assert sum(version.applies_on(day) for version in rule.versions) == 1, day


@pytest.mark.parametrize("rule", law.DATED_RULES, ids=lambda rule: rule.id)
def test_every_version_names_its_source(rule: law.DatedRule[object]) -> None:
    for version in rule.versions:
        assert version.source
        assert "seed" not in version.source


@pytest.mark.parametrize(
    ("day", "reading"),
    [
        pytest.param(
            date(2026, 5, 27),
            law.LongSentenceReading.CHANGE_IN_LAW_MAY_COUNT,
            id="USSG 1B1.13(b)(6): the day before Rutherford, a change in law may count",
        ),
        pytest.param(
            date(2026, 5, 28),
            law.LongSentenceReading.NON_RETROACTIVE_CHANGE_EXCLUDED,
            id="Rutherford v. United States (2026): from the day of the decision",
        ),
        pytest.param(
            law.ENGINE_FIRST_DAY,
            law.LongSentenceReading.CHANGE_IN_LAW_MAY_COUNT,
            id="USSG 1B1.13(b)(6): in force from November 1, 2023",
        ),
    ],
)
def test_the_long_sentence_rule_is_chosen_by_date(
    day: date, reading: law.LongSentenceReading
) -> None:
    assert law.LONG_SENTENCE.on(day) is reading


@pytest.mark.parametrize(
    ("day", "reading"),
    [
        pytest.param(
            date(2026, 5, 27),
            law.ConvictionChallenges.COURTS_DIFFERED,
            id="28 U.S.C. 2255: the day before Fernandez",
        ),
        pytest.param(
            date(2026, 5, 28),
            law.ConvictionChallenges.NOT_A_REASON,
            id="Fernandez v. United States (2026): from the day of the decision",
        ),
    ],
)
def test_the_conviction_challenge_rule_is_chosen_by_date(
    day: date, reading: law.ConvictionChallenges
) -> None:
    assert law.CONVICTION_CHALLENGES.on(day) is reading


def test_no_version_before_a_rule_existed() -> None:
    with pytest.raises(LookupError, match="ussg_1b1_13_b6"):
        law.LONG_SENTENCE.on(date(2023, 10, 31))


@pytest.mark.parametrize(
    ("versions", "problem"),
    [
        pytest.param((), "at least one version", id="no versions"),
        pytest.param(
            (law.Version(1, "x", date(2024, 1, 1), date(2024, 1, 31)),),
            "still be in force",
            id="the newest version has ended",
        ),
        pytest.param(
            (
                law.Version(1, "x", date(2024, 1, 1), date(2024, 1, 31)),
                law.Version(2, "y", date(2024, 2, 2)),
            ),
            "without a gap",
            id="a day between two versions",
        ),
        pytest.param(
            (
                law.Version(1, "x", date(2024, 1, 1), date(2024, 1, 31)),
                law.Version(2, "y", date(2024, 1, 31)),
            ),
            "without a gap",
            id="two versions on one day",
        ),
        pytest.param(
            (law.Version(1, "x", date(2024, 1, 1)), law.Version(2, "y", date(2024, 2, 1))),
            "without a gap",
            id="an older version that never ended",
        ),
    ],
)
def test_badly_dated_versions_are_refused(
    versions: tuple[law.Version[int], ...], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        law.DatedRule("example", "Example", versions)


@pytest.mark.parametrize(
    ("as_of", "source", "until"),
    [
        pytest.param("2026-05-27", "USSG § 1B1.13(b)(6)", "2026-05-27", id="before Rutherford"),
        pytest.param(
            "2026-05-28", "Rutherford v. United States (U.S. 2026)", None, id="since Rutherford"
        ),
    ],
)
def test_the_assessment_records_the_law_it_applied(
    as_of: str, source: str, until: str | None
) -> None:
    applied = {
        rule["id"]: rule for rule in assessed(**FEDERAL_NEW_LAW, as_of=as_of)["law_in_force"]
    }
    assert set(applied) == {rule.id for rule in law.DATED_RULES}
    assert (applied["ussg_1b1_13_b6"]["source"], applied["ussg_1b1_13_b6"]["until"]) == (
        source,
        until,
    )
    assert applied["motion_wait_days"]["since"] == "2018-12-21"
    assert applied["bp9_filing_days"]["since"] is None

"""The public sources the engine applies, and the citation shown beside each rule.

`SOURCES` lists every document a family or a lawyer can look up: its full title, version or date,
where to read it, and what the engine uses it for (docs/legal-sources.md says the same, and a test
keeps the two in step). The string constants below are the pinpoint citations families see; each
names one or more of those documents, never a file of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Offenses on or after this day are "new law" (Sentencing Reform Act of 1984; 18 U.S.C. § 4205(g)
# was repealed for them but still controls earlier offenses: 28 CFR 572.40).
NEW_LAW_START = date(1987, 11, 1)
# The First Step Act of 2018 (Pub. L. 115-391) was enacted, and its § 603(b) took effect, this day.
FIRST_STEP_ACT_DAY = date(2018, 12, 21)
# BOP Program Statement 5050.50 is dated this day.
PS_5050_50_DAY = date(2019, 1, 17)


@dataclass(frozen=True)
class Source:
    """A public legal source: how it is cited, what it is, where to read it, why we use it."""

    cited_as: str
    title: str
    version: str
    where: str
    used_for: str


SOURCES: tuple[Source, ...] = (
    Source(
        "18 U.S.C. § 3582",
        "United States Code, Title 18, § 3582, Imposition of a sentence of imprisonment",
        "As amended by the First Step Act of 2018, Pub. L. 115-391, § 603 (December 21, 2018); "
        "no later change found through 2026",
        "https://www.law.cornell.edu/uscode/text/18/3582",
        "The route (c)(1)(A); the 30-day wait before the person's own motion; the (c)(1)(A)(ii) "
        "route for 70/30 three-strikes sentences; the terminal-illness duties of (d) (72 hours, "
        "7 days, 14 days) and what a terminal illness is.",
    ),
    Source(
        "Fed. R. Crim. P. 45(a)",
        "Federal Rules of Criminal Procedure, Rule 45(a), Computing Time",
        "As amended effective December 1, 2009",
        "https://www.law.cornell.edu/rules/frcrmp/rule_45",
        "How the 30 days are counted: skip the day of receipt, count every day, a weekend or "
        "legal holiday last day runs on to the next day that is not one.",
    ),
    Source(
        "5 U.S.C. § 6103",
        "United States Code, Title 5, § 6103, Holidays",
        "Including Juneteenth National Independence Day (added June 17, 2021)",
        "https://www.law.cornell.edu/uscode/text/5/6103",
        "Which days are federal legal holidays (with the days they are observed), through the "
        "`holidays` package.",
    ),
    Source(
        "USSG § 1B1.13",
        "U.S. Sentencing Commission, Guidelines Manual, § 1B1.13, Reduction in Term of "
        "Imprisonment Under 18 U.S.C. § 3582(c)(1)(A) (Policy Statement)",
        "As amended by Amendment 814, effective November 1, 2023; (b)(6) as limited by "
        "Rutherford v. United States (U.S. May 28, 2026)",
        "https://www.ussc.gov/guidelines",
        "The court's extraordinary and compelling reasons (b)(1)-(b)(6), rehabilitation (d), "
        "foreseeability (e), and danger to others (a)(2).",
    ),
    Source(
        "BOP Program Statement 5050.50",
        "Federal Bureau of Prisons, Program Statement 5050.50, Compassionate Release/Reduction "
        "in Sentence: Procedures for Implementation of 18 U.S.C. §§ 3582 and 4205(g)",
        "January 17, 2019; no later version found through 2026",
        "https://www.bop.gov/policy/progstat/5050_050_EN.pdf",
        "The BOP's own criteria (§§ 3-6), the documents it asks for (§§ 5-8), when a request is "
        "submitted (§ 2) and final denials (§ 9).",
    ),
    Source(
        "28 CFR 571, subpart G",
        "Code of Federal Regulations, Title 28, Part 571, Subpart G, Compassionate Release "
        "(Procedures for the Implementation of 18 U.S.C. 3582(c)(1)(A) and 4205(g))",
        "No change found through 2026",
        "https://www.law.cornell.edu/cfr/text/28/part-571/subpart-G",
        "What the request to the warden contains (571.61(a)), who may submit it (571.61(b)), "
        "the BOP's 'could not reasonably have been foreseen' rule (571.60), appeals of a denial "
        "(571.63), and who is outside the process (571.64).",
    ),
    Source(
        "28 CFR 572.40",
        "Code of Federal Regulations, Title 28, § 572.40, Compassionate release under 18 U.S.C. "
        "4205(g)",
        "No change found through 2026",
        "https://www.law.cornell.edu/cfr/text/28/572.40",
        "Which offenses use § 3582(c)(1)(A) and which the older § 4205(g).",
    ),
    Source(
        "28 CFR 542, subpart B",
        "Code of Federal Regulations, Title 28, Part 542, Subpart B, Administrative Remedy Program",
        "No change found through 2026",
        "https://www.law.cornell.edu/cfr/text/28/part-542/subpart-B",
        "The BP-9, BP-10 and BP-11 deadlines (542.14, 542.15), late filings, and response times "
        "with extensions (542.18).",
    ),
    Source(
        "18 U.S.C. § 4205(g)",
        "United States Code, Title 18, § 4205(g) (repealed for offenses on or after November 1, "
        "1987; still controls earlier offenses)",
        "As it read before its repeal by the Sentencing Reform Act of 1984",
        "https://www.law.cornell.edu/uscode/text/18/4205",
        'The "old law" route: a BOP motion to reduce the minimum term so that the Parole '
        "Commission can consider parole at once.",
    ),
    Source(
        "34 U.S.C. § 60541(g)",
        "United States Code, Title 34, § 60541(g), Elderly and family reunification for certain "
        "nonviolent offenders (home detention)",
        "As amended by the First Step Act of 2018, § 603(a)",
        "https://www.law.cornell.edu/uscode/text/34/60541",
        "Told apart from compassionate release: the BOP's separate elderly home-detention program.",
    ),
    Source(
        "28 U.S.C. § 2255",
        "United States Code, Title 28, § 2255, Federal custody; remedies on motion attacking "
        "sentence",
        "Current text",
        "https://www.law.cornell.edu/uscode/text/28/2255",
        "Where arguments that the conviction or sentence is invalid belong, with its one-year "
        "time limit.",
    ),
    Source(
        "Rutherford v. United States (U.S. 2026)",
        "Rutherford v. United States, No. 24-820, decided with Carter v. United States, "
        "No. 24-860 (U.S. May 28, 2026)",
        "Decided May 28, 2026",
        "https://www.supremecourt.gov/opinions/slipopinion/25",
        "Since that day, a change in the law that Congress did not make retroactive cannot make "
        "a sentence 'unusually long' under USSG § 1B1.13(b)(6).",
    ),
    Source(
        "Fernandez v. United States (U.S. 2026)",
        "Fernandez v. United States, No. 24-556 (U.S. May 28, 2026)",
        "Decided May 28, 2026",
        "https://www.supremecourt.gov/opinions/slipopinion/25",
        "Arguments that the conviction or sentence was invalid are not extraordinary and "
        "compelling reasons; they belong in a 28 U.S.C. § 2255 motion.",
    ),
    Source(
        "United States v. Alam, 960 F.3d 831 (6th Cir. 2020)",
        "United States v. Alam, 960 F.3d 831 (6th Cir. 2020); also United States v. Franco, "
        "973 F.3d 465 (5th Cir. 2020)",
        "Decided 2020 (both)",
        "https://www.courtlistener.com/ (search the citation)",
        "The 30-day wait is a mandatory claim-processing rule: a motion filed early is dismissed "
        "if the government objects.",
    ),
    Source(
        "United States v. Harris, 973 F.3d 170 (3d Cir. 2020)",
        "United States v. Harris, 973 F.3d 170 (3d Cir. 2020)",
        "Decided 2020",
        "https://www.courtlistener.com/ (search the citation)",
        "In that circuit, the person need not finish the BOP's appeals once 30 days have passed "
        "since the warden received the request; other circuits: check.",
    ),
    Source(
        "United States v. Williams, 987 F.3d 700 (7th Cir. 2021)",
        "United States v. Williams, 987 F.3d 700 (7th Cir. 2021)",
        "Decided 2021",
        "https://www.courtlistener.com/ (search the citation)",
        "Some courts require that each ground in the motion was first raised with the warden "
        "(issue exhaustion; unsettled): list every reason and diagnosis in the request.",
    ),
    Source(
        "Compassionate Release Clearinghouse FAQ for Loved Ones",
        "Compassionate Release Clearinghouse (FAMM and NACDL), FAQ for Loved Ones",
        "As published in 2025",
        "https://www.nacdl.org/r2f/CompassionateReleaseClearinghouseLovedOnesFAQ",
        "That the Clearinghouse takes federal cases only, may match some with volunteer lawyers, "
        "and that a lawyer does not guarantee release.",
    ),
)

PS = "BOP Program Statement 5050.50"

# The statute a request or motion is brought under, as a letter names it.
STATUTE_3582 = "18 U.S.C. § 3582(c)(1)(A)"
STATUTE_4205G = "18 U.S.C. § 4205(g)"

ROUTE_3582 = "18 U.S.C. § 3582(c)(1)(A); 28 CFR 572.40"
ROUTE_4205G = "18 U.S.C. § 4205(g); 28 CFR 571.60, 572.40"
ROUTE_NONE = "28 CFR 571.64; BOP Program Statement 5050.50 § 10"
ROUTE_STATE = "28 CFR 571.64 (state prisoners); 18 U.S.C. § 3582 covers federal sentences only"
ROUTE_DC = "28 CFR 571.64 (D.C. Code offenders); D.C. Code § 24-403.04"
ROUTE_3582_II = "18 U.S.C. § 3582(c)(1)(A)(ii); BOP Program Statement 5050.50 § 4 n.1"

BOP_TERMINAL = "BOP Program Statement 5050.50 § 3(a); 18 U.S.C. § 3582(d)(1)"
BOP_DEBILITATED = "BOP Program Statement 5050.50 § 3(b)"
BOP_ELDERLY_70_30 = "BOP Program Statement 5050.50 § 4(a)"
BOP_ELDERLY_MEDICAL = "BOP Program Statement 5050.50 § 4(b)"
BOP_ELDERLY_OTHER = "BOP Program Statement 5050.50 § 4(c)"
BOP_ELDERLY_60_CAVEAT = "BOP Program Statement 5050.50 § 4 (last paragraph)"
BOP_CAREGIVER_CHILD = "BOP Program Statement 5050.50 § 5"
BOP_CAREGIVER_SPOUSE = "BOP Program Statement 5050.50 § 6"
BOP_FACTORS = "BOP Program Statement 5050.50 § 7"
BOP_UNFORESEEN = "28 CFR 571.60, 571.61(a)"

USSG_TERMINAL = "USSG § 1B1.13(b)(1)(A)"
USSG_SERIOUS_MEDICAL = "USSG § 1B1.13(b)(1)(B)"
USSG_INADEQUATE_CARE = "USSG § 1B1.13(b)(1)(C)"
USSG_OUTBREAK = "USSG § 1B1.13(b)(1)(D)"
USSG_AGE = "USSG § 1B1.13(b)(2)"
USSG_FAMILY_CHILD = "USSG § 1B1.13(b)(3)(A)"
USSG_FAMILY_SPOUSE = "USSG § 1B1.13(b)(3)(B)"
USSG_FAMILY_PARENT = "USSG § 1B1.13(b)(3)(C)"
USSG_FAMILY_OTHER = "USSG § 1B1.13(b)(3)(D)"
USSG_ABUSE = "USSG § 1B1.13(b)(4)"
USSG_OTHER = "USSG § 1B1.13(b)(5)"
USSG_LONG_SENTENCE = "USSG § 1B1.13(b)(6)"
USSG_REHABILITATION = "USSG § 1B1.13(d)"
USSG_FORESEEABILITY = "USSG § 1B1.13(e)"
USSG_DANGER = "USSG § 1B1.13(a)(2); 18 U.S.C. §§ 3553(a), 3142(g)"
RUTHERFORD = "Rutherford v. United States (U.S. 2026)"
FERNANDEZ = "Fernandez v. United States (U.S. 2026)"
SECTION_2255 = "28 U.S.C. § 2255"

REQUEST_CONTENTS = "28 CFR 571.61(a)"
REQUEST_ON_BEHALF = "28 CFR 571.61(b); 18 U.S.C. § 3582(d)(2)(B)"
REQUEST_SUBMITTED = "BOP Program Statement 5050.50 § 2"
MEDICAL_RECORDS = "28 CFR 571.62(a)(1); BOP Program Statement 5050.50 § 8(d)"
SENTENCE_RECORDS = "BOP Program Statement 5050.50 § 8(b)"
EXHAUSTION = "18 U.S.C. § 3582(c)(1)(A); Fed. R. Crim. P. 45(a)"
RULE_45 = "Fed. R. Crim. P. 45(a)"
EARLY_MOTION_DISMISSED = "United States v. Alam, 960 F.3d 831 (6th Cir. 2020)"
NO_NEED_TO_FINISH_APPEALS = "United States v. Harris, 973 F.3d 170 (3d Cir. 2020)"
ISSUE_EXHAUSTION = "United States v. Williams, 987 F.3d 700 (7th Cir. 2021)"
FINAL_DENIAL = "28 CFR 571.63(b)-(d); BOP Program Statement 5050.50 § 9"
APPEAL_OF_DENIAL = "28 CFR 571.63(a); 28 CFR 542, subpart B"
BP9_FILING = "28 CFR 542.14(a); 28 CFR 571.63(a)"
BP10_FILING = "28 CFR 542.15(a)"
BP11_FILING = "28 CFR 542.15(a)"
LATE_FILING = "28 CFR 542.14(b), 542.15(a)"
RESPONSE_TIMES = "28 CFR 542.18"
TERMINAL_NOTICE = "18 U.S.C. § 3582(d)(2)(A)(i); BOP Program Statement 5050.50 § 3(a)"
TERMINAL_VISIT = "18 U.S.C. § 3582(d)(2)(A)(ii), (d)(3)(J)"
TERMINAL_ASSISTANCE = "18 U.S.C. § 3582(d)(2)(A)(iii); BOP Program Statement 5050.50 § 3(a)"
TERMINAL_PROCESSING = "18 U.S.C. § 3582(d)(2)(A)(iv); BOP Program Statement 5050.50 § 3(a)"
ELDERLY_HOME_DETENTION = "34 U.S.C. § 60541(g)"
CLEARINGHOUSE = "Compassionate Release Clearinghouse FAQ for Loved Ones"
NO_GUARANTEE = "Compassionate Release Clearinghouse FAQ for Loved Ones; USSG § 1B1.13(a)"

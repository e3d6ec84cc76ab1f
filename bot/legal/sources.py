"""Citations for every rule the engine applies, in one place.

Each constant is the text shown to families and staff beside a rule. Sources: BOP Program
Statement 5050.50 (2019), 28 CFR parts 542, 571 and 572, 18 U.S.C. §§ 3582 and 4205(g), and
USSG § 1B1.13 as amended effective 1 November 2023.
"""

from datetime import date

# The amended policy statement the court grounds follow took effect on this day (USSG § 1B1.13,
# amendment effective 1 Nov 2023). The engine refuses earlier `as_of` dates rather than apply
# rules that were not yet in force.
RULES_IN_FORCE_FROM = date(2023, 11, 1)

# Offences on or after this day are "new law" (Sentencing Reform Act; 18 U.S.C. § 4205(g) repealed
# effective 1 Nov 1987 but still controls earlier offences: 28 CFR 572.40).
NEW_LAW_START = date(1987, 11, 1)

PS = "BOP Program Statement 5050.50"

ROUTE_3582 = "18 U.S.C. § 3582(c)(1)(A); 28 CFR 572.40"
ROUTE_4205G = "18 U.S.C. § 4205(g); 28 CFR 572.40, 571.62(b)"
ROUTE_NONE = "28 CFR 571.64; PS 5050.50 § 10"
ROUTE_STATE = "28 CFR 571.64 (state prisoners); 18 U.S.C. § 3582 covers federal sentences only"
ROUTE_DC = "28 CFR 571.64 (D.C. Code offenders); D.C. Code § 24-403.04"

BOP_TERMINAL = "PS 5050.50 § 3(a); 18 U.S.C. § 3582(d)(1)"
BOP_DEBILITATED = "PS 5050.50 § 3(b)"
BOP_ELDERLY_70_30 = "PS 5050.50 § 4(a)"
BOP_ELDERLY_MEDICAL = "PS 5050.50 § 4(b)"
BOP_ELDERLY_OTHER = "PS 5050.50 § 4(c)"
BOP_ELDERLY_60_CAVEAT = "PS 5050.50 § 4 (last paragraph); PS 5162.05"
BOP_CAREGIVER_CHILD = "PS 5050.50 § 5"
BOP_CAREGIVER_SPOUSE = "PS 5050.50 § 6"
BOP_FACTORS = "PS 5050.50 § 7"

USSG_TERMINAL = "USSG § 1B1.13(b)(1)(A)"
USSG_SERIOUS_MEDICAL = "USSG § 1B1.13(b)(1)(B)"
USSG_OTHER_MEDICAL = "USSG § 1B1.13(b)(1)(C)-(D)"
USSG_AGE = "USSG § 1B1.13(b)(2)"
USSG_FAMILY_CHILD = "USSG § 1B1.13(b)(3)(A)"
USSG_FAMILY_SPOUSE = "USSG § 1B1.13(b)(3)(B)"
USSG_FAMILY_PARENT = "USSG § 1B1.13(b)(3)(C)"
USSG_FAMILY_OTHER = "USSG § 1B1.13(b)(3)(D)"
USSG_ABUSE = "USSG § 1B1.13(b)(4)"
USSG_OTHER = "USSG § 1B1.13(b)(5)"
USSG_LONG_SENTENCE = "USSG § 1B1.13(b)(6)"
USSG_REHABILITATION = "USSG § 1B1.13(d)"
USSG_DANGER = "USSG § 1B1.13(a)(2); 18 U.S.C. §§ 3553(a), 3142(g)"

REQUEST_CONTENTS = "28 CFR 571.61(a)"
REQUEST_ON_BEHALF = "28 CFR 571.61(b); 18 U.S.C. § 3582(d)(2)(B)"
REQUEST_SUBMITTED = "PS 5050.50 § 2"
MEDICAL_RECORDS = "28 CFR 571.62(a)(1); PS 5050.50 § 8(d)"
EXHAUSTION = "18 U.S.C. § 3582(c)(1)(A); PS 5050.50 § 9"
FINAL_DENIAL = "28 CFR 571.63(b)-(d); PS 5050.50 § 9"
APPEAL_OF_DENIAL = "28 CFR 571.63(a); 28 CFR part 542, subpart B"
BP10_FILING = "28 CFR 542.15(a)"
BP11_FILING = "28 CFR 542.15(a)"
LATE_FILING = "28 CFR 542.14(b), 542.15(a)"
RESPONSE_TIMES = "28 CFR 542.18"
TERMINAL_NOTICE = "18 U.S.C. § 3582(d)(2)(A)(i); PS 5050.50 § 3(a)"
TERMINAL_VISIT = "18 U.S.C. § 3582(d)(2)(A)(ii); PS 5050.50 § 3(a)"
TERMINAL_ASSISTANCE = "18 U.S.C. § 3582(d)(2)(A)(iii); PS 5050.50 § 3(a)"
TERMINAL_PROCESSING = "18 U.S.C. § 3582(d)(2)(A)(iv); PS 5050.50 § 3(a)"
CLEARINGHOUSE = "Compassionate Release Clearinghouse FAQ, seed 002"
PRACTICE_LIST_EVERY_GROUND = "practitioner guidance, seed 001"
NO_GUARANTEE = "Compassionate Release Clearinghouse FAQ, seed 002; USSG § 1B1.13(a)"

"""FACILITY: Federal Bureau of Prisons institutions.

Each institution is listed once as (type, place, state, sub-units); the patterns write
it the ways families do: "FCI Butner", "fci-butner", "Butner FCI", "Federal Medical
Center Carswell", "Carswell Federal Medical Center", "FCI Butner Medium II". Matching
is case-insensitive (the ruler compares ``LOWER``) and each entity's ``id`` is the
canonical name ("FMC Carswell"). A few place names that mean the prison on their own
("Butner", "Carswell", "Leavenworth") match alone; city names like "Atlanta" do not.

Only institutions the BOP operates or operated are listed; designations that changed
are kept because families still use them (USP Leavenworth, USP Lewisburg, USP Marion
and USP Thomson are now FCIs; MCC New York and FCI Dublin have closed).
"""

from typing import NamedTuple

from bot.nlp.patterns.common import FACILITY, EntityPattern


class Facility(NamedTuple):
    """A BOP institution: type code, place, state and named sub-units."""

    kind: str
    place: str
    state: str
    units: tuple[str, ...] = ()


LONG_NAMES: dict[str, tuple[str, ...]] = {
    "FCI": ("Federal Correctional Institution",),
    "FMC": ("Federal Medical Center",),
    "USP": ("United States Penitentiary", "U.S. Penitentiary", "US Penitentiary"),
    "FPC": ("Federal Prison Camp",),
    "MCC": ("Metropolitan Correctional Center",),
    "MDC": ("Metropolitan Detention Center",),
    "FDC": ("Federal Detention Center",),
    "FCC": ("Federal Correctional Complex",),
    "FTC": ("Federal Transfer Center",),
    "USMCFP": (
        "United States Medical Center for Federal Prisoners",
        "U.S. Medical Center for Federal Prisoners",
        "US Medical Center for Federal Prisoners",
        "Medical Center for Federal Prisoners",
    ),
}
SHORT_ALIASES: dict[str, tuple[str, ...]] = {"USMCFP": ("MCFP", "US MCFP", "U.S. MCFP", "FMC")}

FACILITIES: tuple[Facility, ...] = (
    # Federal Medical Centers.
    Facility("FMC", "Butner", "NC"),
    Facility("FMC", "Carswell", "TX"),
    Facility("FMC", "Devens", "MA"),
    Facility("FMC", "Fort Worth", "TX"),
    Facility("FMC", "Lexington", "KY"),
    Facility("FMC", "Rochester", "MN"),
    Facility("USMCFP", "Springfield", "MO"),
    # United States Penitentiaries.
    Facility("USP", "Allenwood", "PA"),
    Facility("USP", "Atlanta", "GA"),
    Facility("USP", "Atwater", "CA"),
    Facility("USP", "Beaumont", "TX"),
    Facility("USP", "Big Sandy", "KY"),
    Facility("USP", "Canaan", "PA"),
    Facility("USP", "Coleman", "FL", ("I", "II")),
    Facility("USP", "Florence", "CO", ("High", "ADMAX", "ADX")),
    Facility("USP", "Hazelton", "WV"),
    Facility("USP", "Leavenworth", "KS"),
    Facility("USP", "Lee", "VA"),
    Facility("USP", "Lewisburg", "PA"),
    Facility("USP", "Lompoc", "CA"),
    Facility("USP", "Marion", "IL"),
    Facility("USP", "McCreary", "KY"),
    Facility("USP", "Pollock", "LA"),
    Facility("USP", "Terre Haute", "IN"),
    Facility("USP", "Thomson", "IL"),
    Facility("USP", "Tucson", "AZ"),
    Facility("USP", "Victorville", "CA"),
    Facility("USP", "Yazoo City", "MS"),
    # Federal Correctional Institutions.
    Facility("FCI", "Aliceville", "AL"),
    Facility("FCI", "Allenwood", "PA", ("Low", "Medium")),
    Facility("FCI", "Ashland", "KY"),
    Facility("FCI", "Bastrop", "TX"),
    Facility("FCI", "Beaumont", "TX", ("Low", "Medium")),
    Facility("FCI", "Beckley", "WV"),
    Facility("FCI", "Bennettsville", "SC"),
    Facility("FCI", "Berlin", "NH"),
    Facility("FCI", "Big Spring", "TX"),
    Facility("FCI", "Butner", "NC", ("Low", "Medium I", "Medium II")),
    Facility("FCI", "Coleman", "FL", ("Low", "Medium")),
    Facility("FCI", "Cumberland", "MD"),
    Facility("FCI", "Danbury", "CT"),
    Facility("FCI", "Dublin", "CA"),
    Facility("FCI", "Edgefield", "SC"),
    Facility("FCI", "El Reno", "OK"),
    Facility("FCI", "Elkton", "OH"),
    Facility("FCI", "Englewood", "CO"),
    Facility("FCI", "Estill", "SC"),
    Facility("FCI", "Fairton", "NJ"),
    Facility("FCI", "Florence", "CO"),
    Facility("FCI", "Forrest City", "AR", ("Low", "Medium")),
    Facility("FCI", "Fort Dix", "NJ"),
    Facility("FCI", "Gilmer", "WV"),
    Facility("FCI", "Greenville", "IL"),
    Facility("FCI", "Hazelton", "WV"),
    Facility("FCI", "Herlong", "CA"),
    Facility("FCI", "Jesup", "GA"),
    Facility("FCI", "La Tuna", "TX"),
    Facility("FCI", "Leavenworth", "KS"),
    Facility("FCI", "Lewisburg", "PA"),
    Facility("FCI", "Lompoc", "CA"),
    Facility("FCI", "Loretto", "PA"),
    Facility("FCI", "Manchester", "KY"),
    Facility("FCI", "Marianna", "FL"),
    Facility("FCI", "Marion", "IL"),
    Facility("FCI", "McDowell", "WV"),
    Facility("FCI", "McKean", "PA"),
    Facility("FCI", "Memphis", "TN"),
    Facility("FCI", "Mendota", "CA"),
    Facility("FCI", "Miami", "FL"),
    Facility("FCI", "Milan", "MI"),
    Facility("FCI", "Morgantown", "WV"),
    Facility("FCI", "Oakdale", "LA", ("I", "II")),
    Facility("FCI", "Otisville", "NY"),
    Facility("FCI", "Oxford", "WI"),
    Facility("FCI", "Pekin", "IL"),
    Facility("FCI", "Petersburg", "VA", ("Low", "Medium")),
    Facility("FCI", "Phoenix", "AZ"),
    Facility("FCI", "Pollock", "LA"),
    Facility("FCI", "Ray Brook", "NY"),
    Facility("FCI", "Safford", "AZ"),
    Facility("FCI", "Sandstone", "MN"),
    Facility("FCI", "Schuylkill", "PA"),
    Facility("FCI", "Seagoville", "TX"),
    Facility("FCI", "Sheridan", "OR"),
    Facility("FCI", "Talladega", "AL"),
    Facility("FCI", "Tallahassee", "FL"),
    Facility("FCI", "Terminal Island", "CA"),
    Facility("FCI", "Terre Haute", "IN"),
    Facility("FCI", "Texarkana", "TX"),
    Facility("FCI", "Thomson", "IL"),
    Facility("FCI", "Three Rivers", "TX"),
    Facility("FCI", "Tucson", "AZ"),
    Facility("FCI", "Victorville", "CA", ("Medium I", "Medium II")),
    Facility("FCI", "Waseca", "MN"),
    Facility("FCI", "Williamsburg", "SC"),
    Facility("FCI", "Yazoo City", "MS", ("Low", "Medium")),
    # Federal Prison Camps.
    Facility("FPC", "Alderson", "WV"),
    Facility("FPC", "Bryan", "TX"),
    Facility("FPC", "Duluth", "MN"),
    Facility("FPC", "Montgomery", "AL"),
    Facility("FPC", "Pensacola", "FL"),
    Facility("FPC", "Yankton", "SD"),
    # Detention and transfer centres.
    Facility("MCC", "Chicago", "IL"),
    Facility("MCC", "New York", "NY"),
    Facility("MCC", "San Diego", "CA"),
    Facility("MDC", "Brooklyn", "NY"),
    Facility("MDC", "Guaynabo", "PR"),
    Facility("MDC", "Los Angeles", "CA"),
    Facility("FDC", "Honolulu", "HI"),
    Facility("FDC", "Miami", "FL"),
    Facility("FDC", "Oakdale", "LA"),
    Facility("FDC", "Philadelphia", "PA"),
    Facility("FDC", "SeaTac", "WA"),
    Facility("FTC", "Oklahoma City", "OK"),
    # Federal Correctional Complexes (several institutions at one site).
    Facility("FCC", "Allenwood", "PA"),
    Facility("FCC", "Beaumont", "TX"),
    Facility("FCC", "Butner", "NC"),
    Facility("FCC", "Coleman", "FL"),
    Facility("FCC", "Florence", "CO"),
    Facility("FCC", "Forrest City", "AR"),
    Facility("FCC", "Hazelton", "WV"),
    Facility("FCC", "Lompoc", "CA"),
    Facility("FCC", "Oakdale", "LA"),
    Facility("FCC", "Petersburg", "VA"),
    Facility("FCC", "Pollock", "LA"),
    Facility("FCC", "Terre Haute", "IN"),
    Facility("FCC", "Tucson", "AZ"),
    Facility("FCC", "Victorville", "CA"),
    Facility("FCC", "Yazoo City", "MS"),
)

PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "FCC Butner": ("Butner",),
    "FMC Butner": ("Butner Medical Center", "Butner Federal Medical Center"),
    "FMC Carswell": ("Carswell", "Carswell Medical Center"),
    "FMC Devens": ("Devens", "Devens Medical Center"),
    "FMC Fort Worth": ("FMC Ft. Worth", "FMC Ft Worth"),
    "USMCFP Springfield": ("Springfield Medical Center for Federal Prisoners",),
    "USP Florence ADMAX": ("ADX Florence", "ADX", "Florence ADX", "Florence ADMAX"),
    "FCC Allenwood": ("Allenwood",),
    "FCI Aliceville": ("Aliceville",),
    "FCC Hazelton": ("Hazelton",),
    "FCI Otisville": ("Otisville",),
    "FCI Terminal Island": ("Terminal Island",),
    "FCI Leavenworth": ("Leavenworth",),
    "FCI Fort Dix": ("FCI Ft. Dix", "FCI Ft Dix"),
    "FDC SeaTac": ("FDC Sea-Tac", "FDC Sea Tac"),
    "FTC Oklahoma City": ("FTC OKC",),
}
"""Other names for one institution, keyed by its canonical name."""


def _unit_spellings(unit: str) -> tuple[str, ...]:
    """Spell a sub-unit as families do; a bare "I" is skipped ("FCI Oakdale I think")."""
    if unit == "I":
        return ("1",)
    if unit == "II":
        return ("II", "2")
    if unit.endswith((" I", " II")):
        base, numeral = unit.rsplit(" ", 1)
        return (unit, f"{base} {len(numeral)}")
    return (unit,)


def names(facility: Facility) -> list[str]:
    """Return the ways of writing the facility itself (without its sub-units)."""
    kinds = (facility.kind, *SHORT_ALIASES.get(facility.kind, ()))
    place = facility.place
    written = [f"{kind} {place}" for kind in kinds] + [f"{kind}-{place}" for kind in kinds]
    written.append(f"{place} {facility.kind}")
    for long_name in LONG_NAMES[facility.kind]:
        written += [f"{long_name} {place}", f"{long_name}, {place}", f"{place} {long_name}"]
    return written


def canonical_names() -> list[str]:
    """Return the canonical name of every institution and sub-unit."""
    result: list[str] = []
    for facility in FACILITIES:
        base = f"{facility.kind} {facility.place}"
        result += [base, *(f"{base} {unit}" for unit in facility.units)]
    return result


def patterns() -> list[EntityPattern]:
    """Return the FACILITY phrase patterns."""
    result: list[EntityPattern] = []
    for facility in FACILITIES:
        canonical = f"{facility.kind} {facility.place}"
        result += [
            {"label": FACILITY, "pattern": name, "id": canonical} for name in names(facility)
        ]
        for unit in facility.units:
            result += [
                {
                    "label": FACILITY,
                    "pattern": f"{canonical} {spelling}",
                    "id": f"{canonical} {unit}",
                }
                for spelling in _unit_spellings(unit)
            ]
    result += [
        {"label": FACILITY, "pattern": alias, "id": canonical}
        for canonical, aliases in PLACE_ALIASES.items()
        for alias in aliases
    ]
    return _dedupe(result)


def _dedupe(patterns: list[EntityPattern]) -> list[EntityPattern]:
    """Drop patterns whose text (ignoring case) was already given to an institution."""
    seen: set[str] = set()
    unique: list[EntityPattern] = []
    for pattern in patterns:
        key = str(pattern["pattern"]).lower()
        if key not in seen:
            seen.add(key)
            unique.append(pattern)
    return unique

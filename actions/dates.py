"""Finding the date a family typed lives in `bot.screening.dates`; kept here for the actions."""

from bot.screening.dates import find_date

__all__ = ["find_date"]

"""The dashboard: conversations per day and channel, intents, fallbacks, outcomes, referrals."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from bot.storage.schema import utc_now

from ..database import db, refresh_index
from ..filters import OUTCOMES
from ..forms import STATUS_LABELS
from ..stats import dashboard

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
PERIODS = (7, 30, 90, 365)
DEFAULT_DAYS = 30


@bp.route("/")
def index() -> str:
    """Figures for the chosen period, as charts and as tables."""
    refresh_index()
    text = request.args.get("days", "")
    days = int(text) if text.isdigit() and int(text) in PERIODS else DEFAULT_DAYS
    figures = dashboard(db(), today=utc_now().date(), days=days)
    chart_data = {
        "days": [day.isoformat() for day in figures.days],
        "channels": figures.conversations_by_channel,
        "fallbackRate": figures.fallback_rate,
        "topIntents": figures.top_intents,
        "outcomes": [(OUTCOMES.get(name, name), count) for name, count in figures.outcomes],
        "referrals": [(STATUS_LABELS[name], count) for name, count in figures.referrals_by_status],
    }
    return render_template(
        "dashboard.html",
        figures=figures,
        chart_data=chart_data,
        days=days,
        periods=PERIODS,
        outcomes=OUTCOMES,
        statuses=STATUS_LABELS,
    )

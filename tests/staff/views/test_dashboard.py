"""The dashboard page: its figures as chart data and as tables, Chart.js served by us."""

from __future__ import annotations

import json
import re

from ..conftest import Staff


def test_the_dashboard_carries_its_figures_for_the_charts(
    reviewer: Staff, families: dict[str, int | None]
) -> None:
    page = reviewer.get("/dashboard/?days=7")
    html = page.get_data(as_text=True)
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html)

    assert page.status_code == 200
    assert found is not None
    data = json.loads(found.group(1))
    assert len(data["days"]) == 7
    assert sum(map(sum, data["channels"].values())) == 5
    assert data["topIntents"][0] == ["greet", 5]
    assert data["outcomes"] == [["Federal: court motion (3582)", 1]]
    assert ["New", 1] in data["referrals"]
    assert '<strong id="total-conversations">5</strong>' in html
    assert 'src="/vendor/chart.umd.min.js"' in html
    assert "<script>" not in html  # no inline script: the CSP allows our files only


def test_an_unknown_period_falls_back_to_30_days(reviewer: Staff) -> None:
    html = reviewer.get("/dashboard/?days=12345").get_data(as_text=True)

    assert '<option value="30" selected>' in html


def test_chart_js_comes_from_node_modules_for_signed_in_staff(
    reviewer: Staff, staff: Staff
) -> None:
    script = reviewer.get("/vendor/chart.umd.min.js")

    assert script.status_code == 200
    assert script.mimetype == "text/javascript"
    assert b"Chart" in script.data[:2000]
    assert reviewer.get("/vendor/package.json").status_code == 404
    assert reviewer.get("/vendor/..%2Fpackage.json").status_code == 404
    assert staff.get("/vendor/chart.umd.min.js").status_code == 302

// Draws the dashboard's charts from the JSON the page carries (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b4f8a", "#c2571a", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457"];
  Chart.defaults.color = "#1b1b1b";
  Chart.defaults.font.size = 13;
  Chart.defaults.animation = false;

  function bar(id, pairs, label) {
    new Chart(document.getElementById(id), {
      type: "bar",
      data: {
        labels: pairs.map(function (p) { return p[0]; }),
        datasets: [{ label: label, data: pairs.map(function (p) { return p[1]; }), backgroundColor: palette[0] }]
      },
      options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  var channels = Object.keys(data.channels);
  new Chart(document.getElementById("chart-per-day"), {
    type: "bar",
    data: {
      labels: data.days,
      datasets: channels.map(function (name, i) {
        return { label: name, data: data.channels[name], backgroundColor: palette[i % palette.length] };
      })
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById("chart-fallback"), {
    type: "line",
    data: {
      labels: data.days,
      datasets: [{
        label: "Share of conversations with a fallback",
        data: data.fallbackRate.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }),
        borderColor: palette[1], backgroundColor: palette[1], spanGaps: true
      }]
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + "%"; } } } } }
  });
  bar("chart-intents", data.topIntents, "Conversations");
  bar("chart-outcomes", data.outcomes, "Conversations");
  bar("chart-referrals", data.referrals, "Referrals");
})();

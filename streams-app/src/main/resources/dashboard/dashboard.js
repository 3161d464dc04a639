// The live dashboard: renders each state the server sends on /events (server-sent events).
// Every value from the server goes into the page as text (textContent), never as HTML: review
// texts are untrusted.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const dash = "–";

  const fmt = {
    pct: (x) => (x == null ? dash : (100 * x).toFixed(2) + " %"),
    prob: (x) => (x == null ? dash : x.toFixed(3)),
    int: (x) => (x == null ? dash : Math.round(x).toLocaleString("en-US")),
    rate: (x) => (x == null ? dash : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US")),
    ms: (x) => (x == null ? dash : (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US")) + " ms"),
    time: (ms) => new Date(ms).toLocaleTimeString(),
  };

  function setText(id, text) {
    const node = $(id);
    if (node.textContent !== text) node.textContent = text;
  }

  /** A table cell holding text, with an optional class. */
  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function row(cells) {
    const tr = document.createElement("tr");
    cells.forEach((td) => tr.appendChild(td));
    return tr;
  }

  const shownRows = {};

  /**
   * Replaces a table's rows when what they show changed (key), not every second: a reader can
   * select text and nothing flickers.
   */
  function replaceRows(tbodyId, key, makeRows, emptyText) {
    if (shownRows[tbodyId] === key) return;
    shownRows[tbodyId] = key;
    const rows = makeRows();
    $(tbodyId).replaceChildren(...(rows.length ? rows : [row([cell(emptyText, "muted")])]));
  }

  // ---- charts (uPlot) ----

  const colours = { accuracy: "#2d62c8", precision: "#1a7f4b", recall: "#c27c0e", f1: "#7a3fb5" };

  /** A time axis that stays readable with a single point (uPlot would stretch it over years). */
  const timeScale = (padSeconds) => ({
    time: true,
    range: (u, min, max) => {
      if (min == null) return [Date.now() / 1000 - padSeconds, Date.now() / 1000];  // no data yet: now, not 1970
      return min === max ? [min - padSeconds, max + padSeconds] : [min, max];
    },
  });

  function chartWidth(id) {
    return Math.max(300, $(id).clientWidth);
  }

  function windowChart() {
    const ratio = (u, v) => (v == null ? dash : fmt.pct(v));
    const series = [{ label: "window start" }].concat(["accuracy", "precision", "recall", "f1"].map((name) => ({
      label: name === "f1" ? "F1" : name, stroke: colours[name], width: 2, value: ratio, spanGaps: true,
      points: { size: 5 },
    })));
    return new uPlot({
      width: chartWidth("window-chart"), height: 240, series,
      // From a tenth below the lowest figure up to 100 %: a model at 90 % shows its ups and downs.
      scales: { x: timeScale(60), y: { range: (u, min) => [min == null ? 0 : Math.max(0, Math.floor(min * 10 - 0.5) / 10), 1] } },
      axes: [{}, { values: (u, ticks) => ticks.map((t) => Math.round(t * 100) + "%"), size: 50 }],
    }, [[], [], [], [], []], $("window-chart"));
  }

  function paceChart() {
    return new uPlot({
      width: chartWidth("pace-chart"), height: 240,
      series: [
        { label: "time" },
        { label: "reviews/s", scale: "rate", stroke: "#2d62c8", width: 2, value: (u, v) => fmt.rate(v), spanGaps: true },
        { label: "latency p50", scale: "ms", stroke: "#1a7f4b", width: 1.5, value: (u, v) => fmt.ms(v), spanGaps: true },
        { label: "latency p99", scale: "ms", stroke: "#b4372f", width: 1.5, value: (u, v) => fmt.ms(v), spanGaps: true },
        { label: "mean batch", scale: "batch", stroke: "#7a3fb5", width: 1, dash: [4, 4], value: (u, v) => (v == null ? dash : v.toFixed(1)), spanGaps: true },
      ],
      scales: { x: timeScale(5), rate: { range: (u, min, max) => [0, Math.max(1, max)] },
                ms: { range: (u, min, max) => [0, Math.max(10, max)] },
                batch: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { scale: "rate", label: "reviews/s", size: 55 },
             { scale: "ms", side: 1, label: "ms", size: 55, grid: { show: false } },
             { scale: "batch", side: 1, label: "batch", size: 45, grid: { show: false } }],
    }, [[], [], [], [], []], $("pace-chart"));
  }

  let windows = null;
  let pace = null;

  window.addEventListener("resize", () => {
    if (windows) windows.setSize({ width: chartWidth("window-chart"), height: 240 });
    if (pace) pace.setSize({ width: chartWidth("pace-chart"), height: 240 });
  });

  // ---- rendering ----

  /** The model whose cumulative figures were written last: the one serving now. */
  function primaryModel(models) {
    let best = null;
    for (const m of models) {
      if (m.cumulative && (!best || m.cumulative.emitted_at > best.cumulative.emitted_at)) best = m;
    }
    return best;
  }

  function renderApplication(models) {
    const primary = primaryModel(models);
    const c = primary ? primary.cumulative : null;
    setText("cum-accuracy", fmt.pct(c && c.accuracy));
    setText("cum-precision", fmt.pct(c && c.precision));
    setText("cum-recall", fmt.pct(c && c.recall));
    setText("cum-f1", fmt.pct(c && c.f1));
    setText("cum-positive-rate", fmt.pct(c && c.positive_rate));
    setText("cum-mean-probability", fmt.prob(c && c.mean_probability));
    setText("cum-counts", c ? fmt.int(c.count) + " · " + fmt.int(c.labelled_count) : dash);
    setText("cum-coverage", fmt.pct(c && c.label_coverage));
    setText("cum-delay", c && c.label_delay_mean_ms != null ? (c.label_delay_mean_ms / 1000).toFixed(1) + " s" : dash);
    setText("cum-calibration", c && c.ece != null ? fmt.prob(c.ece) + " · " + fmt.prob(c.brier) : dash);
    for (const k of ["tp", "fn", "fp", "tn"]) setText("cm-" + k, c ? fmt.int(c.confusion[k]) : dash);
    setText("window-model", primary ? "· " + primary.model : "");
    const withFigures = models.filter((m) => m.cumulative);
    replaceRows("model-rows", JSON.stringify(withFigures.map((m) => m.cumulative)), () => withFigures.map((m) => row([
      cell(m.model), cell(fmt.int(m.cumulative.count)), cell(fmt.pct(m.cumulative.accuracy)), cell(fmt.pct(m.cumulative.f1)),
    ])), "none yet");
    if (primary) {
      const w = primary.windows;
      windows.setData([w.start, w.accuracy, w.precision, w.recall, w.f1]);
    }
  }

  function renderInstance(state) {
    const f = state.instance_figures;
    setText("instance-id", state.instance);
    setText("rate", fmt.rate(f.reviews_per_second));
    setText("p50", fmt.ms(f.latency_p50_ms));
    setText("p99", fmt.ms(f.latency_p99_ms));
    setText("batch", (f.mean_batch == null ? dash : f.mean_batch.toFixed(1)) + " · " + fmt.int(f.largest_batch));
    setText("lag", f.consumer_lag == null ? "n/a" : fmt.int(f.consumer_lag));
    setText("scored", fmt.int(f.scored));
    const reasons = Object.entries(f.dead_letters).sort((a, b) => b[1] - a[1]);
    setText("dead-total", fmt.int(reasons.reduce((sum, [, n]) => sum + n, 0)));
    replaceRows("dead-rows", JSON.stringify(reasons), () => reasons.map(([reason, n]) => row([cell(reason), cell(fmt.int(n))])), "none");
    const s = state.series;
    pace.setData([s.t, s.reviews_per_second, s.latency_p50_ms, s.latency_p99_ms, s.mean_batch]);
  }

  function renderReviews(reviews) {
    const key = reviews.map((r) => r.id + "@" + r.scored_at).join("\n");
    replaceRows("review-rows", key, () => reviews.map((r) => {
      const tr = row([
        cell(fmt.time(r.scored_at)),
        cell(r.text, "text"),
        cell(r.sentiment, r.sentiment),
        cell(r.probability.toFixed(3)),
        cell(r.label == null ? dash : r.label),
        cell(r.correct == null ? "" : r.correct ? "✔ right" : "✘ wrong", r.correct == null ? "" : r.correct ? "ok" : "bad"),
      ]);
      tr.title = r.id + " · " + r.model;
      return tr;
    }), "nothing scored yet");
  }

  function render(state) {
    setText("state", state.state);
    $("state").className = "badge " + (state.state === "RUNNING" ? "on" : "off");
    setText("models", state.models.length ? state.models.join(", ") : dash);
    setText("updated", "updated " + fmt.time(state.now));
    renderApplication(state.application);
    // Text only (setText), never markup: alarm names come from the application but stay data.
    const alarms = state.alarms || [];
    setText("alarms", alarms.length ? alarms.map((a) => a.alarm).join(", ")
      : "none" + (state.drift_detection && state.drift_detection !== "on" ? " (drift detection off)" : ""));
    renderInstance(state);
    renderReviews(state.recent);
  }

  function connect() {
    const events = new EventSource("/events");
    events.addEventListener("state", (e) => render(JSON.parse(e.data)));
    events.onopen = () => {
      setText("connection", "live");
      $("connection").className = "badge on";
    };
    events.onerror = () => {
      // EventSource reconnects by itself unless the server refused the stream.
      setText("connection", events.readyState === EventSource.CLOSED ? "disconnected: reload the page" : "reconnecting…");
      $("connection").className = "badge off";
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    windows = windowChart();
    pace = paceChart();
    connect();
  });
})();

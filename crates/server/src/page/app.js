"use strict";
// The page's behaviour: forms to JSON requests, jobs polled with progress
// and a cancel button, results drawn as tables and SVG. Every decision is
// the server's; this file only shows it.

const $ = (id) => document.getElementById(id);
const running = new Set();

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function show(target, ...nodes) {
  const box = $(target);
  box.replaceChildren(...nodes);
}

function failure(error) {
  return el("div", { class: "error", role: "alert" }, error.message || String(error));
}

async function request(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new Error("The ferrox server did not answer: is it still running?");
  }
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    const body = type.includes("json") ? await response.json() : { error: await response.text() };
    const error = new Error(body.error || response.statusText);
    error.kind = body.kind;
    throw error;
  }
  return type.includes("json") ? response.json() : response.blob();
}

function postJson(path, body) {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

// ------------------------------------------------------------- settings

function settings(extra = {}) {
  const s = {
    rounding: $("opt-rounding").value,
    threshold: Number($("opt-threshold").value) || 5,
    symmetric: $("opt-symmetric").checked,
  };
  if ($("opt-scrutiny").checked) s.compat = "scrutiny";
  return Object.assign(s, extra);
}

function fields(form) {
  const out = {};
  for (const input of form.querySelectorAll("input, select, textarea")) {
    if (!input.name) continue;
    if (input.type === "checkbox") out[input.name] = input.checked;
    else if (input.value.trim() !== "") out[input.name] = input.value.trim();
  }
  return out;
}

// ------------------------------------------------------------- tabs

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
  tab.focus();
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) selectTab(tabs[(i + step + tabs.length) % tabs.length]);
      if (event.key === "Home") selectTab(tabs[0]);
      if (event.key === "End") selectTab(tabs[tabs.length - 1]);
    });
  });
}

// ------------------------------------------------------------- results

function table(columns, rows, rowClass) {
  const head = el("tr", {}, ...columns.map((c) => el("th", { scope: "col" }, c)));
  const body = rows.map((row, i) =>
    el("tr", { class: rowClass ? rowClass(row, i) : "" },
      ...row.map((cell) => el("td", { class: cell === false ? "false" : "" }, format(cell)))));
  return el("div", { class: "table-wrap" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body)));
}

function format(cell) {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : cell.toPrecision(4);
  return String(cell);
}

function verdictBox(checked) {
  const row = checked.rows[0];
  const at = (name) => row[checked.columns.indexOf(name)];
  const consistent = at("consistency");
  const klass = consistent === true ? "consistent" : consistent === false ? "inconsistent" : "";
  const words = consistent === true ? "Consistent" : consistent === false ? "Inconsistent" : "Not decided";
  const test = at("test");
  return el("div", { class: "verdict " + klass, role: "status" },
    el("strong", {}, `${words}${test ? " (" + test + ")" : ""}`), el("p", {}, at("reason")));
}

function download(blob, filename) {
  const link = el("a", { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

// ------------------------------------------------------------- jobs

function startJob(name, promise, render) {
  const box = $("job-" + name);
  const bar = el("progress", { "aria-label": "Progress" });
  const label = el("span", {}, "Starting…");
  const cancel = el("button", { type: "button" }, "Cancel");
  box.replaceChildren(bar, label, cancel);
  box.hidden = false;
  show("result-" + name);
  let id = null;
  let stopped = false;
  cancel.addEventListener("click", async () => {
    stopped = true;
    if (id) await request(`/api/jobs/${id}`, { method: "DELETE" }).catch(() => {});
  });
  const finish = (node) => {
    box.hidden = true;
    if (id) running.delete(id);
    show("result-" + name, node);
  };
  promise.then(async (job) => {
    id = job.id;
    running.add(id);
    if (stopped) await request(`/api/jobs/${id}`, { method: "DELETE" });
    for (;;) {
      const status = await request(`/api/jobs/${id}`);
      const { done, total } = status.progress;
      if (total > 0) { bar.max = total; bar.value = done; } else bar.removeAttribute("value");
      const seconds = Math.round(status.elapsed_seconds);
      label.textContent = status.state === "queued" ? "Waiting for a free worker…"
        : total > 0 ? `${done} of ${total} done, ${seconds} s` : `Working, ${seconds} s`;
      if (status.state === "done") return finish(render(status.result, status));
      if (status.state === "failed") return finish(failure(status.error));
      if (status.state === "cancelled") return finish(el("div", { class: "verdict", role: "status" }, "Cancelled."));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }).catch((error) => finish(failure(error)));
}

window.addEventListener("pagehide", () => {
  for (const id of running) fetch(`/api/jobs/${id}`, { method: "DELETE", keepalive: true });
});

// ------------------------------------------------------------- SVG

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function histogram(labels, counts, title) {
  const width = 240, height = 140, pad = 18;
  const top = Math.max(1, ...counts);
  const step = (width - 2 * pad) / counts.length;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "histogram" });
  counts.forEach((count, i) => {
    const h = (count / top) * (height - 2 * pad);
    chart.append(svg("rect", { class: "bar", x: pad + i * step + 1, y: height - pad - h, width: Math.max(1, step - 2), height: h }));
    if (labels[i] !== "" && (counts.length <= 21 || i % Math.ceil(counts.length / 10) === 0)) {
      const text = svg("text", { x: pad + (i + 0.5) * step, y: height - 4, "text-anchor": "middle" });
      text.textContent = labels[i];
      chart.append(text);
    }
  });
  chart.append(svg("line", { x1: pad, x2: width - pad, y1: height - pad, y2: height - pad, stroke: "#999" }));
  return chart;
}

// ------------------------------------------------------------- one case

function oneCase(name, path, build) {
  $("form-" + name).addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const checked = await postJson(path, build(fields(event.target)));
      show("result-" + name, verdictBox(checked));
    } catch (error) {
      show("result-" + name, failure(error));
    }
  });
}

function setUpForms() {
  oneCase("grim", "/api/grim", (f) => ({
    x: f.x, n: f.n, items: f.items || "1", settings: settings({ percent: f.percent }),
  }));
  oneCase("grimmer", "/api/grimmer", (f) => {
    const extra = {};
    if (f.scale_min !== undefined) extra.scale_min = Number(f.scale_min);
    if (f.scale_max !== undefined) extra.scale_max = Number(f.scale_max);
    return { x: f.x, sd: f.sd, n: f.n, items: f.items || "1", settings: settings(extra) };
  });
  oneCase("debit", "/api/debit", (f) => ({ x: f.x, sd: f.sd, n: f.n, settings: settings() }));
  oneCase("p", "/api/p", (f) => {
    const s = settings({ one_tailed: f.one_tailed });
    delete s.compat;
    return { result: f.result, settings: s };
  });
}

// ------------------------------------------------------------- CLOSURE, SPRITE

function caseOf(f) {
  const c = {
    mean: f.mean, sd: f.sd, n: f.n, min: f.min, max: f.max,
    rounding: $("opt-rounding").value, threshold: Number($("opt-threshold").value) || 5,
  };
  if (f.items) c.items = f.items;
  return c;
}

function renderClosure(result, status) {
  const parts = [];
  const count = result.count;
  const summary = count === null
    ? `Too many samples to count exactly (${result.count_estimate ? result.count_estimate.text : "no estimate"}, estimated). The ranges and extremes below are still exact; the mean occurrences are estimated from uniform draws.`
    : count === "0" ? "No sample has this mean and SD: the report is impossible as stated."
    : `${BigInt(count).toLocaleString("en")} possible samples.`;
  parts.push(el("div", { class: "verdict " + (count === "0" ? "inconsistent" : "consistent"), role: "status" },
    el("strong", { "data-count": count ?? "" }, summary)));
  if (result.values.length && count !== "0") {
    parts.push(el("h3", {}, "How often each answer occurs"));
    parts.push(table(["value", "fewest", "most", "on average"],
      result.values.map((v) => [v.value, v.min, v.max, v.mean_error > 0 ? `${v.mean.toFixed(2)} ± ${v.mean_error.toFixed(2)}` : v.mean.toFixed(2)])));
  }
  if (result.horns_min && result.horns_max) {
    parts.push(el("p", {}, `Horns index from ${result.horns_min.index.toFixed(3)} to ${result.horns_max.index.toFixed(3)}.`));
  }
  const horns = result.horns.values;
  if (horns.length) {
    // Bins over the range the samples span, which is often narrow.
    const low = Math.min(...horns), high = Math.max(...horns);
    const bins = high > low ? 20 : 1, width = (high - low) / bins || 1;
    const counts = new Array(bins).fill(0);
    for (const h of horns) counts[Math.min(bins - 1, Math.floor((h - low) / width))] += 1;
    const labels = counts.map((_, i) => (i % 5 === 0 ? (low + i * width).toFixed(3) : ""));
    const source = result.horns.source === "all" ? `all ${horns.length} samples` : `${horns.length} uniform draws`;
    parts.push(el("figure", { class: "wide-chart" }, histogram(labels, counts, "Histogram of the horns index"),
      el("figcaption", {}, `Horns index over ${source}, from ${low.toFixed(3)} to ${high.toFixed(3)}.`)));
  }
  if (result.samples && result.samples.length) {
    const shown = result.samples.slice(0, 20);
    const all = count === null ? shown.length : Number(count);
    parts.push(el("h3", {}, `The samples (counts of each value)${all > shown.length ? `: the first ${shown.length} of ${all}` : ""}`));
    parts.push(table(result.scale.map(String), shown));
    if (status.downloads && status.downloads.includes("samples")) {
      parts.push(el("div", { class: "actions" },
        el("a", { href: `/api/jobs/${status.id}/download/samples`, download: "closure-samples.csv" }, "Download every sample (CSV)")));
    }
  } else if (count !== "0") {
    parts.push(el("p", {}, `The samples are too many to list here (over ${result.max_listed.toLocaleString("en")}); the ferrox command line writes any number of them to a file.`));
  }
  return el("div", {}, ...parts);
}

function renderSprite(result, status) {
  const labels = result.scale.map(String);
  const grid = el("div", { class: "histograms" }, ...result.samples.map((counts, i) =>
    el("figure", {}, histogram(labels, counts, `Sample ${i + 1}`), el("figcaption", {}, `Sample ${i + 1}`))));
  const possible = result.possible ? ` of ${BigInt(result.possible).toLocaleString("en")} possible` : "";
  return el("div", {},
    el("div", { class: "verdict consistent", role: "status" },
      el("strong", {}, `${result.samples.length} samples${possible}, drawn ${result.method === "uniform" ? "exactly uniformly" : "by " + result.method}, seed ${result.seed}.`)),
    grid,
    el("div", { class: "actions" },
      el("a", { href: `/api/jobs/${status.id}/download/samples`, download: "sprite-samples.csv" }, "Download the samples (CSV)")));
}

function pairs(text) {
  if (!text) return [];
  return text.split(",").map((pair) => {
    const [value, count] = pair.split("=").map((s) => Number(s.trim()));
    if (!Number.isFinite(value) || !Number.isFinite(count)) throw new Error(`"${pair.trim()}" is not value=count, as in 7=0`);
    return [value, count];
  });
}

function setUpJobs() {
  $("form-closure").addEventListener("submit", (event) => {
    event.preventDefault();
    startJob("closure", postJson("/api/closure", caseOf(fields(event.target))), renderClosure);
  });
  $("form-sprite").addEventListener("submit", (event) => {
    event.preventDefault();
    const f = fields(event.target);
    let body;
    try {
      body = {
        case: caseOf(f), samples: Number(f.samples || 12),
        exact: pairs(f.exact), at_least: pairs(f.at_least), range: f.range,
      };
      if (f.seed !== undefined) body.seed = Number(f.seed);
    } catch (error) {
      return show("result-sprite", failure(error));
    }
    startJob("sprite", postJson("/api/sprite", body), renderSprite);
  });
}

// ------------------------------------------------------------- papers

function place(f) {
  return [["page", f.page], ["paragraph", f.paragraph], ["table", f.table], ["row", f.row], ["column", f.column]]
    .filter(([, v]) => v !== "").map(([k, v]) => `${k} ${v}`).join(", ");
}

function renderScan(result, status) {
  const s = result.summary;
  const inconsistent = s.tests.reduce((sum, t) => sum + t.inconsistent, 0);
  const guessed = s.tests.reduce((sum, t) => sum + t.guessed, 0);
  const head = el("div", { class: "verdict " + (inconsistent ? "inconsistent" : "consistent"), role: "status" },
    el("strong", { id: "scan-headline" }, `${s.checked} findings in ${s.files} file(s): ${inconsistent} inconsistent, ${guessed} inconsistent with a guessed n.`),
    s.unreadable ? el("p", {}, `${s.unreadable} file(s) could not be read.`) : null);
  const counts = table(["test", "checked", "inconsistent", "inconsistent (guessed n)", "not checked"],
    s.tests.map((t) => [t.test, t.checked, t.inconsistent, t.guessed, t.unchecked]));
  const kinds = [...new Set(result.findings.map((f) => f.test).filter(Boolean))];
  const kind = el("select", { id: "filter-test" }, el("option", { value: "" }, "all"), ...kinds.map((k) => el("option", { value: k }, k)));
  const verdict = el("select", { id: "filter-status" }, el("option", { value: "" }, "all"),
    ...["inconsistent", "guessed", "consistent", "unchecked"].map((v) => el("option", { value: v }, v)));
  const list = el("div", { id: "findings" });
  const draw = () => {
    const shown = result.findings.filter((f) => (!kind.value || f.test === kind.value) && (!verdict.value || f.status === verdict.value));
    list.replaceChildren(...shown.map((f) => el("article", { class: "finding " + f.status, "data-found": f.found },
      el("strong", {}, f.error ? `Could not read ${f.file}: ${f.error}` : `${f.found} (${f.test}): ${f.verdict}`),
      el("p", {}, f.snippet),
      f.reason ? el("p", {}, f.reason) : null,
      f.consistent_values ? el("p", {}, `Consistent values: ${f.consistent_values}`) : null,
      el("p", { class: "meta" }, [f.file, place(f), f.n ? `n = ${f.n} (${f.n_source}; ${f.confidence})` : ""].filter(Boolean).join(" · ")))));
    if (!shown.length) list.append(el("p", {}, "No findings match these filters."));
  };
  kind.addEventListener("change", draw);
  verdict.addEventListener("change", draw);
  draw();
  const links = ["html", "csv", "json"].map((key) => el("a", { href: `/api/jobs/${status.id}/download/${key}`, download: `ferrox-scan.${key}` },
    { html: "Download the report (HTML)", csv: "Download the findings (CSV)", json: "Download the findings (JSON)" }[key]));
  return el("div", {}, head, counts, el("div", { class: "actions" }, ...links),
    el("div", { class: "filters" }, el("label", {}, "Test ", kind), el("label", {}, "Verdict ", verdict)), list);
}

function setUpScan() {
  const drop = $("drop");
  const input = $("scan-files");
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    input.files = event.dataTransfer.files;
  });
  $("form-scan").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData();
    for (const file of input.files) form.append("file", file, file.name);
    if ($("scan-text").value.trim()) form.append("text", $("scan-text").value);
    startJob("scan", request("/api/scan", { method: "POST", body: form }), renderScan);
  });
}

// ------------------------------------------------------------- tables

const FIELDS = [
  ["x", "Mean (or share, or percentage)"], ["sd", "SD"], ["n", "Sample size"], ["items", "Items per score"],
  ["binary", "Yes/no data (TRUE/FALSE)"], ["result", "APA result"], ["test", "Test (t, F, chi2, r, z)"],
  ["value", "Test statistic"], ["df1", "Degrees of freedom"], ["df2", "Second df (F)"], ["p", "Reported p"],
];
const GUESSES = {
  x: /^(x|m|mean|means|average|percent|%)$/i, sd: /^(sd|s\.d\.|std|standard deviation)$/i, n: /^(n|size|sample size)$/i,
  items: /^items?$/i, binary: /^binary$/i, result: /^(result|apa)$/i, test: /^test$/i,
  value: /^(value|statistic|stat)$/i, df1: /^(df|df1)$/i, df2: /^df2$/i, p: /^(p|p-value|p value)$/i,
};

function header(text) {
  const line = text.split(/\r?\n/)[0] || "";
  const sep = line.includes("\t") && !line.includes(",") ? "\t" : ",";
  return line.split(sep).map((h) => h.trim().replace(/^"|"$/g, ""));
}

function setUpTable() {
  $("table-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) { $("table-text").value = await file.text(); readColumns(); }
  });
  $("table-read").addEventListener("click", readColumns);
  $("form-table").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const checked = await postJson("/api/table", tableRequest());
      const at = checked.columns.indexOf("consistency");
      const save = el("button", { type: "button", id: "table-download" }, "Download the table with verdicts (CSV)");
      save.addEventListener("click", async () => {
        try {
          download(await postJson("/api/table", Object.assign(tableRequest(), { format: "csv" })), "ferrox-table.csv");
        } catch (error) { show("result-table", failure(error)); }
      });
      show("result-table",
        el("div", { class: "verdict " + (checked.inconsistent ? "inconsistent" : "consistent"), role: "status" },
          el("strong", { id: "table-headline" }, `${checked.inconsistent} of ${checked.total} rows inconsistent.`)),
        el("div", { class: "actions" }, save),
        table(checked.columns, checked.rows, (row) => (row[at] === false ? "inconsistent" : "")));
    } catch (error) {
      show("result-table", failure(error));
    }
  });
}

function readColumns() {
  const columns = header($("table-text").value);
  if (!columns[0]) return show("result-table", failure(new Error("Paste a table with a header row first.")));
  const selects = FIELDS.map(([field, label]) => {
    const guess = columns.find((c) => GUESSES[field].test(c)) || "";
    const select = el("select", { "data-field": field, id: "column-" + field },
      el("option", { value: "" }, "(none)"), ...columns.map((c) => el("option", { value: c }, c)));
    select.value = guess;
    return el("label", {}, label, select);
  });
  $("table-selects").replaceChildren(...selects);
  $("table-columns").hidden = false;
  $("table-check").hidden = false;
  show("result-table");
}

function tableRequest() {
  const columns = {};
  for (const select of document.querySelectorAll("#table-selects select")) {
    if (select.value) columns[select.dataset.field] = select.value;
  }
  const s = settings({ binary: $("table-binary").checked, percent: $("table-percent").checked });
  if (columns.result || columns.test) { delete s.compat; delete s.binary; delete s.percent; }
  return { csv: $("table-text").value, columns, settings: s };
}

// ------------------------------------------------------------- start

document.addEventListener("DOMContentLoaded", () => {
  setUpTabs();
  setUpForms();
  setUpJobs();
  setUpScan();
  setUpTable();
  request("/api/limits").then((limits) => { $("version").textContent = limits.version; }).catch(() => {});
});

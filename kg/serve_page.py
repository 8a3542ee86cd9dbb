"""The query page of `kg serve`: the saved questions as a menu with their parameters, the ckg:/ckgr:
prefixes preset, answers shown as plain values. One page and one script from this server, no request
to any other machine (its Content-Security-Policy forbids them)."""

from __future__ import annotations

from kg.vocab import PREFIXES

DEFAULT_QUERY = "\n".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in ("ckg", "ckgr", "rdfs")) + """

SELECT ?class (COUNT(?node) AS ?n) WHERE { ?node a ?class } GROUP BY ?class ORDER BY DESC(?n)
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conflict-kg SPARQL</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
textarea { width: 100%; height: 14em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
th { background: #f3f3f3; } #error { color: #b00; white-space: pre-wrap; } .param { margin: 0.3em 0; }
#question { color: #555; font-style: italic; }
</style></head><body>
<h1>conflict-kg SPARQL</h1>
<p><label>Saved question: <select id="saved"><option value="">(write your own)</option></select></label></p>
<p id="question"></p>
<div id="params"></div>
<textarea id="sparql" spellcheck="false">__QUERY__</textarea>
<p><button id="run">Run</button> <span id="status"></span></p>
<div id="error"></div>
<div id="results"></div>
<script src="/page.js"></script>
</body></html>
""".replace("__QUERY__", DEFAULT_QUERY.replace("&", "&amp;").replace("<", "&lt;"))

SCRIPT = r"""
"use strict";
const $ = (id) => document.getElementById(id);
let saved = [];

function text(tag, value) { const el = document.createElement(tag); el.textContent = value; return el; }

function plain(term) {  // plain values, never "4"^^<...#integer>
  return term === undefined ? "" : term.value;
}

function show(data) {
  const out = $("results"); out.replaceChildren();
  if (data.boolean !== undefined) { out.append(text("p", String(data.boolean))); return; }
  const vars = data.head.vars, rows = data.results.bindings;
  const table = document.createElement("table"), head = document.createElement("tr");
  vars.forEach((v) => head.append(text("th", v)));
  table.append(head);
  rows.forEach((row) => {
    const tr = document.createElement("tr");
    vars.forEach((v) => tr.append(text("td", plain(row[v]))));
    table.append(tr);
  });
  out.append(table, text("p", rows.length + (rows.length === 1 ? " row" : " rows")));
}

async function run() {
  $("error").textContent = ""; $("status").textContent = "running...";
  const choice = saved.find((q) => q.name === $("saved").value);
  let response;
  const accept = { Accept: "application/sparql-results+json" };
  if (choice && $("sparql").value === choice.text) {  // a saved question: the server binds its parameters
    const args = new URLSearchParams({ name: choice.name });
    choice.params.forEach((p) => args.set(p.name, $("param-" + p.name).value));
    response = await fetch("/saved?" + args, { headers: accept });
  } else {
    response = await fetch("/query", { method: "POST", headers: { ...accept,
      "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ query: $("sparql").value }) });
  }
  $("status").textContent = "";
  if (!response.ok) { $("error").textContent = await response.text(); $("results").replaceChildren(); return; }
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) show(await response.json());
  else { $("results").replaceChildren(text("pre", await response.text())); }
}

function choose() {
  const choice = saved.find((q) => q.name === $("saved").value);
  $("params").replaceChildren();
  $("question").textContent = choice ? choice.question : "";
  if (!choice) return;
  $("sparql").value = choice.text;
  choice.params.forEach((p) => {
    const label = text("label", p.name + " "), input = document.createElement("input");
    input.id = "param-" + p.name; input.placeholder = p.description;
    label.append(input);
    const div = document.createElement("div"); div.className = "param"; div.append(label);
    $("params").append(div);
  });
}

fetch("/saved-queries").then((r) => r.json()).then((list) => {
  saved = list;
  list.forEach((q) => { const o = text("option", q.name + " - " + (q.title || q.question)); o.value = q.name;
    $("saved").append(o); });
});
$("saved").addEventListener("change", choose);
$("run").addEventListener("click", run);
"""

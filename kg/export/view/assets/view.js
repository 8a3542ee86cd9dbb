"use strict";
// conflict-kg graph view: reads its data from the JSON block, draws with vis-network, places labels itself
// (by importance, never overlapping), and builds every panel with textContent (no article text is markup).
(function () {
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgTimings = { parsed: performance.now() };
  // anchors and edges come as node indices, sources as [article index, evidence]: resolve them once
  DATA.nodes.forEach(n => { n.anchor = n.anchor === null ? null : DATA.nodes[n.anchor].id; });
  DATA.edges = DATA.edges.map(e => ({ from: DATA.nodes[e[0]].id, to: DATA.nodes[e[1]].id, label: e[2] }));
  const byId = new Map(DATA.nodes.map(n => [n.id, n]));
  const FONT = "12px system-ui, sans-serif", LINE = 16, MAX_LABELS = 40, LABEL_CHARS = 50, HUBS = 3;
  const FADED = "#e6e6e6", EDGE = "#b8b8b8", EDGE_FOCUS = "#555555";
  const DATED = new Set(["events", "proposals", "statements"]);
  const GROUP_NAME = Object.fromEntries(DATA.legend.map(g => [g.key, g.name]));
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const importance = DATA.nodes.slice().sort((a, b) => b.weight - a.weight || cmp(a.label, b.label)).map(n => n.id);
  const incident = new Map(DATA.nodes.map(n => [n.id, []]));
  DATA.edges.forEach((e, i) => { incident.get(e.from).push(i); incident.get(e.to).push(i); });
  const members = new Map();
  DATA.nodes.forEach(n => { if (n.anchor) { (members.get(n.anchor) || members.set(n.anchor, []).get(n.anchor)).push(n.id); } });
  const quotes = id => (members.get(id) || []).filter(m => byId.get(m).cls === "Statement");

  const state = { hiddenCls: new Set(), expanded: new Set(), forced: new Set(), range: null, focus: null, alone: false,
                  neighbours: null, crumbs: [], shown: new Set() };
  DATA.legend.forEach(g => g.classes.forEach(c => { if (g.key === "statements" || c.cls === "Commitment") state.hiddenCls.add(c.cls); }));

  // ---------------------------------------------------------------- dates
  function dayRange(date) {
    if (!date) return null;
    const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
    if (!m) return null;
    const y = +m[1], mo = m[2] ? +m[2] - 1 : null, d = m[3] ? +m[3] : null;
    const start = Date.UTC(y, mo === null ? 0 : mo, d === null ? 1 : d);
    const end = d !== null ? start : mo !== null ? Date.UTC(y, mo + 1, 1) - 864e5 : Date.UTC(y + 1, 0, 1) - 864e5;
    return [start / 864e5, end / 864e5];
  }
  const iso = day => new Date(day * 864e5).toISOString().slice(0, 10);
  function inRange(n) {
    if (!state.range || !DATED.has(n.group)) return true;
    const r = dayRange(n.date);
    return r !== null && r[1] >= state.range[0] && r[0] <= state.range[1];
  }

  // ---------------------------------------------------------------- data sets and network
  const baseColour = n => ({ background: n.colour, border: n.colour, highlight: { background: n.colour, border: "#111" },
                             hover: { background: n.colour, border: "#111" } });
  const fadedColour = { background: FADED, border: FADED, highlight: { background: FADED, border: "#999" },
                        hover: { background: FADED, border: "#999" } };
  const tooltip = n => n.label + "\n" + n.cls + (n.articles ? " \u00b7 " + n.articles + " article" + (n.articles > 1 ? "s" : "") : "");
  const nodes = new vis.DataSet(DATA.nodes.map(n => ({ id: n.id, x: n.x, y: n.y, size: n.size, shape: "dot",
                                                       color: baseColour(n), title: tooltip(n), cls: n.cls })));
  const edges = new vis.DataSet(DATA.edges.map((e, i) => ({ id: i, from: e.from, to: e.to, title: e.label })));
  function visible(n) {
    if (state.forced.has(n.id)) return true;
    const shown = !state.hiddenCls.has(n.cls) || (n.anchor !== null && state.expanded.has(n.anchor));
    return shown && (state.alone || !n.alone) && inRange(n);
  }
  const view = new vis.DataView(nodes, { filter: item => visible(byId.get(item.id)) });
  // edges of hidden nodes are not even built: the network only ever holds what can be drawn
  let shownNow = new Set(DATA.nodes.filter(visible).map(n => n.id));
  const edgeView = new vis.DataView(edges, { filter: e => shownNow.has(e.from) && shownNow.has(e.to) });
  const container = document.getElementById("graph");
  const big = DATA.nodes.length > 2000;
  const network = new vis.Network(container, { nodes: view, edges: edgeView }, {
    physics: { enabled: false }, layout: { improvedLayout: false },
    interaction: { hover: !big, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    nodes: { shape: "dot", borderWidth: 1, font: { size: 0 } },
    edges: { color: { color: EDGE, highlight: EDGE_FOCUS, hover: EDGE_FOCUS }, width: 0.7, smooth: false, selectionWidth: 1,
             arrows: { to: { enabled: true, scaleFactor: 0.35 } }, font: { size: 10, align: "middle", strokeWidth: 3 } }
  });
  function refresh() {
    view.refresh();
    state.shown = new Set(view.getIds());
    shownNow = state.shown;
    edgeView.refresh();
    legendCounts();
    drawTimeline();
  }

  // ---------------------------------------------------------------- labels by importance, never overlapping
  const measurer = document.createElement("canvas").getContext("2d");
  measurer.font = FONT;
  const widths = new Map();
  function labelText(n) {
    let text = n.label;
    if (text.length > LABEL_CHARS) {  // cut the name, keep the date
      const date = /, -?\d{4}(?:-\d\d){0,2}$/.exec(text), tail = date ? date[0] : "";
      text = text.slice(0, LABEL_CHARS - 1 - tail.length).replace(/[\s,;:\u2013-]+$/, "") + "\u2026" + tail;
    }
    const q = quotes(n.id).length;
    if (q && !state.expanded.has(n.id)) text += " \u00b7 " + q + (q > 1 ? " quotes" : " quote");
    return text;
  }
  function textWidth(text) {
    if (!widths.has(text)) widths.set(text, measurer.measureText(text).width);
    return widths.get(text);
  }
  const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  function candidates() {
    if (!state.neighbours) return importance;
    const near = importance.filter(id => state.neighbours.has(id) && id !== state.focus);
    return [state.focus].concat(near);
  }
  function placeLabels() {
    const scale = network.getScale(), vp = network.getViewPosition();
    const W = container.clientWidth, H = container.clientHeight;
    const ids = candidates().filter(id => state.shown.has(id));
    const pos = network.getPositions(ids);
    const placed = [], discs = [];
    for (const id of ids) {  // the biggest discs on screen: a label may not cover them either
      if (discs.length >= 300) break;
      const n = byId.get(id), p = pos[id], r = n.size * scale;
      const sx = (p.x - vp.x) * scale + W / 2, sy = (p.y - vp.y) * scale + H / 2;
      if (r >= 5 && sx > -r && sy > -r && sx < W + r && sy < H + r) discs.push({ id: id, x: sx - r, y: sy - r, w: 2 * r, h: 2 * r });
    }
    ids.forEach((id, rank) => {
      if (placed.length >= MAX_LABELS) return;
      const n = byId.get(id), p = pos[id];
      const sx = (p.x - vp.x) * scale + W / 2, sy = (p.y - vp.y) * scale + H / 2;
      const text = labelText(n), w = textWidth(text) + 8;
      // below the disc; else, for the few biggest hubs, just under the centre, over their own disc, and
      // over small neighbours' discs if need be: a hub is named at first sight however crowded it is
      const tries = [[n.size * scale + 2, true]].concat(rank < HUBS ? [[2, true], [2, false]] : []);
      for (const [dy, avoidDiscs] of tries) {
        const box = { x: sx - w / 2, y: sy + dy, w: w, h: LINE };
        if (box.x < 0 || box.y < 0 || box.x + w > W || box.y + LINE > H) continue;
        if (placed.some(b => overlaps(b, box))) continue;
        if (avoidDiscs && discs.some(d => d.id !== id && overlaps(d, box))) continue;
        placed.push(Object.assign(box, { id: id, text: text, nx: sx, ny: sy, r: n.size * scale }));
        return;
      }
    });
    return placed;
  }
  function drawLabels(ctx) {
    const placed = placeLabels();
    const ratio = ctx.canvas.width / ctx.canvas.clientWidth;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    for (const b of placed) {
      ctx.fillStyle = "rgba(255,255,255,0.85)";
      ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.fillStyle = b.id === state.focus ? "#000" : "#222";
      ctx.fillText(b.text, b.x + 4, b.y + b.h / 2);
    }
    ctx.restore();
    window.kgLabels = placed;
  }
  network.on("afterDrawing", ctx => {
    drawLabels(ctx);
    if (window.kgFirstDraw === undefined) window.kgFirstDraw = performance.now();
  });

  // ---------------------------------------------------------------- focus, panel, breadcrumbs
  function recolour() {
    const nb = state.neighbours;
    nodes.update(DATA.nodes.map(n => ({ id: n.id, color: !nb || nb.has(n.id) ? baseColour(n) : fadedColour })));
    edges.update(DATA.edges.map((e, i) => {
      const on = nb && (e.from === state.focus || e.to === state.focus);
      return { id: i, label: on ? e.label : undefined, width: on ? 1.4 : 0.7,
               color: { color: !nb ? EDGE : on ? EDGE_FOCUS : FADED } };
    }));
  }
  function focusNode(id, mode) {
    const n = byId.get(id);
    if (!n) return;
    if (!state.shown.has(id)) { state.forced.add(id); refresh(); }
    state.focus = id;
    state.neighbours = new Set([id].concat(network.getConnectedNodes(id)).filter(x => state.shown.has(x)));
    recolour();
    network.selectNodes([id]);
    network.fit({ nodes: Array.from(state.neighbours), animation: false, maxZoomLevel: 1.6 });
    if (mode !== "keep") {
      const at = state.crumbs.indexOf(id);
      state.crumbs = at >= 0 ? state.crumbs.slice(0, at + 1) : state.crumbs.concat([id]);
    }
    renderCrumbs();
    showPanel(id);
  }
  function clearFocus() {
    state.focus = null;
    state.neighbours = null;
    state.crumbs = [];
    state.forced.clear();
    refresh();
    recolour();
    network.unselectAll();
    renderCrumbs();
    const panel = document.getElementById("panel");
    panel.replaceChildren(el("p", { className: "hint" }, "Click a node to see its sources and facts."));
  }
  network.on("click", p => {
    if (p.nodes.length) focusNode(p.nodes[0]);
    else if (!p.edges.length) clearFocus();
  });

  function el(tag, attrs) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null) return;
      if (k === "href") { if (/^https?:\/\//i.test(v)) { node.href = v; node.target = "_blank"; node.rel = "noopener noreferrer"; } }
      else if (k === "onclick") node.addEventListener("click", v);
      else if (k === "data") Object.assign(node.dataset, v);
      else node[k] = v;
    });
    for (const kid of Array.prototype.slice.call(arguments, 2)) {
      if (kid === null || kid === undefined || kid === false) continue;
      node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    }
    return node;
  }
  const link = (text, id) => el("span", { className: "fact", onclick: () => focusNode(id), data: { node: id } }, text);
  function factItems(id) {
    return (incident.get(id) || []).map(i => DATA.edges[i]).map(e => {
      const out = e.from === id, other = byId.get(out ? e.to : e.from);
      return el("li", {}, out ? e.label + " " : "", link(other.label, other.id), out ? "" : " \u2014 " + e.label);
    });
  }
  function sourceItem(pair) {
    const s = DATA.articles[pair[0]], evidence = pair[1];
    const meta = [s.outlet, s.date].filter(Boolean).join(", ");
    return el("li", { className: "source" }, el("a", { href: s.url }, s.title), meta ? el("span", { className: "muted" }, " \u2014 " + meta) : null,
              ...evidence.map(ev => el("blockquote", {}, "\u201c" + ev + "\u201d")));
  }
  function commitmentItems(id) {
    return (members.get(id) || []).map(m => byId.get(m)).filter(m => m.cls === "Commitment").map(m => {
      const targets = (incident.get(m.id) || []).map(i => DATA.edges[i]).filter(e => e.from === m.id && e.label === "concerns")
        .map(e => byId.get(e.to).label);
      return el("li", {}, link(m.label, m.id), targets.length ? ": " + targets.join(", ") : "");
    });
  }
  function statusItems(n) {
    const items = [];
    if (n.details.status) items.push(el("li", {}, n.details.status + (n.date ? " (reported " + n.date + ")" : "")));
    (incident.get(n.id) || []).map(i => DATA.edges[i]).filter(e => e.to === n.id && e.label === "concerns proposal")
      .map(e => byId.get(e.from)).sort((a, b) => cmp(a.date || "", b.date || ""))
      .forEach(v => items.push(el("li", {}, (v.date || "undated") + ": ", link(v.label, v.id))));
    return items;
  }
  function section(title, items, listTag) {
    return items.length ? [el("h3", {}, title + " (" + items.length + ")"), el(listTag || "ul", {}, ...items)] : [];
  }
  function showPanel(id) {
    const n = byId.get(id);
    const d = n.details, q = quotes(id);
    const rows = [["type", n.cls + " (" + (GROUP_NAME[n.group] || n.group) + ")"], ["date", n.date],
                  ["aliases", n.aliases.join(", ")], ["role", d.role], ["location", d.location], ["quote", d.quote],
                  ["refrains from", d.refrainsFrom], ["duration", d.duration], ["condition", d.condition], ["until", d.endDate]]
      .filter(r => r[1]);
    if (n.rdfs_label && n.label !== n.rdfs_label && n.cls !== "Statement") rows.push(["in the text", n.rdfs_label]);
    const info = el("ul", {}, ...rows.map(r => el("li", {}, el("b", {}, r[0] + ": "), r[1])));
    if (n.wikidata) info.appendChild(el("li", {}, el("b", {}, "Wikidata: "), el("a", { href: n.wikidata.replace("http://www.wikidata.org/entity/", "https://www.wikidata.org/wiki/") }, n.wikidata.split("/").pop())));
    const parts = [el("h2", {}, n.label), info];
    if (q.length) {
      const open = state.expanded.has(id);
      parts.push(el("button", { type: "button", id: "expand", onclick: () => { open ? state.expanded.delete(id) : state.expanded.add(id); refresh(); focusNode(id, "keep"); } },
                    (open ? "Fold " : "Show ") + q.length + (q.length > 1 ? " quotes" : " quote") + " in the graph"));
    }
    if (n.cls === "Proposal") {
      parts.push(...section("Commitments", commitmentItems(id)));
      parts.push(...section("Status and violations", statusItems(n)));
    }
    parts.push(...section("Quotes", q.map(s => el("li", {}, link(byId.get(s).details.quote || byId.get(s).label, s), " ", el("span", { className: "muted" }, byId.get(s).date || "")))));
    parts.push(...section("Facts", factItems(id)));
    parts.push(...section("Sources", n.sources.map(sourceItem), "ol"));
    document.getElementById("panel").replaceChildren(...parts);
  }
  function renderCrumbs() {
    const nav = document.getElementById("crumbs");
    const items = [];
    if (state.crumbs.length) items.push(el("a", { onclick: clearFocus }, "Overview"));
    state.crumbs.forEach((id, i) => {
      items.push(el("span", { className: "sep" }, "\u203a"));
      items.push(i === state.crumbs.length - 1 ? el("b", {}, byId.get(id).label) : el("a", { onclick: () => focusNode(id) }, byId.get(id).label));
    });
    nav.replaceChildren(...items);
  }

  // ---------------------------------------------------------------- legend: groups, classes nested
  const counts = {};
  DATA.nodes.forEach(n => { counts[n.cls] = (counts[n.cls] || 0) + 1; });
  function legendCounts() {
    document.querySelectorAll("input[data-group]").forEach(box => {
      const classes = DATA.legend.find(g => g.key === box.dataset.group).classes.map(c => c.cls);
      const on = classes.filter(c => !state.hiddenCls.has(c)).length;
      box.checked = on === classes.length;
      box.indeterminate = on > 0 && on < classes.length;
    });
    document.querySelectorAll("input[data-cls]").forEach(box => { box.checked = !state.hiddenCls.has(box.dataset.cls); });
  }
  function buildLegend() {
    const root = document.getElementById("legend");
    DATA.legend.forEach(g => {
      const box = el("input", { type: "checkbox", data: { group: g.key } });
      box.addEventListener("change", () => { g.classes.forEach(c => box.checked ? state.hiddenCls.delete(c.cls) : state.hiddenCls.add(c.cls)); refresh(); });
      const total = g.classes.reduce((s, c) => s + counts[c.cls], 0);
      const classes = g.classes.map(c => {
        const cb = el("input", { type: "checkbox", data: { cls: c.cls } });
        cb.addEventListener("change", () => { cb.checked ? state.hiddenCls.delete(c.cls) : state.hiddenCls.add(c.cls); refresh(); });
        const dot = el("span", { className: "dot" });
        dot.style.background = c.colour;
        return el("label", {}, cb, dot, c.cls + " (" + counts[c.cls] + ")");
      });
      const dot = el("span", { className: "dot" });
      dot.style.background = g.colour;
      root.appendChild(el("details", {}, el("summary", {}, box, dot, g.name + " (" + total + ")"), ...classes));
    });
    const alone = DATA.nodes.filter(n => n.alone).length;
    if (alone) {
      const cb = el("input", { type: "checkbox", id: "alone" });
      cb.addEventListener("change", () => { state.alone = cb.checked; refresh(); network.fit({ animation: false }); });
      root.appendChild(el("label", { className: "alone" }, cb, "Unconnected nodes (" + alone + ")"));
    }
  }

  // ---------------------------------------------------------------- search over labels and aliases
  const entries = [];
  DATA.nodes.forEach(n => {
    entries.push({ id: n.id, text: n.label.toLowerCase(), alias: false });
    if (n.rdfs_label && n.rdfs_label !== n.label) entries.push({ id: n.id, text: n.rdfs_label.toLowerCase(), alias: false });
    n.aliases.forEach(a => entries.push({ id: n.id, text: a.toLowerCase(), alias: true }));
  });
  const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const word = new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRe(q) + "($|[^\\p{L}\\p{N}])", "u");
    const best = new Map();
    for (const e of entries) {
      let score = e.text === q ? 0 : word.test(e.text) ? 2 : e.text.startsWith(q) ? 4 : e.text.includes(q) ? 6 : -1;
      if (score < 0) continue;
      score += e.alias ? 1 : 0;
      if (!best.has(e.id) || score < best.get(e.id)) best.set(e.id, score);
    }
    return Array.from(best.entries()).sort((a, b) => a[1] - b[1] || byId.get(b[0]).weight - byId.get(a[0]).weight ||
                                                    cmp(byId.get(a[0]).label, byId.get(b[0]).label)).map(x => x[0]);
  }
  const box = document.getElementById("search"), list = document.getElementById("results");
  let hits = [];
  box.addEventListener("input", () => {
    hits = search(box.value);
    list.replaceChildren(...hits.slice(0, 8).map((id, i) => el("li", { className: i === 0 ? "active" : "", role: "option",
      data: { node: id }, onclick: () => pick(id) }, byId.get(id).label, " ", el("small", {}, byId.get(id).cls))));
    document.getElementById("found").textContent = box.value.trim() ? hits.length + " found" : "";
  });
  box.addEventListener("keydown", e => { if (e.key === "Enter" && hits.length) pick(hits[0]); });
  function pick(id) { list.replaceChildren(); focusNode(id); }

  // ---------------------------------------------------------------- timeline strip with a brush
  const tl = document.getElementById("timeline"), tlc = document.getElementById("tl-canvas"), brush = document.getElementById("brush");
  const datedNodes = DATA.nodes.filter(n => (n.group === "events" || n.group === "proposals") && dayRange(n.date));
  const spans = datedNodes.map(n => dayRange(n.date));
  const starts = spans.map(s => s[0]).sort((a, b) => a - b);
  const quantile = q => starts[Math.min(starts.length - 1, Math.floor(q * starts.length))];
  // the strip spans the bulk of the dates (2nd to last); earlier outliers sit clamped at its left edge
  const domain = spans.length ? [quantile(0.02) - 5, Math.max(...spans.map(s => s[1])) + 5] : null;
  const PAD = 12;
  const toX = day => PAD + (day - domain[0]) / (domain[1] - domain[0]) * (tl.clientWidth - 2 * PAD);
  const toDay = x => domain[0] + (x - PAD) / (tl.clientWidth - 2 * PAD) * (domain[1] - domain[0]);
  function drawTimeline() {
    if (!domain) { tl.style.display = "none"; return; }
    const w = tl.clientWidth, h = tl.clientHeight;
    tlc.width = w; tlc.height = h;
    const c = tlc.getContext("2d");
    c.clearRect(0, 0, w, h);
    c.font = "10px system-ui, sans-serif";
    c.fillStyle = "#555"; c.strokeStyle = "#999";
    c.beginPath(); c.moveTo(PAD, h - 18); c.lineTo(w - PAD, h - 18); c.stroke();
    const first = new Date(domain[0] * 864e5), last = new Date(domain[1] * 864e5);
    const months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth();
    const step = months > 36 ? 12 : months > 12 ? 3 : 1;
    for (let m = 0; m <= months + 1; m++) {
      const y = first.getUTCFullYear() + Math.floor((first.getUTCMonth() + m) / 12), mo = (first.getUTCMonth() + m) % 12;
      if (mo % step) continue;
      const x = toX(Date.UTC(y, mo, 1) / 864e5);
      if (x < PAD || x > w - PAD) continue;
      c.beginPath(); c.moveTo(x, h - 18); c.lineTo(x, h - 13); c.stroke();
      c.fillText(mo === 0 || step === 12 ? String(y) : new Date(Date.UTC(y, mo, 1)).toISOString().slice(5, 7), x + 2, h - 4);
    }
    datedNodes.forEach((n, i) => {
      const s = spans[i], x0 = Math.max(PAD - 4, toX(s[0])), x1 = Math.max(toX(s[1]), x0 + 2), row = i % 4;
      c.fillStyle = inRange(n) ? n.colour : "#d0d0d0";
      c.fillRect(x0, 6 + row * 8, x1 - x0, 6);
    });
    if (state.range) {
      const a = toX(state.range[0]), b = toX(state.range[1]);
      Object.assign(brush.style, { display: "block", left: a + "px", width: Math.max(1, b - a) + "px" });
      const n = datedNodes.filter(inRange).length;
      document.getElementById("range").textContent = iso(state.range[0]) + " to " + iso(state.range[1]) + " \u00b7 " + n + " dated";
    } else {
      brush.style.display = "none";
      document.getElementById("range").textContent = "drag to filter by date";
    }
  }
  function setRange(from, to) {
    state.range = from === null ? null : [Math.min(from, to), Math.max(from, to)];
    refresh();
    if (state.focus && !state.shown.has(state.focus)) clearFocus();
  }
  let dragFrom = null;
  tl.addEventListener("mousedown", e => { dragFrom = e.offsetX; e.preventDefault(); });
  tl.addEventListener("mousemove", e => {
    if (dragFrom === null) return;
    const a = Math.min(dragFrom, e.offsetX), b = Math.max(dragFrom, e.offsetX);
    Object.assign(brush.style, { display: "block", left: a + "px", width: (b - a) + "px" });
  });
  window.addEventListener("mouseup", e => {
    if (dragFrom === null) return;
    const x = e.clientX - tl.getBoundingClientRect().left, from = dragFrom;
    dragFrom = null;
    if (Math.abs(x - from) < 4) setRange(null);
    else setRange(Math.round(toDay(from)), Math.round(toDay(x)));
  });

  // ---------------------------------------------------------------- export PNG and SVG
  function download(url, name) {
    const a = el("a", { download: name });
    a.setAttribute("href", url);
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.kgLastExport = { name: name, url: url };
    return url;
  }
  function exportPNG() {
    const src = container.querySelector("canvas");
    const c = document.createElement("canvas");
    c.width = src.width; c.height = src.height + 24;
    const x = c.getContext("2d");
    x.fillStyle = "#fff"; x.fillRect(0, 0, c.width, c.height);
    x.drawImage(src, 0, 0);
    x.fillStyle = "#333"; x.font = "12px system-ui, sans-serif";
    x.fillText(DATA.title + " \u2014 " + DATA.caption, 8, src.height + 16);
    return download(c.toDataURL("image/png"), "graph.png");
  }
  const xml = s => String(s).replace(/[&<>"']/g, ch => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" })[ch]);
  function exportSVG() {
    const W = container.clientWidth, H = container.clientHeight, scale = network.getScale(), vp = network.getViewPosition();
    const ids = Array.from(state.shown).sort(), pos = network.getPositions(ids);
    const at = id => [(pos[id].x - vp.x) * scale + W / 2, (pos[id].y - vp.y) * scale + H / 2];
    const nb = state.neighbours, out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + W + '" height="' + (H + 24) + '" viewBox="0 0 ' + W + " " + (H + 24) + '">');
    out.push('<rect width="100%" height="100%" fill="#fff"/><g stroke-width="0.7">');
    DATA.edges.forEach(e => {
      if (!state.shown.has(e.from) || !state.shown.has(e.to)) return;
      const a = at(e.from), b = at(e.to), on = nb && (e.from === state.focus || e.to === state.focus);
      out.push('<line x1="' + a[0].toFixed(1) + '" y1="' + a[1].toFixed(1) + '" x2="' + b[0].toFixed(1) + '" y2="' + b[1].toFixed(1) +
               '" stroke="' + (!nb ? EDGE : on ? EDGE_FOCUS : FADED) + '"/>');
    });
    out.push("</g><g>");
    ids.forEach(id => {
      const n = byId.get(id), p = at(id), colour = !nb || nb.has(id) ? n.colour : FADED;
      out.push('<circle data-id="' + xml(id) + '" cx="' + p[0].toFixed(1) + '" cy="' + p[1].toFixed(1) + '" r="' + (n.size * scale).toFixed(1) +
               '" fill="' + colour + '"><title>' + xml(n.label) + "</title></circle>");
    });
    out.push('</g><g font-family="system-ui, sans-serif" font-size="12" dominant-baseline="middle">');
    (window.kgLabels || []).forEach(b => {
      out.push('<rect x="' + b.x.toFixed(1) + '" y="' + b.y.toFixed(1) + '" width="' + b.w.toFixed(1) + '" height="' + b.h + '" fill="#fff" fill-opacity="0.85"/>');
      out.push('<text x="' + (b.x + 4).toFixed(1) + '" y="' + (b.y + b.h / 2).toFixed(1) + '">' + xml(b.text) + "</text>");
    });
    out.push('</g><text x="8" y="' + (H + 16) + '" font-family="system-ui, sans-serif" font-size="12">' + xml(DATA.title + " \u2014 " + DATA.caption) + "</text></svg>");
    const text = out.join("\n");
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(text), "graph.svg");
    return text;
  }
  document.getElementById("png").addEventListener("click", exportPNG);
  document.getElementById("svg").addEventListener("click", exportSVG);
  document.getElementById("fit").addEventListener("click", () => network.fit({ animation: false }));

  // ---------------------------------------------------------------- start
  window.kgTimings.network = performance.now();
  buildLegend();
  refresh();
  network.fit({ animation: false });
  window.kgTimings.ready = performance.now();
  window.addEventListener("resize", drawTimeline);
  window.addEventListener("beforeprint", () => network.redraw());
  Object.assign(window, { NODES: DATA.nodes, EDGES: DATA.edges, view: view, kgNetwork: network, kgState: state, kgFocus: focusNode,
                          kgClearFocus: clearFocus, kgShowPanel: showPanel, kgSearch: search, kgExportPNG: exportPNG,
                          kgExportSVG: exportSVG, kgTimeline: { setRange: setRange, toX: toX, domain: domain, dayRange: dayRange } });
})();

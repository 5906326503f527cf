"use strict";
// Evidence-and-gap map. Every corpus text reaches the page through textContent only.
// A cell is a stated gap only where the register has a gap pinning both of its values, so
// every red or orange cell names its register entries; a purple cell is a register silent gap.
const D = JSON.parse(document.getElementById("egm-data").textContent);
const COLOURS = {stated_confirmed: "#c0392b", stated_contradicted: "#e67e22", silent: "#8e44ad",
                 thin: "#a9cce3", covered: "#2e86c1", empty: "#bbb"};
const WORDS = {
  stated_confirmed: "stated gap, corpus thin: a register gap pins both values (and maybe more) and at most " + D.thin_max + " works cover the cell",
  stated_contradicted: "stated gap, corpus has works: a register gap pins both values (and maybe more), but more than " + D.thin_max + " works cover the cell",
  silent: "silent gap: in the register, thin, and no document says so",
  thin: "thin: 1 to " + D.thin_max + " works, no register gap",
  covered: "covered: more than " + D.thin_max + " works, no register gap",
  empty: "no works, no register gap"};
const MARKS = [
  ["●", "bubble size grows with the number of unique works in the cell"],
  ["n", "the number under a bubble: unique works in the cell"],
  ["k✎", "k gap statements back register gaps at the cell (or, on a heading, at that value alone)"],
  ["works in row / column", "unique works with that value, whatever the other facet (a work may sit in several cells)"],
  ["no … named", "works with the row's value but no value of the column facet"]];
const $ = (id) => document.getElementById(id);
let selected = null;  // {kind: "cell"|"row"|"col", row, col, rows, cols}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function option(select, value, text) {
  const o = el("option", text);
  o.value = value;
  select.appendChild(o);
}

function setup() {
  $("title").textContent = D.title;
  for (const f of D.facets) { option($("rows"), f.id, f.label); option($("cols"), f.id, f.label); }
  $("rows").value = D.facets[0] ? D.facets[0].id : "";
  $("cols").value = D.facets[1] ? D.facets[1].id : $("rows").value;
  option($("doc"), "", "all documents");
  for (const d of D.documents) option($("doc"), d.id, d.title ? d.id + ": " + d.title : d.id);
  option($("type"), "", "all types");
  for (const t of D.types) option($("type"), t, t);
  legend();
  for (const id of ["rows", "cols", "doc", "type", "from", "to"]) $(id).addEventListener("change", redraw);
  draw();
}

function legend() {
  const box = $("legend");
  for (const k of Object.keys(COLOURS)) {
    const s = el("span", null, "key"); s.dataset.status = k;
    const i = el("i"); i.style.background = COLOURS[k];
    s.appendChild(i); s.appendChild(document.createTextNode(WORDS[k])); box.appendChild(s);
  }
  for (const [mark, words] of MARKS) {
    const s = el("span", null, "key"); s.dataset.mark = mark;
    s.appendChild(el("b", mark)); s.appendChild(document.createTextNode(" " + words)); box.appendChild(s);
  }
}

function filteredWorks() {
  const doc = $("doc").value, type = $("type").value;
  const from = parseInt($("from").value, 10), to = parseInt($("to").value, 10);
  return D.works.filter((w) => (!doc || (w.docs || []).includes(doc)) && (!type || w.type === type)
    && (isNaN(from) || (w.year && w.year >= from)) && (isNaN(to) || (w.year && w.year <= to)));
}

function has(item, facet, value) { return ((item.tags || {})[facet] || []).includes(value); }

// Register gaps whose cell pins every value of `pins` (facet -> value; `exact`: and nothing
// else), with their backing statements restricted to the chosen document; stated gaps left
// with no backing are dropped.
function gapsAt(pins, statusWanted, exact) {
  const doc = $("doc").value, keys = Object.keys(pins);
  const out = [];
  for (const g of D.gaps) {
    if (exact && Object.keys(g.cell).length !== keys.length) continue;
    if (!keys.every((f) => g.cell[f] === pins[f])) continue;
    if (!statusWanted(g.status)) continue;
    const backing = g.backing.filter((b) => !doc || D.statements[b.s].doc_id === doc);
    if (g.status !== "silent" && !backing.length) continue;
    out.push({gap: g, backing: backing});
  }
  return out;
}

const isStated = (s) => s !== "silent";
const isSilent = (s) => s === "silent";

function statusOf(nWorks, stated, silent) {
  if (stated.length) return nWorks <= D.thin_max ? "stated_confirmed" : "stated_contradicted";
  if (silent.length) return "silent";
  if (nWorks === 0) return "empty";
  return nWorks <= D.thin_max ? "thin" : "covered";
}

function nStatements(found) {
  return new Set(found.flatMap((x) => x.backing.map((b) => b.s))).size;
}

function redraw() {
  draw();
  if (!selected) return;
  if (selected.rows !== $("rows").value || selected.cols !== $("cols").value) {
    selected = null;
    $("panel").textContent = "";
    $("panel").appendChild(el("p", "Choose a cell (click it, or Tab to it and press Enter) to see its works and gap statements."));
    return;
  }
  const node = selected.kind === "cell"
    ? document.querySelector('td.cell[data-row="' + CSS.escape(selected.row) + '"][data-col="' + CSS.escape(selected.col) + '"]')
    : document.querySelector('th.value[data-axis="' + selected.kind + '"][data-value="' + CSS.escape(selected.value) + '"]');
  if (node) node.click();
}

function draw() {
  const rf = D.facets.find((f) => f.id === $("rows").value);
  const cf = D.facets.find((f) => f.id === $("cols").value);
  const works = filteredWorks();
  const grid = $("grid"); grid.textContent = "";
  const table = el("table", null, "egm");
  table.appendChild(el("caption", rf.label + " by " + cf.label + ": " + works.length + " works shown"));
  const head = el("tr"); head.appendChild(el("th", rf.label + " \\ " + cf.label));
  for (const c of cf.values) head.appendChild(headerNode(cf, c, "col", works));
  head.appendChild(el("th", "no " + cf.label.toLowerCase() + " named"));
  head.appendChild(el("th", "works in row"));
  table.appendChild(head);
  const counts = rf.values.map((r) => cf.values.map((c) =>
    works.filter((w) => has(w, rf.id, r.id) && has(w, cf.id, c.id))));
  const max = Math.max(1, ...counts.flat().map((l) => l.length));
  rf.values.forEach((r, i) => {
    const tr = el("tr"); tr.appendChild(headerNode(rf, r, "row", works));
    cf.values.forEach((c, j) => tr.appendChild(cellNode(rf, r, cf, c, counts[i][j], max)));
    const inRow = works.filter((w) => has(w, rf.id, r.id));
    tr.appendChild(el("td", inRow.filter((w) => !(w.tags || {})[cf.id]).length, "total none"));
    tr.appendChild(el("td", inRow.length, "total"));
    table.appendChild(tr);
  });
  const foot = el("tr"); foot.appendChild(el("th", "works in column"));
  for (const c of cf.values) foot.appendChild(el("td", works.filter((w) => has(w, cf.id, c.id)).length, "total"));
  foot.appendChild(el("td", "", "total"));
  foot.appendChild(el("td", works.length + " works", "total"));
  table.appendChild(foot);
  grid.appendChild(table);
}

function keyed(node, open) {
  node.tabIndex = 0;
  node.setAttribute("role", "button");
  node.addEventListener("click", open);
  node.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); }
  });
}

function mark(node) {
  document.querySelectorAll(".selected").forEach((x) => { x.classList.remove("selected"); x.setAttribute("aria-pressed", "false"); });
  node.classList.add("selected"); node.setAttribute("aria-pressed", "true");
}

function headerNode(facet, value, axis, works) {
  const found = gapsAt({[facet.id]: value.id}, isStated, true);
  const th = el("th", value.label, "value");
  th.dataset.axis = axis; th.dataset.value = value.id;
  const n = nStatements(found);
  if (n) th.appendChild(el("span", " " + n + "✎", "pen"));
  const inValue = works.filter((w) => has(w, facet.id, value.id));
  th.setAttribute("aria-label", facet.label + " " + value.label + ": " + inValue.length + " works" +
    (n ? ", " + n + " gap statements on this value alone" : ""));
  keyed(th, () => {
    mark(th);
    selected = {kind: axis, value: value.id, rows: $("rows").value, cols: $("cols").value};
    showPanel(facet.label + ": " + value.label, null, inValue, found);
  });
  return th;
}

function cellNode(rf, r, cf, c, inCell, max) {
  const stated = gapsAt({[rf.id]: r.id, [cf.id]: c.id}, isStated, false);
  const silent = stated.length ? [] : gapsAt({[rf.id]: r.id, [cf.id]: c.id}, isSilent, true);
  const st = statusOf(inCell.length, stated, silent);
  const n = nStatements(stated);
  const td = el("td", null, "cell");
  td.dataset.row = r.id; td.dataset.col = c.id; td.dataset.status = st;
  td.dataset.gaps = stated.concat(silent).map((x) => x.gap.rank).join(" ");
  const name = r.label + " × " + c.label;
  td.setAttribute("aria-label", name + ": " + inCell.length + " works, " + n + " gap statements; " + WORDS[st]);
  td.title = td.getAttribute("aria-label");
  const size = inCell.length ? 10 + 40 * Math.sqrt(inCell.length / max) : 8;
  const b = el("div", null, "bubble");
  b.style.width = b.style.height = size + "px"; b.style.background = COLOURS[st];
  td.appendChild(b);
  td.appendChild(el("div", inCell.length + (n ? " · " + n + "✎" : ""), "count"));
  keyed(td, () => {
    mark(td);
    selected = {kind: "cell", row: r.id, col: c.id, rows: $("rows").value, cols: $("cols").value};
    showPanel(name, st, inCell, stated.concat(silent));
  });
  return td;
}

function showPanel(name, st, works, found) {
  const p = $("panel"); p.textContent = "";
  p.appendChild(el("h2", name));
  const n = nStatements(found);
  p.appendChild(el("p", (st ? WORDS[st] + ". " : "") + works.length + " unique works shown, " + n + " gap statements."));
  p.appendChild(el("h3", "In the gap register"));
  if (!found.length) p.appendChild(el("p", "No register gap pins these values."));
  for (const x of found) {
    const g = x.gap;
    p.appendChild(el("h4", "#" + g.rank + " " + g.title + " (" + g.status.replace("_", " ") + ", " +
      g.n_works + " works in the whole corpus, score " + g.score.toFixed(2) + ")"));
    const sl = el("div", null, "statements");
    for (const b of x.backing) {
      const s = D.statements[b.s];
      sl.appendChild(el("blockquote", s.quote));
      sl.appendChild(el("div", b.words, "words"));
      sl.appendChild(el("div", s.doc_id + " · " + (s.section || "no section") + " · characters " +
        s.char_start + "–" + s.char_end + " · " + s.strength, "where"));
    }
    p.appendChild(sl);
  }
  p.appendChild(el("h3", "Works"));
  const ul = el("ul", null, "works");
  for (const w of works.slice().sort((a, b) => (b.year || 0) - (a.year || 0) || a.key.localeCompare(b.key))) {
    const li = el("li", w.citation + " ");
    if (w.link && /^https?:\/\//i.test(w.link)) {
      const a = el("a", "link"); a.setAttribute("href", w.link); a.setAttribute("rel", "noopener");
      li.appendChild(a);
    }
    li.appendChild(el("span", " [" + w.key + "]", "where"));
    ul.appendChild(li);
  }
  if (!works.length) ul.appendChild(el("li", "No work shown covers this cell."));
  p.appendChild(ul);
}

setup();

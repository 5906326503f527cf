"use strict";
// Evidence-and-gap map. Every corpus text reaches the page through textContent only.
const D = JSON.parse(document.getElementById("egm-data").textContent);
const COLOURS = {stated_confirmed: "#c0392b", stated_contradicted: "#e67e22",
                 silent: "#8e44ad", covered: "#2e86c1", empty: "#bbb"};
const WORDS = {stated_confirmed: "stated gap, corpus thin", stated_contradicted: "stated gap, but sources exist",
               silent: "thin, no document says so", covered: "covered", empty: "no works, no statement"};
const $ = (id) => document.getElementById(id);

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
  for (const k of Object.keys(COLOURS)) {
    const s = el("span"); const i = el("i"); i.style.background = COLOURS[k];
    s.appendChild(i); s.appendChild(document.createTextNode(WORDS[k])); $("legend").appendChild(s);
  }
  for (const id of ["rows", "cols", "doc", "type", "from", "to"]) $(id).addEventListener("change", draw);
  draw();
}

function filteredWorks() {
  const doc = $("doc").value, type = $("type").value;
  const from = parseInt($("from").value, 10), to = parseInt($("to").value, 10);
  return D.works.filter((w) => (!doc || (w.docs || []).includes(doc)) && (!type || w.type === type)
    && (isNaN(from) || (w.year && w.year >= from)) && (isNaN(to) || (w.year && w.year <= to)));
}

function filteredStatements() {
  const doc = $("doc").value;
  return D.statements.filter((s) => !doc || s.doc_id === doc);
}

function has(item, facet, value) { return ((item.tags || {})[facet] || []).includes(value); }

function status(nWorks, nStatements) {
  if (nStatements > 0) return nWorks <= D.thin_max ? "stated_confirmed" : "stated_contradicted";
  if (nWorks === 0) return "empty";
  return nWorks <= D.thin_max ? "silent" : "covered";
}

function draw() {
  const rf = D.facets.find((f) => f.id === $("rows").value);
  const cf = D.facets.find((f) => f.id === $("cols").value);
  const works = filteredWorks(), stmts = filteredStatements();
  const grid = $("grid"); grid.textContent = "";
  const table = el("table", null, "egm");
  const head = el("tr"); head.appendChild(el("th", rf.label + " \\ " + cf.label));
  for (const c of cf.values) head.appendChild(el("th", c.label));
  head.appendChild(el("th", "works in row"));
  table.appendChild(head);
  const counts = rf.values.map((r) => cf.values.map((c) =>
    works.filter((w) => has(w, rf.id, r.id) && has(w, cf.id, c.id))));
  const max = Math.max(1, ...counts.flat().map((l) => l.length));
  rf.values.forEach((r, i) => {
    const tr = el("tr"); tr.appendChild(el("th", r.label));
    cf.values.forEach((c, j) => tr.appendChild(cellNode(rf, r, cf, c, counts[i][j], stmts, max)));
    tr.appendChild(el("td", works.filter((w) => has(w, rf.id, r.id)).length, "total"));
    table.appendChild(tr);
  });
  const foot = el("tr"); foot.appendChild(el("th", "works in column"));
  for (const c of cf.values) foot.appendChild(el("td", works.filter((w) => has(w, cf.id, c.id)).length, "total"));
  foot.appendChild(el("td", works.length + " works", "total"));
  table.appendChild(foot);
  grid.appendChild(table);
}

function cellNode(rf, r, cf, c, inCell, stmts, max) {
  const said = stmts.filter((s) => has(s, rf.id, r.id) && has(s, cf.id, c.id));
  const st = status(inCell.length, said.length);
  const td = el("td", null, "cell");
  td.dataset.row = r.id; td.dataset.col = c.id; td.dataset.status = st;
  td.title = r.label + " × " + c.label + ": " + inCell.length + " works, " + said.length + " statements";
  const size = inCell.length ? 10 + 40 * Math.sqrt(inCell.length / max) : 8;
  const b = el("div", null, "bubble");
  b.style.width = b.style.height = size + "px"; b.style.background = COLOURS[st];
  td.appendChild(b);
  td.appendChild(el("div", inCell.length + (said.length ? " · " + said.length + "✎" : ""), "count"));
  td.addEventListener("click", () => {
    document.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected"));
    td.classList.add("selected");
    showCell(r.label + " × " + c.label, st, inCell, said);
  });
  return td;
}

function showCell(name, st, works, said) {
  const p = $("panel"); p.textContent = "";
  p.appendChild(el("h2", name));
  p.appendChild(el("p", WORDS[st] + ": " + works.length + " unique works, " + said.length + " gap statements"));
  p.appendChild(el("h3", "Gap statements"));
  const sl = el("div", null, "statements");
  if (!said.length) sl.appendChild(el("p", "No document says evidence is missing here."));
  for (const s of said) {
    sl.appendChild(el("blockquote", s.quote));
    sl.appendChild(el("div", s.doc_id + " · " + (s.section || "no section") + " · characters " +
      s.char_start + "–" + s.char_end + " · " + s.strength, "where"));
  }
  p.appendChild(sl);
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
  if (!works.length) ul.appendChild(el("li", "No work in the corpus covers this cell."));
  p.appendChild(ul);
}

setup();

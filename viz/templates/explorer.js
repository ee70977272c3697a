/* policy-kg's network page: the vis-network view and the explorer around it.

   One constant text, inlined in every page (viz/page.py), so that the Content-Security-Policy
   allows it by hash: everything that differs between views is read from the page (the JSON
   blocks kg-nodes, kg-edges, kg-options, kg-links; the filter form; body's data-views).

   - search: by name, abbreviation (NCA) or number (Rec 3, 3) among the entities shown; arrow
     keys move through what is found, Enter centres and selects the first (or the one chosen);
   - filters: kinds, report, theme, body and status are applied by the server when the form
     has data-server (the view loads again with the new query), otherwise here, by the same
     rules (viz/panel.py); link type and "confirmed only" always here, through vis DataViews.
     The URL's query follows (history.replaceState), so a view can be shared;
   - a side panel: the selected entity's summary and sources (its tooltip), links to its page
     and neighbourhood, and "expand", which adds its neighbours from the server's
     /viz/neighbours (never in a file: body has no data-views there);
   - labels: vis-network draws them only once they are readable (viz/page.py's thresholds);
     below that this script draws the hubs' labels (the best-connected entities shown), and
     the hovered and selected entity's, at a fixed size, never on top of one another;
   - the view as a PNG (the canvas on white, through a download link).
*/
var network;  // the vis Network, global as in pyvis's own pages
(function () {
  "use strict";
  var HUBS = 12;  // entities always labelled
  var RESULTS = 12;  // search results listed
  function $(id) { return document.getElementById(id); }
  function data(id) { return JSON.parse($(id).textContent); }
  // Node tooltips arrive as HTML escaped on the server (viz/text.py); vis-network shows an
  // element as it is, and a string (edge tooltips) as text. Made when first shown: thousands
  // of elements made at start would slow a big view down.
  function element(html) { var box = document.createElement("div"); box.innerHTML = html; return box; }
  var container = $("network");
  if (typeof vis === "undefined") {
    container.innerHTML = '<p class="kg-fail">The network library did not load. ' +
      'Every entity is linked in the list below.</p>';
    return;
  }
  var options = data("kg-options"), links = data("kg-links"), raw = data("kg-nodes"), rawEdges = data("kg-edges");
  // What vis-network is handed is trimmed of what costs it time and shows nothing more: node and
  // edge tooltips are set when first hovered; a node's shape when its group has it; an edge's
  // arrow when every edge has it; and sizes are worked out here, as vis-network's own linear
  // scaling of `value` (nodes.scaling) would (which takes it 0.15 s for 5,000 nodes).
  var scaling = options.nodes.scaling, low = Infinity, high = -Infinity;
  raw.forEach(function (n) { if (n.value !== undefined) { low = Math.min(low, n.value); high = Math.max(high, n.value); } });
  function trimNode(n) {
    if (n.title) { n.tip = n.title; delete n.title; }
    if (n.group && options.groups && options.groups[n.group] && options.groups[n.group].shape === n.shape) { delete n.shape; }
    if (n.value !== undefined) {
      n.degree = n.value;
      var at = high > low ? Math.min(1, Math.max(0, (n.value - low) / (high - low))) : 0.5;
      n.size = scaling.min + at * (scaling.max - scaling.min);
      delete n.value;
    }
    return n;
  }
  var arrowsEverywhere = !!(options.edges.arrows && options.edges.arrows.to && options.edges.arrows.to.enabled);
  function trimEdge(e) {
    e.id = e.from + " " + e.to;  // one drawn edge per pair and way (viz/page.py); IRIs hold no space
    if (e.title) { e.tip = e.title; delete e.title; }
    if (arrowsEverywhere && e.arrows === "to") { delete e.arrows; }
    return e;
  }
  raw.forEach(trimNode); rawEdges.forEach(trimEdge);
  // A big view (laid out on the server) draws arrows only once they can be seen: below that
  // they are specks that cost a third of a frame.
  var ARROWS_FROM = 0.3, arrowsOn = true;
  var arrowsByZoom = arrowsEverywhere && document.body.getAttribute("data-physics") === "off";
  if (arrowsByZoom) { options.edges.arrows.to.enabled = arrowsOn = false; }
  function arrowsForScale() {
    var on = network.getScale() >= ARROWS_FROM;
    if (arrowsByZoom && on !== arrowsOn) { arrowsOn = on; network.setOptions({edges: {arrows: {to: {enabled: on}}}}); }
  }
  // vis-network draws from the DataSets (through DataViews: what the filters leave); this
  // script reads its own copies of the data (a DataSet copies every item it hands out)
  var nodes = new vis.DataSet(raw), edges = new vis.DataSet(rawEdges);
  var byId = new Map(), edgeById = new Map();
  raw.forEach(function (n) { byId.set(n.id, n); });
  rawEdges.forEach(function (e) { edgeById.set(e.id, e); });
  var views = document.body.getAttribute("data-views");  // the server's /viz, or none
  var params = new URLSearchParams(window.location.search);
  var form = $("kg-filters");
  var serverSide = form.getAttribute("data-server") === "true";
  var shown = null, shownEdges = null;  // ids in view; null: every one
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return shown === null || shown.has(n.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return shownEdges === null || shownEdges.has(e.id); }});
  var selected = null, hovered = null, hubs = [];

  function fullName(n) { return n.name || String(n.label || n.id).replace(/\n/g, " "); }
  function norm(text) { return String(text || "").toLowerCase().replace(/\s+/g, " ").trim(); }
  function describe(n) {
    var parts = [n.kind || "Entity"];
    if (n.abbr) { parts.push(n.abbr); }
    var report = /\/report\/([^/]+)\/./.exec(n.id);
    if (report) { parts.push(report[1]); }
    return parts.join(" · ");
  }
  function number(n) { return n.toLocaleString("en-GB"); }

  // -- filters --------------------------------------------------------------------------------

  function kindBoxes() { return Array.prototype.slice.call(form.querySelectorAll('input[name="kind"]')); }
  function selects() { return Array.prototype.slice.call(form.querySelectorAll("select:not([data-client])")); }

  function fromUrl() {  // the client's filters (and, in a file, every filter) as the URL says
    var link = params.get("link") || "";
    addLinkType(link);
    form.elements.link.value = link;
    form.elements.confirmed.checked = params.get("confirmed") === "true";
    if (serverSide) { return; }
    var kinds = params.getAll("kind");
    if (kinds.length) { kindBoxes().forEach(function (box) { box.checked = kinds.indexOf(box.value) >= 0; }); }
    selects().forEach(function (select) { select.value = params.get(select.name) || ""; });
  }

  function members(select) {  // the entities a select's choice selects (viz/panel.py)
    var found = new Set(), field = select.getAttribute("data-field");
    if (field) {
      raw.forEach(function (n) { if (n[field] !== undefined && String(n[field]) === select.value) { found.add(n.id); } });
      return found;
    }
    var place = select.selectedOptions[0].getAttribute("data-node");
    if (place === null) { return found; }
    var chosen = raw[Number(place)].id, via = select.getAttribute("data-via").split(" ");
    if (select.getAttribute("data-itself") === "true") { found.add(chosen); }
    rawEdges.forEach(function (e) {
      if (e.to === chosen && e.predicates.some(function (p) { return via.indexOf(p) >= 0; })) { found.add(e.from); }
    });
    return found;
  }

  function compute() {  // what the filters leave, into the DataViews
    var keep = null;
    if (!serverSide) {
      var chosen = null;
      selects().forEach(function (select) {
        if (!select.value) { return; }
        var found = members(select);
        chosen = chosen === null ? found : new Set(Array.from(found).filter(function (id) { return chosen.has(id); }));
      });
      if (chosen !== null) {  // what they select and what it links to, one step out
        keep = new Set(chosen);
        rawEdges.forEach(function (e) {
          if (chosen.has(e.from)) { keep.add(e.to); }
          if (chosen.has(e.to)) { keep.add(e.from); }
        });
      }
      var boxes = kindBoxes(), ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (ticked.length && ticked.length < boxes.length) {
        var offered = boxes.map(function (b) { return b.value; });
        keep = restrict(keep, function (n) { return offered.indexOf(n.kind) < 0 || ticked.indexOf(n.kind) >= 0; });
      }
    }
    if (form.elements.confirmed.checked) { keep = restrict(keep, function (n) { return n.confirmed !== false; }); }
    var link = form.elements.link.value;
    var keepEdges = null;
    if (keep !== null || link) {
      keepEdges = new Set();
      rawEdges.forEach(function (e) {
        if ((keep === null || (keep.has(e.from) && keep.has(e.to))) && (!link || e.predicates.indexOf(link) >= 0)) { keepEdges.add(e.id); }
      });
      if (link) {  // the links of that type and the entities they join
        keep = new Set();
        rawEdges.forEach(function (e) { if (keepEdges.has(e.id)) { keep.add(e.from); keep.add(e.to); } });
      }
    }
    var everything = keep === null && keepEdges === null && shown === null && shownEdges === null;
    shown = keep; shownEdges = keepEdges;
    if (!everything) { nodeView.refresh(); edgeView.refresh(); }  // nothing to refresh otherwise
    if (!network) { return; }  // the first time, before the network is made
    if (selected !== null && shown !== null && !shown.has(selected)) { unselect(); }
    counted();
  }

  function restrict(keep, test) {
    var out = new Set();
    raw.forEach(function (n) { if ((keep === null || keep.has(n.id)) && test(n)) { out.add(n.id); } });
    return out;
  }

  function isShown(id) { return shown === null || shown.has(id); }
  function edgeShown(e) { return shownEdges === null || shownEdges.has(e.id); }

  function counted(draw) {  // the count, the legend's counts and the hubs, for what is shown
    var total = raw.length, visible = 0, byKind = {};
    raw.forEach(function (n) {
      if (isShown(n.id)) { visible++; byKind[n.kind || "Other"] = (byKind[n.kind || "Other"] || 0) + 1; }
    });
    $("kg-count").textContent = visible === total ? number(total) + " entities"
      : number(visible) + " of " + number(total) + " entities shown";
    document.body.setAttribute("data-visible-count", String(visible));
    Array.prototype.forEach.call(document.querySelectorAll("#kg-legend-list li[data-kind]"), function (item) {
      var kind = item.getAttribute("data-kind"), count = byKind[kind] || 0;
      item.querySelector("span").textContent = kind + " (" + number(count) + ")";
      item.hidden = count === 0;
    });
    var degree = new Map(), ranked = [];
    rawEdges.forEach(function (e) {
      if (edgeShown(e)) { degree.set(e.from, (degree.get(e.from) || 0) + 1); degree.set(e.to, (degree.get(e.to) || 0) + 1); }
    });
    degree.forEach(function (d, id) { if (isShown(id)) { ranked.push([d, id]); } });
    hubs = ranked.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); })
      .slice(0, HUBS).map(function (pair) { return pair[1]; });
    if (draw !== false) { network.redraw(); }
  }

  function toUrl() {  // the URL says what is shown (replaceState: no new history entry)
    var query = new URLSearchParams(window.location.search);
    function put(name, value) { if (value) { query.set(name, value); } else { query.delete(name); } }
    put("link", form.elements.link.value);
    put("confirmed", form.elements.confirmed.checked ? "true" : "");
    put("select", selected);
    if (!serverSide) {
      selects().forEach(function (select) { put(select.name, select.value); });
      query.delete("kind");
      var boxes = kindBoxes(), ticked = boxes.filter(function (b) { return b.checked; });
      if (ticked.length && ticked.length < boxes.length) { ticked.forEach(function (b) { query.append("kind", b.value); }); }
    }
    var text = query.toString(), next = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", next);
    }
    params = query;
  }

  function serverUrl(clear) {  // the view with the server's filters as the form says
    var query = new URLSearchParams(window.location.search);
    ["kind"].concat(selects().map(function (s) { return s.name; })).forEach(function (name) { query.delete(name); });
    if (!clear) {
      selects().forEach(function (select) { if (select.value) { query.set(select.name, select.value); } });
      var boxes = kindBoxes(), ticked = boxes.filter(function (b) { return b.checked; });
      if (ticked.length && ticked.length < boxes.length) { ticked.forEach(function (b) { query.append("kind", b.value); }); }
    }
    var text = query.toString();
    return (form.getAttribute("action") || window.location.pathname) + (text ? "?" + text : "");
  }

  form.addEventListener("change", function (event) {
    var client = event.target.hasAttribute("data-client");
    if (serverSide && !client) { return; }  // waits for Apply
    compute(); toUrl();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (serverSide) {
      toUrl();
      var next = serverUrl(false);
      if (next !== window.location.pathname + window.location.search) { window.location.assign(next); return; }
    }
    compute(); toUrl();
  });
  $("kg-clear").addEventListener("click", function () {
    form.elements.link.value = ""; form.elements.confirmed.checked = false;
    kindBoxes().forEach(function (box) { box.checked = true; });
    selects().forEach(function (select) { select.value = ""; });
    toUrl();
    if (serverSide && serverUrl(true) !== window.location.pathname + window.location.search) {
      window.location.assign(serverUrl(true)); return;
    }
    compute(); toUrl();
  });
  if (serverSide) { $("kg-apply").textContent = "Apply (loads the view again)"; } else { $("kg-apply").hidden = true; }

  // -- the network ----------------------------------------------------------------------------

  fromUrl();
  compute();  // before the first drawing: the DataViews hold what the URL asks for
  function ready() {
    var asked = params.get("select");
    if (asked && byId.has(asked) && isShown(asked)) { select(asked, true); }
    arrowsForScale();
    window.kgReady = true; document.body.setAttribute("data-ready", "true");
  }
  network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  counted(false);  // vis-network draws it when ready
  // the canvas's frame is what Tab reaches (vis-network makes it focusable): it says what it is
  var frame = container.querySelector(".vis-network");
  frame.setAttribute("role", "application");
  frame.setAttribute("aria-label", container.getAttribute("aria-label"));
  container.removeAttribute("role");
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0], false); } else if (!params.edges.length) { unselect(); }
  });
  network.on("doubleClick", function (params) {
    var url = params.nodes.length ? links[params.nodes[0]] : null;
    if (url) { window.location.href = url; }
  });
  network.on("hoverNode", function (params) {
    var n = byId.get(params.node);
    if (n && n.tip && !n.titled) { n.titled = true; nodes.update({id: n.id, title: element(n.tip)}); }
    hovered = params.node;
    container.style.cursor = links[params.node] ? "pointer" : "default";
    network.redraw();
  });
  network.on("hoverEdge", function (params) {
    var e = edgeById.get(params.edge);
    if (e && e.tip && !e.titled) { e.titled = true; edges.update({id: e.id, title: e.tip}); }
  });
  network.on("blurNode", function () { hovered = null; container.style.cursor = "default"; network.redraw(); });
  network.on("afterDrawing", drawLabels);
  network.on("zoom", arrowsForScale);
  if (options.physics && options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // -- labels: the hubs', the hovered and the selected entity's, when vis-network draws none ---

  var fontSize = options.nodes.font.size, drawFrom = options.nodes.scaling.label.drawThreshold;
  function drawLabels(ctx) {
    if (fontSize * network.getScale() >= drawFrom - 1) { return; }  // vis-network draws them all
    var ids = [], forced = 0;
    [selected, hovered].forEach(function (id) { if (id !== null && byId.has(id) && isShown(id) && ids.indexOf(id) < 0) { ids.push(id); forced++; } });
    hubs.forEach(function (id) { if (ids.indexOf(id) < 0) { ids.push(id); } });
    var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1, drawn = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = "13px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineJoin = "round"; ctx.lineWidth = 4; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#1b1b1b";
    ids.forEach(function (id, i) {
      var n = byId.get(id);
      if (!n || !n.label) { return; }
      var box = network.getBoundingBox(id), at = network.canvasToDOM({x: (box.left + box.right) / 2, y: box.bottom});
      var lines = String(n.label).split("\n"), width = 0;
      lines.forEach(function (line) { width = Math.max(width, ctx.measureText(line).width); });
      var rect = {left: at.x - width / 2 - 3, right: at.x + width / 2 + 3, top: at.y + 2, bottom: at.y + 4 + 16 * lines.length};
      var clash = drawn.some(function (r) { return r.left < rect.right && rect.left < r.right && r.top < rect.bottom && rect.top < r.bottom; });
      if (clash && i >= forced) { return; }
      drawn.push(rect);
      lines.forEach(function (line, k) { ctx.strokeText(line, at.x, at.y + 4 + 16 * k); ctx.fillText(line, at.x, at.y + 4 + 16 * k); });
    });
    ctx.restore();
  }

  // -- the side panel ------------------------------------------------------------------------

  function select(id, centre) {
    var n = byId.get(id);
    if (!n) { return; }
    selected = id;
    network.selectNodes([id]);
    if (centre) { network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false}); arrowsForScale(); }
    $("kg-panel-title").textContent = fullName(n);
    var facts = $("kg-panel-facts");
    facts.innerHTML = n.tip || "";  // escaped on the server (viz/text.py)
    var name = facts.querySelector("strong");
    if (name) { name.remove(); }  // the panel's heading says it
    if (n.status) {
      var status = document.createElement("p"), option = form.querySelector('select[name="status"] option[value="' + n.status + '"]');
      status.className = "kg-status";
      status.textContent = "Status: " + (option ? option.textContent : n.status.replace(/_/g, " ").toLowerCase());
      facts.insertBefore(status, facts.children[1] || null);
    }
    var open = $("kg-open");
    open.hidden = !links[id];
    if (links[id]) { open.href = links[id]; }
    $("kg-around").hidden = !views;
    $("kg-expand").hidden = !views;
    if (views) { $("kg-around").href = views + "/entity?id=" + encodeURIComponent(id); }
    $("kg-panel-status").textContent = "";
    $("kg-announce").textContent = "Selected: " + fullName(n) + " (" + describe(n) + ")";
    $("kg-panel").hidden = false;
    toUrl();
    network.redraw();
  }

  function unselect() {
    selected = null;
    network.unselectAll();
    $("kg-panel").hidden = true;
    toUrl();
    network.redraw();
  }
  $("kg-unselect").addEventListener("click", function () { unselect(); $("kg-search").focus(); });

  // -- expand: the selected entity's neighbours, from the server --------------------------------

  function addLinkType(name) {
    if (!name || form.querySelector('select[name="link"] option[value="' + CSS.escape(name) + '"]')) { return; }
    var option = document.createElement("option");
    option.value = name; option.textContent = name;
    form.elements.link.appendChild(option);
  }

  function addFragment(id, fragment) {
    var groups = options.groups || {}, newGroups = false;
    Object.keys(fragment.groups || {}).forEach(function (g) { if (!groups[g]) { groups[g] = fragment.groups[g]; newGroups = true; } });
    if (newGroups) { options.groups = groups; network.setOptions({groups: groups}); }
    var centre = network.getPosition(id);
    var fresh = fragment.nodes.filter(function (n) { return !byId.has(n.id); });
    var radius = Math.max(220, fresh.length * 150 / (2 * Math.PI));
    fresh.forEach(function (n, i) {
      trimNode(n);
      var angle = 2 * Math.PI * i / fresh.length + 0.3;
      n.x = Math.round(centre.x + radius * Math.cos(angle)); n.y = Math.round(centre.y + radius * Math.sin(angle));
      if (n.url) { links[n.id] = n.url; }
    });
    var freshEdges = fragment.edges.map(trimEdge).filter(function (e) { return !edgeById.has(e.id); });
    fresh.forEach(function (n) { raw.push(n); byId.set(n.id, n); });
    freshEdges.forEach(function (e) { rawEdges.push(e); edgeById.set(e.id, e); });
    nodes.add(fresh); edges.add(freshEdges);
    freshEdges.forEach(function (e) { e.predicates.forEach(addLinkType); });
    var list = $("kg-legend-list"), last = list.querySelector('li[data-legend="link"]');
    (fragment.legend || []).forEach(function (entry) {
      if (list.querySelector('li[data-legend="' + CSS.escape(entry.key) + '"]')) { return; }
      var item = document.createElement("li"), text = document.createElement("span");
      item.setAttribute("data-legend", entry.key);
      if (entry.kind) { item.setAttribute("data-kind", entry.kind); }
      item.innerHTML = entry.svg;  // our own constant drawing (viz/style.py)
      text.textContent = entry.text; item.appendChild(text);
      list.insertBefore(item, last);
      if (entry.kind && !form.querySelector('input[name="kind"][value="' + CSS.escape(entry.kind) + '"]')) {
        var label = document.createElement("label"), box = document.createElement("input"), name = document.createElement("span");
        box.type = "checkbox"; box.name = "kind"; box.value = entry.kind; box.checked = true;
        name.textContent = entry.kind;
        label.appendChild(box); label.insertAdjacentHTML("beforeend", entry.svg); label.appendChild(name);
        form.querySelector(".kg-kinds").appendChild(label);
      }
    });
    compute();
    return {nodes: fresh.length, edges: freshEdges.length};
  }

  function expand(id) {
    var status = $("kg-panel-status"), query = new URLSearchParams({id: id});
    ["asOf", "recordedBy"].forEach(function (name) { if (params.get(name)) { query.set(name, params.get(name)); } });
    status.textContent = "Fetching its neighbours…";
    return window.fetch(views + "/neighbours?" + query.toString(), {headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("the server answered " + response.status); }
        return response.json();
      })
      .then(function (fragment) {
        var added = addFragment(id, fragment);
        status.textContent = "Added " + number(added.nodes) + " entities and " + number(added.edges) +
          " links: its " + number(fragment.nodes.length - 1) + " neighbours are all shown.";
        return added;
      })
      .catch(function (error) { status.textContent = "Could not expand: " + error.message; return null; });
  }
  $("kg-expand").addEventListener("click", function () { if (selected !== null && views) { expand(selected); } });

  // -- search ---------------------------------------------------------------------------------

  var input = $("kg-search"), results = $("kg-results"), found = [], active = -1;
  var NUMBER = /^(?:(rec|recommendation)s?\.?\s*)?(?:no\.?\s*)?#?(\d+)$/;
  function search(text) {
    var q = norm(text), asked = NUMBER.exec(q), hits = [];
    if (!q) { return hits; }
    raw.forEach(function (n) {
      if (!isShown(n.id)) { return; }
      var name = norm(fullName(n)), abbr = norm(n.abbr), rank = -1;
      if (asked && n.num !== undefined && String(n.num) === asked[2]) { rank = 0; }
      else if (abbr && abbr === q) { rank = 0; }
      else if (name === q) { rank = 1; }
      else if (!(asked && asked[1])) {
        if (name.indexOf(q) === 0) { rank = 2; }
        else if (abbr && abbr.indexOf(q) === 0) { rank = 3; }
        else if ((" " + name.replace(/[^a-z0-9]+/g, " ")).indexOf(" " + q) >= 0) { rank = 4; }
        else if (name.indexOf(q) >= 0) { rank = 5; }
      }
      if (rank >= 0) { hits.push({node: n, rank: rank, name: name}); }
    });
    hits.sort(function (a, b) { return a.rank - b.rank || (b.node.degree || 0) - (a.node.degree || 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
    return hits.slice(0, RESULTS);
  }
  function showResults() {
    results.textContent = "";
    found.forEach(function (hit, i) {
      var item = document.createElement("li"), name = document.createElement("span"), kind = document.createElement("span");
      item.id = "kg-result-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", i === active ? "true" : "false");
      name.textContent = fullName(hit.node);
      kind.className = "kg-kind"; kind.textContent = " " + describe(hit.node);
      item.appendChild(name); item.appendChild(kind);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
      item.addEventListener("click", function () { pick(i); });
      results.appendChild(item);
    });
    var asked = input.value.trim() !== "";
    if (asked && !found.length) {
      var none = document.createElement("li");
      none.className = "kg-none"; none.setAttribute("role", "option"); none.setAttribute("aria-disabled", "true");
      none.textContent = "Nothing shown matches";
      results.appendChild(none);
    }
    results.hidden = !asked;
    input.setAttribute("aria-expanded", asked ? "true" : "false");
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", "kg-result-" + active);
      $("kg-result-" + active).scrollIntoView({block: "nearest"});
    } else { input.removeAttribute("aria-activedescendant"); }
  }
  function closeResults() { results.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
  function pick(i) {
    var hit = found[i];
    if (!hit) { return; }
    closeResults();
    input.value = fullName(hit.node);
    select(hit.node.id, true);
  }
  input.addEventListener("input", function () { found = search(input.value); active = found.length ? 0 : -1; showResults(); });
  input.addEventListener("focus", function () { if (input.value.trim()) { found = search(input.value); active = found.length ? 0 : -1; showResults(); } });
  input.addEventListener("blur", closeResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (results.hidden && input.value.trim()) { found = search(input.value); active = -1; }
      if (found.length) { active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length; }
      showResults();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (results.hidden) { found = search(input.value); active = found.length ? 0 : -1; }
      pick(active >= 0 ? active : 0);
    } else if (event.key === "Escape") {
      if (!results.hidden) { event.preventDefault(); closeResults(); }
    }
  });

  // -- zoom, fit and PNG ------------------------------------------------------------------------

  function zoom(by) { network.moveTo({scale: network.getScale() * by, animation: false}); arrowsForScale(); }
  $("kg-zoom-in").addEventListener("click", function () { zoom(1.4); });
  $("kg-zoom-out").addEventListener("click", function () { zoom(1 / 1.4); });
  $("kg-fit").addEventListener("click", function () { network.fit({animation: false}); arrowsForScale(); });
  function savePng() {  // what the canvas shows, on white (the canvas is transparent)
    var source = container.querySelector("canvas"), out = document.createElement("canvas");
    out.width = source.width; out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height); ctx.drawImage(source, 0, 0);
    var link = $("kg-png");
    link.href = out.toDataURL("image/png");
    link.click();
    return link.href;
  }
  $("kg-save-png").addEventListener("click", savePng);

  window.kgExplorer = {search: search, select: select, expand: expand, savePng: savePng,
                       nodes: nodes, edges: edges, hubs: function () { return hubs.slice(); }};
})();

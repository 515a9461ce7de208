/* multivector actor network, drawn with Cytoscape.js and laid out with fCoSE (static/vendor/, see its README).
 *
 * window.MVNetwork.create(container, graph, {onEdge, onNode}, view) draws graph = {nodes, edges} (the JSON of
 * /api/graph): actors labelled with their names (id, kind and counts on hover), sized by evidence and coloured by
 * kind; edges coloured by polarity, as thick as their evidence, with an arrow where the claims have a direction
 * (who pressures, sanctions or depends on whom; arrows at both ends when both ways are claimed). Louvain
 * communities (computed by the server) are drawn as faint groups that the layout keeps apart. Wheel or pinch to
 * zoom, drag the background to pan. view = {top, minWeight, focus}: the top-N actors by evidence, edges of at least
 * minWeight sentences, or one actor and its neighbourhood.
 * On the network page (#network[data-api]) it fetches the graph itself, wires the controls and lists an edge's
 * evidence in the side panel. Article text only ever reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var KIND_COLOURS = {
    state: "#3b6fb6", organisation: "#8a55b5", bloc: "#d08a1e", project: "#2a9d8f",
    group: "#c0392b", company: "#6d6d6d", place: "#9aa5b1", entity: "#9aa5b1"
  };
  var POLARITY_COLOURS = { "+": "#2e8b57", "-": "#c83737", "0": "#7a7a86" };
  var POLARITY_WORDS = { "+": "cooperative", "-": "hostile", "0": "neutral or mixed" };
  var MAJOR_LABELS = 30;  // this many best-evidenced actors are labelled at every zoom; the others when zoomed in
  var registered = false;

  function register() {
    if (registered) return;
    if (!window.cytoscape) throw new Error("cytoscape.js is not loaded");
    if (window.cytoscapeFcose) window.cytoscape.use(window.cytoscapeFcose);
    // Cytoscape adds a <style> element for its container unless one with this id exists: the CSP forbids inline
    // styles, and style.css carries the same rule, so a marker element stands in for it.
    if (!document.getElementById("__________cytoscape_stylesheet")) {
      var marker = document.createElement("meta");
      marker.id = "__________cytoscape_stylesheet";
      marker.setAttribute("name", "cytoscape-container-style");
      marker.setAttribute("content", "style.css");
      document.head.appendChild(marker);
    }
    registered = true;
  }

  /* The part of the graph to draw: edges of at least minWeight sentences, then the focus actor and its
   * neighbours, or the top-N actors by evidence over the kept edges (actors left without an edge are dropped). */
  function subgraph(graph, view) {
    var minWeight = Math.max(1, view.minWeight || 1), top = Math.max(1, view.top || 100);
    var edges = graph.edges.filter(function (e) { return (e.weight || 0) >= minWeight; });
    var strength = {};
    edges.forEach(function (e) {
      strength[e.source] = (strength[e.source] || 0) + e.weight;
      strength[e.target] = (strength[e.target] || 0) + e.weight;
    });
    var keep = {};
    if (view.focus) {
      keep[view.focus] = true;
      edges.forEach(function (e) {
        if (e.source === view.focus) keep[e.target] = true;
        if (e.target === view.focus) keep[e.source] = true;
      });
    } else {
      graph.nodes.filter(function (n) { return strength[n.id]; })
        .sort(function (a, b) { return (strength[b.id] - strength[a.id]) || (a.id < b.id ? -1 : 1); })
        .slice(0, top).forEach(function (n) { keep[n.id] = true; });
    }
    var nodes = graph.nodes.filter(function (n) { return keep[n.id]; });
    edges = edges.filter(function (e) { return keep[e.source] && keep[e.target]; });
    return { nodes: nodes, edges: edges, strength: strength };
  }

  function elements(part, focus) {
    var maxStrength = 1, maxWeight = 1, byCommunity = {};
    part.nodes.forEach(function (n) { maxStrength = Math.max(maxStrength, part.strength[n.id] || 0); });
    part.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight || 1); });
    // Labelled at every zoom: the best-evidenced actors overall and the top few of each community, so every
    // group shows who it is; the others are labelled once zoomed in (no wall of overlapping names).
    var major = {};
    part.nodes.slice().sort(function (a, b) { return (part.strength[b.id] || 0) - (part.strength[a.id] || 0); })
      .forEach(function (n, rank) {
        var c = byCommunity[n.community] = (byCommunity[n.community] || 0) + 1;
        if (rank < MAJOR_LABELS || c <= 3) major[n.id] = true;
      });
    var result = [];
    part.nodes.forEach(function (n) {
      var data = {
        id: n.id, label: n.name || n.id, kind: n.kind || "entity", name: n.name || n.id, mentions: n.mentions || 0,
        documents: n.documents || 0, strength: part.strength[n.id] || 0, community: n.community, fs: 12,
        size: 9 + 27 * Math.sqrt((part.strength[n.id] || 0) / maxStrength),
        colour: KIND_COLOURS[n.kind] || KIND_COLOURS.entity
      };
      result.push({ group: "nodes", data: data, classes: (major[n.id] ? "major" : "minor") + (n.id === focus ? " focus" : "") });
    });
    part.edges.forEach(function (e, i) {
      var forward = e.forward || 0, backward = e.backward || 0, source = e.source, target = e.target, classes = [];
      if (backward > forward) { source = e.target; target = e.source; }  // draw the dominant direction
      if (forward || backward) classes.push("directed");
      if (forward && backward) classes.push("both");
      classes.push({ "+": "pos", "-": "neg" }[e.polarity] || "neu");
      if (communityOf(part, e.source) !== communityOf(part, e.target)) classes.push("across");
      result.push({
        group: "edges",
        data: {
          id: "e" + i, source: source, target: target, pair: [e.source, e.target], weight: e.weight || 1,
          width: 0.8 + 6 * Math.sqrt((e.weight || 1) / maxWeight), colour: POLARITY_COLOURS[e.polarity] || POLARITY_COLOURS["0"],
          raw: e
        },
        classes: classes.join(" ")
      });
    });
    return result;
  }

  function communityOf(part, id) {
    if (!part.byId) { part.byId = {}; part.nodes.forEach(function (n) { part.byId[n.id] = n; }); }
    return part.byId[id] ? part.byId[id].community : null;
  }

  function stylesheet() {
    return [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)", label: "data(label)",
        "font-family": "system-ui, -apple-system, Segoe UI, sans-serif", "font-size": "data(fs)", color: "#1d2433",
        "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2.5,
        "border-color": "#fff", "border-width": 1, "min-zoomed-font-size": 0, "z-index": 10
      } },
      { selector: "node.major", style: { "font-weight": 600, "z-index": 20 } },
      { selector: "node.minor, node.crowded", style: { label: "" } },
      { selector: "node.zoomed, node.highlight, node.focus", style: { label: "data(label)" } },
      { selector: "node.focus", style: { "border-color": "#111", "border-width": 3 } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "data(colour)", opacity: 0.5, "curve-style": "haystack",
        "haystack-radius": 0, "z-index": 1
      } },
      { selector: "edge.directed", style: {
        "curve-style": "straight", "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)",
        "arrow-scale": 1.1, opacity: 0.7
      } },
      { selector: "edge.across", style: { opacity: 0.16 } },
      { selector: "edge.both", style: { "source-arrow-shape": "triangle", "source-arrow-color": "data(colour)" } },
      { selector: ".faded", style: { opacity: 0.08, "text-opacity": 0 } },
      { selector: "node.highlight", style: { "z-index": 30 } },
      { selector: "edge.highlight", style: { opacity: 0.95, "z-index": 5 } },
      { selector: "edge:selected", style: { "line-color": "#111", "target-arrow-color": "#111", "source-arrow-color": "#111", opacity: 1 } }
    ];
  }

  /* Communities apart: each gets a square cell (area by its size), cells packed in rows to the container's shape,
   * and fCoSE lays out each community inside its cell. Small layouts are fast (fCoSE's cost grows faster than the
   * graph) and the groups cannot overlap; edges between communities are drawn faint. */
  function layout(cy, aspect) {
    // fCoSE draws its start positions with Math.random: a seeded generator for the time of the layout makes the
    // same graph come out the same way every time (stable screenshots, no reshuffle on reload).
    var random = Math.random, state = 7;
    Math.random = function () {  // mulberry32
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    try { layoutGroups(cy, aspect); } finally { Math.random = random; }
  }

  function layoutGroups(cy, aspect) {
    var groups = {}, order = [];
    cy.nodes().forEach(function (node) {
      var c = node.data("community");
      if (!groups[c]) { groups[c] = cy.collection(); order.push(c); }
      groups[c] = groups[c].union(node);
    });
    order.sort(function (a, b) { return groups[b].length - groups[a].length || a - b; });
    var side = function (count) { return 62 * Math.sqrt(count) + 50; }, gap = 50;
    // Row width: of the widths at which a row breaks, the one whose packing best fills the container's shape.
    var best = null, total = 0;
    order.forEach(function (c) {
      total += side(groups[c].length) + gap;
      var extent = pack(order.map(function (k) { return side(groups[k].length); }), total, gap);
      var fill = Math.min(aspect / (extent.w / extent.h), (extent.w / extent.h) / aspect);
      if (!best || fill > best.fill + 1e-9) best = { fill: fill, width: total };
    });
    var rowWidth = best ? best.width : 1;
    var x = 0, y = 0, rowHeight = 0;
    order.forEach(function (c) {
      var members = groups[c], s = side(members.length);
      if (x > 0 && x + s > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      var box = { x1: x, y1: y, w: s, h: s };
      x += s + gap; rowHeight = Math.max(rowHeight, s);
      if (members.length > 1) {
        members.union(members.edgesWith(members)).layout({
          name: window.cytoscapeFcose ? "fcose" : "cose", quality: "default", randomize: true, animate: false,
          fit: false, padding: 10, nodeDimensionsIncludeLabels: false, packComponents: true,
          nodeRepulsion: function () { return 6000; }, idealEdgeLength: function () { return 60; }, numIter: 1000
        }).run();
      }
      fitInto(members, box);
    });
  }

  /* The extent of cells of these sides packed in rows of at most rowWidth. */
  function pack(sides, rowWidth, gap) {
    var x = 0, y = 0, rowHeight = 0, width = 0;
    sides.forEach(function (s) {
      if (x > 0 && x + s > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      x += s + gap; rowHeight = Math.max(rowHeight, s); width = Math.max(width, x - gap);
    });
    return { w: Math.max(1, width), h: Math.max(1, y + rowHeight) };
  }

  /* Move and scale a laid-out group into its cell, keeping its shape. */
  function fitInto(members, box) {
    var bb = members.boundingBox({ includeLabels: false }), pad = 10;
    var scale = Math.min(1, (box.w - 2 * pad) / Math.max(1, bb.w), (box.h - 2 * pad) / Math.max(1, bb.h));
    var cx = box.x1 + box.w / 2, cy = box.y1 + box.h / 2, mx = bb.x1 + bb.w / 2, my = bb.y1 + bb.h / 2;
    members.positions(function (node) {
      var p = node.position();
      return { x: cx + (p.x - mx) * scale, y: cy + (p.y - my) * scale };
    });
  }

  function create(container, graph, handlers, view) {
    register();
    handlers = handlers || {};
    view = { top: (view && view.top) || 100, minWeight: (view && view.minWeight) || 1, focus: (view && view.focus) || null };
    var tooltip = document.createElement("div");
    tooltip.className = "graph-tooltip";
    tooltip.hidden = true;
    container.appendChild(tooltip);
    var cy = window.cytoscape({
      container: container, style: stylesheet(), minZoom: 0.05, maxZoom: 6,
      boxSelectionEnabled: false, autoungrabify: false, textureOnViewport: false, hideEdgesOnViewport: false
    });
    var api = { cy: cy, view: view, graph: graph, timings: {} };

    function draw() {
      var begin = performance.now();
      var part = subgraph(graph, view);
      cy.startBatch();
      cy.elements().remove();
      cy.add(elements(part, view.focus));
      cy.endBatch();
      api.timings.addMs = Math.round(performance.now() - begin);
      var big = part.edges.length > 1500;
      cy.renderer().hideEdgesOnViewport = big;  // panning a big graph stays smooth; edges come back at rest
      layout(cy, (container.clientWidth || 900) / (container.clientHeight || 650));
      api.timings.layoutMs = Math.round(performance.now() - begin) - api.timings.addMs;
      cy.fit(cy.elements(), 24);
      scaleLabels();
      api.timings.drawMs = Math.round(performance.now() - begin);
      api.shown = { nodes: part.nodes.length, edges: part.edges.length };
      if (handlers.onDraw) handlers.onDraw(api);
    }

    /* Labels keep a readable size on screen whatever the graph's extent: 12px at the fitted zoom, growing as one
     * zooms in. The other actors' labels appear once zoomed in 1.6 times (or on hover), so they have room. */
    function scaleLabels() {
      var zoom = cy.zoom() || 1;
      api.fitZoom = zoom;
      cy.batch(function () {
        cy.nodes().forEach(function (node) { node.data("fs", (node.hasClass("major") ? 12 : 11) / Math.min(zoom, 1.2)); });
      });
      declutter();
      api.minorLabels = null;  // new elements: decide again
      zoomLabels();
    }

    /* At the fitted zoom a label that would overlap a better-evidenced actor's label is held back (it shows when
     * zoomed in or on hover), so the labels drawn can be read. */
    function declutter() {
      var placed = [];
      cy.batch(function () {
        cy.nodes(".crowded").removeClass("crowded");
        cy.nodes(".major").sort(function (a, b) { return b.data("strength") - a.data("strength"); }).forEach(function (node) {
          var box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
          var clash = placed.some(function (other) {
            return box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2;
          });
          if (clash) node.addClass("crowded"); else placed.push(box);
        });
      });
    }

    function zoomLabels() {
      var wanted = cy.zoom() >= 1.6 * (api.fitZoom || 1) || cy.nodes().length <= MAJOR_LABELS;
      if (wanted === api.minorLabels) return;
      api.minorLabels = wanted;
      cy.batch(function () { cy.nodes(".minor, .crowded")[wanted ? "addClass" : "removeClass"]("zoomed"); });
    }
    cy.on("zoom", zoomLabels);

    function label(node) {
      var d = node.data();
      return d.name + " (" + d.id + ") · " + d.kind + " · " + d.mentions + " mention" + (d.mentions === 1 ? "" : "s") +
        " in " + d.documents + " document" + (d.documents === 1 ? "" : "s") + " · " + d.strength + " relation sentences";
    }

    function edgeLabel(edge) {
      var e = edge.data("raw"), names = nameOf(graph);
      var arrow = edge.hasClass("both") ? " ⇄ " : edge.hasClass("directed") ? " → " : " – ";
      return names(edge.data("source")) + arrow + names(edge.data("target")) + ": " + e.type + " · " + e.weight +
        " sentence" + (e.weight === 1 ? "" : "s") + " (" + countsText(e) + ")";
    }

    function showTip(text, position) {
      tooltip.textContent = text;
      tooltip.hidden = false;
      var x = Math.min(position.x + 14, container.clientWidth - tooltip.offsetWidth - 4);
      var y = Math.max(4, position.y - tooltip.offsetHeight - 10);
      tooltip.style.left = Math.max(4, x) + "px";
      tooltip.style.top = y + "px";
    }

    cy.on("mouseover", "node", function (event) {
      showTip(label(event.target), event.renderedPosition);
      var around = event.target.closedNeighborhood();
      around.addClass("highlight");
    });
    cy.on("mouseover", "edge", function (event) { showTip(edgeLabel(event.target), event.renderedPosition); });
    cy.on("mouseout", "node, edge", function () {
      tooltip.hidden = true;
      cy.elements(".highlight").removeClass("highlight");
    });
    cy.on("tap", "node", function (event) {
      highlight(event.target.id());
      if (handlers.onNode) handlers.onNode(event.target.data(), event.target.data("raw"));
    });
    cy.on("tap", "edge", function (event) {
      cy.elements(":selected").unselect();
      event.target.select();
      if (handlers.onEdge) handlers.onEdge(event.target.data("raw"));
    });
    cy.on("tap", function (event) { if (event.target === cy) { cy.elements().removeClass("faded"); tooltip.hidden = true; } });

    function highlight(id) {
      var node = cy.getElementById(id);
      if (!node.length) return false;
      var around = node.closedNeighborhood();
      cy.elements().not(around).addClass("faded");
      around.removeClass("faded");
      return true;
    }

    api.draw = draw;
    api.set = function (changes) {
      Object.keys(changes).forEach(function (key) { view[key] = changes[key]; });
      draw();
    };
    api.highlight = highlight;
    api.edgeIndex = function (a, b) {
      var found = -1;
      cy.edges().forEach(function (edge, i) {
        var pair = edge.data("pair");
        if (found < 0 && ((pair[0] === a && pair[1] === b) || (pair[0] === b && pair[1] === a))) found = i;
      });
      return found;
    };
    api.edgeCentre = function (index) {  // used by tests and keyboard users: where to click an edge
      var edge = cy.edges()[index];
      if (!edge) return null;
      var box = container.getBoundingClientRect(), p = edge.renderedMidpoint();
      return { x: p.x, y: p.y, pageX: box.left + p.x, pageY: box.top + p.y };
    };
    api.nodeCentre = function (id) {
      var node = cy.getElementById(id);
      return node.length ? node.renderedPosition() : null;
    };
    api.select = function (index) {
      var edge = cy.edges()[index];
      if (edge) { cy.elements(":selected").unselect(); edge.select(); if (handlers.onEdge) handlers.onEdge(edge.data("raw")); }
    };
    api.labelsShown = function () {  // actors whose label is drawn at the current zoom, with its size on screen
      var zoom = cy.zoom();
      return cy.nodes().filter(function (n) { return n.style("label"); }).map(function (n) {
        return { label: n.style("label"), px: parseFloat(n.style("font-size")) * zoom };
      });
    };
    draw();
    container.mvNetwork = api;
    return api;
  }

  function nameOf(graph) {
    if (!graph.names) { graph.names = {}; graph.nodes.forEach(function (n) { graph.names[n.id] = n.name || n.id; }); }
    return function (id) { return graph.names[id] || id; };
  }

  /* "11 cooperative, 2 hostile" from an edge's counts: zero counts are left out. */
  function countsText(counts) {
    var parts = [];
    if (counts.positive) parts.push(counts.positive + " cooperative");
    if (counts.negative) parts.push(counts.negative + " hostile");
    if (counts.neutral) parts.push(counts.neutral + " neutral");
    return parts.join(", ") || "no polarity";
  }

  function clear(element) { while (element.firstChild) element.removeChild(element.firstChild); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function docTitle(row) {  // the same fallback as the pages (views.doc_title)
    var title = (row.title || "").trim();
    return title || ("Untitled document " + String(row.document_id || "").slice(0, 10)).trim();
  }

  /* Fill the evidence panel: a readable summary of the edge's counts, then rows {evidence, document_id, title,
   * published, type, polarity, modality, confidence, source, target, speaker}. */
  function showEvidence(edge, data, names, href) {
    href = href || docHref;
    var title = document.getElementById("edge-title"), list = document.getElementById("edge-evidence");
    var hint = document.getElementById("edge-hint");
    if (!title || !list) return;
    var rows = data.evidence || [], total = data.total || rows.length;
    title.textContent = names(edge.source) + " – " + names(edge.target);
    if (hint) {
      clear(hint);
      var summary = [plural(total, "sentence") + " (" + countsText(edge) + ")"];
      summary.push("mostly " + edge.type);
      var directions = (data.counts && data.counts.direction) || {};
      var forward = directions[edge.source + "→" + edge.target], backward = directions[edge.target + "→" + edge.source];
      if (!data.counts) { forward = edge.forward; backward = edge.backward; }  // the report embeds no counts
      if (forward) summary.push(names(edge.source) + " → " + names(edge.target) + " in " + plural(forward, "claim"));
      if (backward) summary.push(names(edge.target) + " → " + names(edge.source) + " in " + plural(backward, "claim"));
      var undirected = data.counts && data.counts.undirected;
      if (undirected && (forward || backward)) summary.push(plural(undirected, "sentence") + " without a direction");
      if (edge.start) summary.push("published " + edge.start + (edge.end && edge.end !== edge.start ? " to " + edge.end : ""));
      var modalities = (data.counts && data.counts.modality) || {};
      Object.keys(modalities).forEach(function (m) { if (m !== "asserted") summary.push(modalities[m] + " " + m); });
      summary.forEach(function (text) { hint.appendChild(el("span", text, "summary-part")); });
      if (rows.length < total) hint.appendChild(el("span", "the newest " + rows.length + " listed", "summary-part"));
    }
    clear(list);
    rows.forEach(function (row) {
      var item = el("li", null, "evidence-item");
      var badges = el("div", null, "badges");
      badges.appendChild(el("span", POLARITY_WORDS[row.polarity] || row.polarity, "pol " + ({ "+": "pos", "-": "neg" }[row.polarity] || "neu")));
      badges.appendChild(el("span", row.type, "badge"));
      if (row.modality && row.modality !== "asserted") badges.appendChild(el("span", row.modality, "badge modality " + row.modality));
      if (row.source && row.target) badges.appendChild(el("span", names(row.source) + " → " + names(row.target), "badge direction"));
      if (row.confidence !== null && row.confidence !== undefined) badges.appendChild(el("span", "confidence " + Number(row.confidence).toFixed(2), "badge confidence"));
      if (row.speaker) badges.appendChild(el("span", row.speaker, "muted"));
      item.appendChild(badges);
      item.appendChild(el("blockquote", row.evidence, "evidence"));
      var link = el("a", docTitle(row), "doc");
      link.setAttribute("href", href(row));
      item.appendChild(link);
      if (row.published) item.appendChild(el("span", " " + row.published, "date"));
      list.appendChild(item);
    });
  }

  function docHref(row) {
    // Only our own relative links: the id is URL-encoded, so nothing from the data can form a javascript: URL.
    return "/doc/" + encodeURIComponent(row.document_id) + "#s-" + encodeURIComponent(String(row.span_start));
  }

  function showActor(node) {
    var title = document.getElementById("edge-title"), list = document.getElementById("edge-evidence");
    var hint = document.getElementById("edge-hint");
    if (!title || !list) return;
    title.textContent = node.name;
    clear(hint);
    hint.appendChild(el("span", node.id + " · " + node.kind, "summary-part"));
    hint.appendChild(el("span", plural(node.mentions, "mention") + " in " + plural(node.documents, "document"), "summary-part"));
    clear(list);
    var item = el("li", null, "evidence-item");
    var link = el("a", "Open the page of " + node.name);
    link.setAttribute("href", "/actor/" + encodeURIComponent(node.id));
    item.appendChild(link);
    var focus = el("button", "Show only its neighbourhood", "link-button");
    focus.type = "button";
    focus.setAttribute("data-focus", node.id);
    item.appendChild(el("span", " · "));
    item.appendChild(focus);
    list.appendChild(item);
  }

  function initPage() {
    var container = document.getElementById("network");
    if (!container || !container.getAttribute("data-api")) return;
    var started = performance.now();
    var status = document.getElementById("graph-status");
    var form = document.getElementById("graph-view");
    var params = new URLSearchParams(window.location.search);
    var filters = new URLSearchParams();
    ["since", "until", "speaker", "type", "modality", "min_confidence"].forEach(function (key) {
      if (params.get(key)) filters.set(key, params.get(key));
    });
    var view = {
      top: parseInt(container.getAttribute("data-top"), 10) || 100,
      minWeight: parseInt(container.getAttribute("data-min-weight"), 10) || 1,
      focus: container.getAttribute("data-initial-focus") || null
    };
    var query = new URLSearchParams(filters);
    query.set("max_nodes", "500");
    var network = null, names = function (id) { return id; };

    function report(api) {
      if (!status) return;
      var text = api.shown.nodes + " of " + api.graph.nodes.length + " actors, " + api.shown.edges + " relations";
      if (view.focus) text += " around " + names(view.focus);
      if (!api.shown.nodes) text += " for these filters";
      status.textContent = text + ".";
    }

    function remember() {  // the URL says what is shown, so it can be shared or reloaded
      var url = new URLSearchParams(window.location.search);
      url.set("top", String(view.top));
      url.set("min_weight", String(view.minWeight));
      if (view.focus) url.set("focus", view.focus); else url.delete("focus");
      window.history.replaceState(null, "", "?" + url.toString());
    }

    function focusOn(text) {
      text = (text || "").trim();
      if (!text) { network.set({ focus: null }); remember(); return; }
      var lower = text.toLowerCase(), found = null;
      network.graph.nodes.forEach(function (n) {
        if (!found && (n.id.toLowerCase() === lower || (n.name || "").toLowerCase() === lower)) found = n.id;
      });
      if (found) { network.set({ focus: found }); remember(); return; }
      fetch("/api/resolve?q=" + encodeURIComponent(text))
        .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
        .then(function (result) {
          if (!result.ok) { if (status) status.textContent = result.body.detail; return; }
          var id = result.body.id;
          if (!network.graph.nodes.some(function (n) { return n.id === id; })) {
            if (status) status.textContent = text + " (" + id + ") has no relation in this view.";
            return;
          }
          network.set({ focus: id }); remember();
        });
    }

    fetch(container.getAttribute("data-api") + "?" + query.toString())
      .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.json(); })
      .then(function (graph) {
        var fetched = performance.now();
        names = nameOf(graph);
        var list = document.getElementById("actor-names");
        if (list) graph.nodes.forEach(function (n) { var option = el("option"); option.value = n.name || n.id; list.appendChild(option); });
        network = create(container, graph, {
          onDraw: report,
          onNode: function (node) { showActor(node); },
          onEdge: function (edge) {
            var edgeQuery = new URLSearchParams(filters);
            edgeQuery.set("a", edge.source); edgeQuery.set("b", edge.target);
            fetch("/api/edge?" + edgeQuery.toString())
              .then(function (response) { return response.json(); })
              .then(function (data) { showEvidence(edge, data, names); });
          }
        }, view);
        view = network.view;
        container.setAttribute("data-fetch-ms", String(Math.round(fetched - started)));
        container.setAttribute("data-render-ms", String(Math.round(performance.now() - fetched)));
        container.setAttribute("data-ready", "1");
      })
      .catch(function (error) { if (status) status.textContent = "Could not load the graph: " + error.message; });

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!network) return;
        var top = parseInt(form.elements.top.value, 10), minWeight = parseInt(form.elements.min_weight.value, 10);
        view.top = top > 0 ? Math.min(top, 500) : view.top;
        view.minWeight = minWeight > 0 ? minWeight : 1;
        var wanted = form.elements.focus.value;
        if (wanted.trim()) { focusOn(wanted); return; }
        network.set({ focus: null }); remember();
      });
    }
    var clearButton = document.getElementById("clear-focus");
    if (clearButton) clearButton.addEventListener("click", function () {
      if (!network) return;
      if (form) form.elements.focus.value = "";
      network.set({ focus: null }); remember();
    });
    document.addEventListener("click", function (event) {
      var id = event.target && event.target.getAttribute && event.target.getAttribute("data-focus");
      if (id && network) {
        if (form) form.elements.focus.value = names(id);
        network.set({ focus: id }); remember();
      }
    });
  }

  window.MVNetwork = { create: create, showEvidence: showEvidence, showActor: showActor, countsText: countsText, names: nameOf };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();

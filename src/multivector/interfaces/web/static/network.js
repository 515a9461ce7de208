/* multivector actor network: a small force-directed layout drawn on <canvas>, no library.
 *
 * window.MVNetwork.create(canvas, graph, {onEdge, onNode}) lays out graph = {nodes: [...], edges: [...]} (the
 * JSON of /api/graph) and draws it: nodes sized by mentions and coloured by kind, edges coloured by polarity and
 * as thick as their evidence count. Drag a node to move it; click an edge or a node to call the handlers.
 * On the web app's network page (canvas[data-api]) it fetches the graph itself and lists an edge's evidence in
 * the side panel. Article text only ever reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var KIND_COLOURS = {
    state: "#3b6fb6", organisation: "#8a55b5", bloc: "#d08a1e", project: "#2a9d8f",
    group: "#c0392b", company: "#6d6d6d", place: "#9aa5b1", entity: "#9aa5b1"
  };
  var POLARITY_COLOURS = { "+": "rgba(46,139,87,0.75)", "-": "rgba(200,55,55,0.8)", "0": "rgba(120,120,130,0.6)" };

  function nodeRadius(node, maxMentions) {
    return 5 + 17 * Math.sqrt((node.mentions || 1) / (maxMentions || 1));
  }

  function create(canvas, graph, handlers) {
    handlers = handlers || {};
    var ctx = canvas.getContext("2d");
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || canvas.width, height = canvas.clientHeight || canvas.height;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);

    var maxMentions = 1, maxWeight = 1;
    graph.nodes.forEach(function (n) { maxMentions = Math.max(maxMentions, n.mentions || 1); });
    graph.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight || 1); });
    var byId = {};
    var nodes = graph.nodes.map(function (n, i) {
      // Start on a circle so the layout is deterministic for a given graph.
      var angle = (2 * Math.PI * i) / Math.max(1, graph.nodes.length);
      var node = {
        data: n, id: n.id, x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle),
        vx: 0, vy: 0, r: nodeRadius(n, maxMentions), fixed: false
      };
      byId[n.id] = node;
      return node;
    });
    var edges = graph.edges.filter(function (e) { return byId[e.source] && byId[e.target]; }).map(function (e) {
      return { data: e, s: byId[e.source], t: byId[e.target], w: 1 + 6 * Math.sqrt((e.weight || 1) / maxWeight) };
    });
    var state = { hoverEdge: null, hoverNode: null, selected: null, drag: null, alpha: 1, moved: false };

    function step() {
      var k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.42;
      var i, j, a, b, dx, dy, d2, d, f;
      for (i = 0; i < nodes.length; i++) {
        a = nodes[i];
        for (j = i + 1; j < nodes.length; j++) {
          b = nodes[j];
          dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy + 0.01;
          f = (k * k) / d2;
          a.vx += dx * f * 0.05; a.vy += dy * f * 0.05;
          b.vx -= dx * f * 0.05; b.vy -= dy * f * 0.05;
        }
      }
      edges.forEach(function (e) {
        dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        f = ((d - k) / d) * 0.06;
        e.s.vx += dx * f; e.s.vy += dy * f; e.t.vx -= dx * f; e.t.vy -= dy * f;
      });
      nodes.forEach(function (n) {
        n.vx += (width / 2 - n.x) * 0.012; n.vy += (height / 2 - n.y) * 0.012; // gravity keeps islands on screen
        if (n.fixed) { n.vx = 0; n.vy = 0; return; }
        n.x += Math.max(-12, Math.min(12, n.vx * state.alpha));
        n.y += Math.max(-12, Math.min(12, n.vy * state.alpha));
        n.vx *= 0.55; n.vy *= 0.55;
        // Keep room for the label under the node and half its width on each side.
        n.x = Math.max(n.r + 45, Math.min(width - n.r - 45, n.x));
        n.y = Math.max(n.r + 6, Math.min(height - n.r - 18, n.y));
      });
      state.alpha = Math.max(0.02, state.alpha * 0.985);
    }

    function draw() {
      ctx.clearRect(0, 0, width, height);
      edges.forEach(function (e) {
        var active = e === state.hoverEdge || e === state.selected;
        ctx.strokeStyle = active ? "#111" : POLARITY_COLOURS[e.data.polarity] || POLARITY_COLOURS["0"];
        ctx.lineWidth = active ? e.w + 2 : e.w;
        ctx.beginPath(); ctx.moveTo(e.s.x, e.s.y); ctx.lineTo(e.t.x, e.t.y); ctx.stroke();
      });
      nodes.forEach(function (n) {
        ctx.fillStyle = KIND_COLOURS[n.data.kind] || KIND_COLOURS.entity;
        ctx.beginPath(); ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI); ctx.fill();
        ctx.lineWidth = n === state.hoverNode ? 3 : 1.5;
        ctx.strokeStyle = "#fff"; ctx.stroke();
      });
      ctx.font = "12px system-ui, -apple-system, Segoe UI, sans-serif";
      ctx.textAlign = "center";
      nodes.forEach(function (n) {
        var label = n.id;
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)";
        ctx.strokeText(label, n.x, n.y + n.r + 12);
        ctx.fillStyle = "#1d2433"; ctx.fillText(label, n.x, n.y + n.r + 12);
      });
      if (state.hoverEdge) {
        var e = state.hoverEdge.data;
        tooltip(e.source + " – " + e.target + ": " + e.type + " (" + e.weight + " sentence" + (e.weight === 1 ? "" : "s") + ")",
          (state.hoverEdge.s.x + state.hoverEdge.t.x) / 2, (state.hoverEdge.s.y + state.hoverEdge.t.y) / 2);
      } else if (state.hoverNode) {
        var d = state.hoverNode.data;
        tooltip(d.name + " · " + d.kind + " · " + d.mentions + " mentions", state.hoverNode.x, state.hoverNode.y - state.hoverNode.r - 8);
      }
    }

    function tooltip(text, x, y) {
      ctx.font = "13px system-ui, -apple-system, Segoe UI, sans-serif";
      var w = ctx.measureText(text).width + 12;
      x = Math.max(w / 2 + 2, Math.min(width - w / 2 - 2, x));
      y = Math.max(22, y);
      ctx.fillStyle = "rgba(29,36,51,0.92)";
      ctx.fillRect(x - w / 2, y - 20, w, 22);
      ctx.fillStyle = "#fff"; ctx.textAlign = "center"; ctx.fillText(text, x, y - 5);
    }

    function nodeAt(x, y) {
      for (var i = nodes.length - 1; i >= 0; i--) {
        var n = nodes[i], dx = n.x - x, dy = n.y - y;
        if (dx * dx + dy * dy <= (n.r + 2) * (n.r + 2)) return n;
      }
      return null;
    }

    function edgeAt(x, y) {
      var best = null, bestDistance = 7;
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, len2 = dx * dx + dy * dy || 1;
        var t = Math.max(0, Math.min(1, ((x - e.s.x) * dx + (y - e.s.y) * dy) / len2));
        var px = e.s.x + t * dx - x, py = e.s.y + t * dy - y;
        var distance = Math.sqrt(px * px + py * py) - e.w / 2;
        if (distance < bestDistance) { bestDistance = distance; best = e; }
      });
      return best;
    }

    function position(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }

    canvas.addEventListener("mousedown", function (event) {
      var p = position(event), n = nodeAt(p.x, p.y);
      state.moved = false;
      if (n) { state.drag = n; n.fixed = true; }
    });
    canvas.addEventListener("mousemove", function (event) {
      var p = position(event);
      if (state.drag) {
        state.drag.x = p.x; state.drag.y = p.y; state.moved = true; state.alpha = Math.max(state.alpha, 0.3);
      }
      state.hoverNode = nodeAt(p.x, p.y);
      state.hoverEdge = state.hoverNode ? null : edgeAt(p.x, p.y);
      canvas.style.cursor = state.hoverNode || state.hoverEdge ? "pointer" : "default";
    });
    canvas.addEventListener("mouseup", function (event) {
      var p = position(event), dragged = state.drag && state.moved;
      if (state.drag) { state.drag.fixed = dragged; state.drag = null; }
      if (dragged) return;
      var n = nodeAt(p.x, p.y);
      if (n) { if (handlers.onNode) handlers.onNode(n.data); return; }
      var e = edgeAt(p.x, p.y);
      if (e) { state.selected = e; if (handlers.onEdge) handlers.onEdge(e.data); }
    });
    canvas.addEventListener("mouseleave", function () { state.hoverNode = null; state.hoverEdge = null; });

    // Settle most of the layout before the first frame, then keep animating gently.
    for (var i = 0; i < 250; i++) step();
    state.alpha = 0.1;
    function frame() { step(); draw(); window.requestAnimationFrame(frame); }
    window.requestAnimationFrame(frame);

    var api = {
      nodes: nodes, edges: edges, draw: draw,
      edgeCentre: function (index) {  // used by tests and keyboard users: where to click an edge
        var e = edges[index];
        return e ? { x: (e.s.x + e.t.x) / 2, y: (e.s.y + e.t.y) / 2 } : null;
      },
      select: function (index) { var e = edges[index]; if (e) { state.selected = e; if (handlers.onEdge) handlers.onEdge(e.data); } }
    };
    canvas.mvNetwork = api;
    return api;
  }

  function clear(element) { while (element.firstChild) element.removeChild(element.firstChild); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  /* Fill the evidence panel with rows {evidence, document_id, title, published, type, polarity, speaker}. */
  function showEvidence(edge, rows, total, docHref) {
    var title = document.getElementById("edge-title"), list = document.getElementById("edge-evidence");
    var hint = document.getElementById("edge-hint");
    if (!title || !list) return;
    title.textContent = edge.source + " – " + edge.target + " · " + edge.type + " · " + (total || rows.length) + " sentence" + ((total || rows.length) === 1 ? "" : "s");
    if (hint) hint.textContent = (edge.start ? "Evidence published " + edge.start + (edge.end && edge.end !== edge.start ? " – " + edge.end : "") + ". " : "") +
      "+" + (edge.positive || 0) + " / −" + (edge.negative || 0) + " / 0:" + (edge.neutral || 0);
    clear(list);
    rows.forEach(function (row) {
      var item = el("li", null, "evidence-item");
      var badge = el("span", row.polarity === "-" ? "−" : row.polarity, "pol " + (row.polarity === "+" ? "pos" : row.polarity === "-" ? "neg" : "neu"));
      item.appendChild(badge);
      item.appendChild(el("span", " " + row.type + (row.speaker ? " · " + row.speaker : "") + " ", "muted"));
      item.appendChild(el("blockquote", row.evidence, "evidence"));
      var link = el("a", row.title || row.document_id, "doc");
      var href = docHref(row);
      if (href) link.setAttribute("href", href);
      item.appendChild(link);
      if (row.published) item.appendChild(el("span", " " + row.published, "date"));
      list.appendChild(item);
    });
  }

  function docHref(row) {
    // Only our own relative links: the id is URL-encoded, so nothing from the data can form a javascript: URL.
    return "/doc/" + encodeURIComponent(row.document_id) + "#s-" + encodeURIComponent(String(row.span_start));
  }

  function initPage() {
    var canvas = document.getElementById("network");
    if (!canvas || !canvas.getAttribute("data-api")) return;
    var status = document.getElementById("graph-status");
    var params = new URLSearchParams(window.location.search);
    var filters = new URLSearchParams();
    ["since", "until", "speaker", "type"].forEach(function (key) { if (params.get(key)) filters.set(key, params.get(key)); });
    fetch(canvas.getAttribute("data-api") + "?" + filters.toString())
      .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.json(); })
      .then(function (graph) {
        if (status) status.textContent = graph.nodes.length + " actors, " + graph.edges.length + " relations" + (graph.nodes.length ? "" : " for these filters");
        create(canvas, graph, {
          onNode: function (node) { window.location.href = "/actor/" + encodeURIComponent(node.id); },
          onEdge: function (edge) {
            var query = new URLSearchParams(filters);
            query.set("a", edge.source); query.set("b", edge.target);
            fetch("/api/edge?" + query.toString())
              .then(function (response) { return response.json(); })
              .then(function (data) { showEvidence(edge, data.evidence, data.total, docHref); });
          }
        });
        canvas.setAttribute("data-ready", "1");
      })
      .catch(function (error) { if (status) status.textContent = "Could not load the graph: " + error.message; });
  }

  window.MVNetwork = { create: create, showEvidence: showEvidence };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();

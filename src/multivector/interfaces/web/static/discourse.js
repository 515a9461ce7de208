/* multivector discourse networks, drawn with the vendored Cytoscape.js and fCoSE (static/vendor/).
 *
 * On the discourse page, #discourse-experts[data-api] names the JSON of /api/discourse (the object of
 * `multivector discourse --json`); this script fetches it once and draws two networks:
 * - #discourse-experts: experts coloured by camp, green edges where they agree (congruence), red dashed edges where
 *   they disagree (conflict), as thick as the normalised weight;
 * - #discourse-affiliation: experts and the actors they judge, each edge coloured by the sign of the stance.
 * Labels are names (actors by data-names, an id -> name map). Clicking a node or an edge describes it below the
 * graphs (#discourse-info), with a link to the expert's or actor's page. Text reaches the page through textContent
 * only. Each container gets .mvDiscourse = {cy, shown: {nodes, edges}} and data-ready="1" once drawn.
 */
(function () {
  "use strict";

  var CAMP_COLOURS = ["#2f5ea8", "#d0711e", "#2a9d8f", "#8a55b5", "#b5485d", "#6b8e23", "#a07d2c", "#4a6fa5"];
  var SOLO = "#9aa5b1", ACTOR = "#5d6b82";
  var SIGN_COLOURS = { "1": "#2e8b57", "-1": "#c83737", "0": "#8a8f99" };

  function register() {
    if (!window.cytoscape) throw new Error("cytoscape.js is not loaded");
    if (window.cytoscapeFcose && !register.done) window.cytoscape.use(window.cytoscapeFcose);
    register.done = true;
    // Cytoscape adds an inline <style> unless an element with this id exists; the CSP forbids inline styles and
    // style.css carries the rule (as in network.js).
    if (!document.getElementById("__________cytoscape_stylesheet")) {
      var marker = document.createElement("meta");
      marker.id = "__________cytoscape_stylesheet";
      marker.setAttribute("name", "cytoscape-container-style");
      marker.setAttribute("content", "style.css");
      document.head.appendChild(marker);
    }
  }

  function campColours(data) {
    var colours = {};
    data.camps.forEach(function (camp, n) {
      camp.forEach(function (expert) { colours[expert] = camp.length > 1 ? CAMP_COLOURS[n % CAMP_COLOURS.length] : SOLO; });
    });
    return colours;
  }

  function campNumber(data) {
    var numbers = {};
    data.camps.forEach(function (camp, n) { camp.forEach(function (expert) { numbers[expert] = n + 1; }); });
    return numbers;
  }

  function expertElements(data) {
    var colours = campColours(data), camps = campNumber(data), result = [], max = 0;
    data.congruence.concat(data.conflict).forEach(function (t) { max = Math.max(max, t.weight); });
    data.experts.forEach(function (expert) {
      result.push({ group: "nodes", data: { id: "x:" + expert, label: expert, name: expert, kind: "expert",
        colour: colours[expert] || SOLO, camp: camps[expert] } });
    });
    [["congruence", "agree"], ["conflict", "disagree"]].forEach(function (pair) {
      data[pair[0]].forEach(function (t, i) {
        result.push({ group: "edges", classes: pair[1], data: { id: pair[1] + i, source: "x:" + t.a, target: "x:" + t.b,
          width: 1 + 6 * (t.weight / (max || 1)), tie: t, kind: pair[0] } });
      });
    });
    return result;
  }

  function affiliationElements(data, names) {
    var colours = campColours(data), result = [], seen = {};
    data.affiliation.forEach(function (a, i) {
      if (!seen["x:" + a.speaker]) {
        seen["x:" + a.speaker] = true;
        result.push({ group: "nodes", data: { id: "x:" + a.speaker, label: a.speaker, name: a.speaker, kind: "expert", colour: colours[a.speaker] || SOLO } });
      }
      if (!seen["a:" + a.actor]) {
        seen["a:" + a.actor] = true;
        result.push({ group: "nodes", classes: "actor", data: { id: "a:" + a.actor, label: names[a.actor] || a.actor, name: names[a.actor] || a.actor,
          actor: a.actor, kind: "actor", colour: ACTOR } });
      }
      result.push({ group: "edges", data: { id: "s" + i, source: "x:" + a.speaker, target: "a:" + a.actor,
        colour: SIGN_COLOURS[String(a.sign)], width: 1 + Math.min(5, a.records), stance: a, kind: "affiliation" } });
    });
    return result;
  }

  function style() {
    return [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", width: 18, height: 18, "font-size": 11,
        "font-family": "system-ui, -apple-system, Segoe UI, sans-serif", color: "#1d2433", "text-valign": "bottom",
        "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 0
      } },
      { selector: "node.actor", style: { shape: "round-rectangle", width: 22, height: 14, "font-weight": 600 } },
      { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", opacity: 0.7 } },
      { selector: "edge.agree", style: { "line-color": "#2e8b57" } },
      { selector: "edge.disagree", style: { "line-color": "#c83737", "line-style": "dashed" } },
      { selector: "edge[colour]", style: { "line-color": "data(colour)" } },
      { selector: ":selected", style: { "border-color": "#111", "border-width": 3, "line-color": "#111", opacity: 1 } }
    ];
  }

  function seeded(run) {
    // fCoSE starts from Math.random: a seeded generator for the time of the layout draws the same graph the same way.
    var random = Math.random, state = 7;
    Math.random = function () {
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    try { return run(); } finally { Math.random = random; }
  }

  function describe(target, info) {
    info.textContent = "";
    var data = target.data(), line = document.createElement("span");
    function link(href, text) {
      var a = document.createElement("a");
      a.setAttribute("href", href);
      a.textContent = text;
      return a;
    }
    if (target.isNode()) {
      if (data.kind === "actor") {
        line.textContent = data.name + " (" + data.actor + "), judged by " + target.degree() + " expert(s). ";
        info.appendChild(line);
        info.appendChild(link("/actor/" + encodeURIComponent(data.actor), "Actor page"));
      } else {
        line.textContent = data.name + (data.camp ? ", camp " + data.camp : "") + ": " + target.degree() + " tie(s). ";
        info.appendChild(line);
        info.appendChild(link("/expert/" + encodeURIComponent(data.name), "Quotes and stances"));
      }
      return;
    }
    if (data.kind === "affiliation") {
      var s = data.stance;
      line.textContent = s.speaker + " on " + target.target().data("name") + ": " + ({ "1": "favourable", "-1": "critical", "0": "neutral" })[String(s.sign)]
        + " (" + s.records + " claim(s); weights + " + s.positive.toFixed(2) + ", − " + s.negative.toFixed(2) + ", 0 " + s.neutral.toFixed(2) + "). ";
      info.appendChild(line);
      info.appendChild(link("/api/stances?speaker=" + encodeURIComponent(s.speaker) + "&actor=" + encodeURIComponent(s.actor), "The claims"));
      return;
    }
    var t = data.tie;
    line.textContent = t.a + " and " + t.b + (data.kind === "congruence" ? " agree on " : " disagree on ") + t.actors.join(", ")
      + " (weight " + t.weight.toFixed(2) + ", " + t.raw + " statement(s)).";
    info.appendChild(line);
  }

  /* Experts are placed by their agreements only (a disagreement should push apart, not pull together), so the camps
   * come out as groups; the affiliation network by all its edges. */
  function draw(container, elements, info) {
    register();
    var cy = window.cytoscape({ container: container, elements: elements, style: style(), minZoom: 0.1, maxZoom: 4 });
    var laid = cy.elements().not("edge.disagree"), heaviest = 0;
    laid.edges().forEach(function (e) { heaviest = Math.max(heaviest, e.data("width")); });
    seeded(function () {
      laid.layout({ name: window.cytoscapeFcose ? "fcose" : "cose", animate: false, randomize: true, padding: 24,
        quality: "proof", packComponents: true, nodeSeparation: 90,
        nodeRepulsion: function () { return 22000; },
        idealEdgeLength: function (edge) { return 150 - 70 * (edge.data("width") / (heaviest || 1)); },
        edgeElasticity: function () { return 0.3; } }).run();
    });
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }  // a few nodes: keep labels at their size
    cy.on("tap", "node, edge", function (event) { if (info) describe(event.target, info); });
    container.mvDiscourse = { cy: cy, shown: { nodes: cy.nodes().length, edges: cy.edges().length } };
    container.dataset.ready = "1";
    return cy;
  }

  function init() {
    var experts = document.getElementById("discourse-experts");
    if (!experts || !experts.dataset.api) return;
    var affiliation = document.getElementById("discourse-affiliation"), info = document.getElementById("discourse-info");
    var names = {};
    try { names = JSON.parse(experts.getAttribute("data-names") || "{}"); } catch (e) { names = {}; }
    fetch(experts.dataset.api, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("the discourse data could not be loaded (" + response.status + ")");
        return response.json();
      })
      .then(function (data) {
        draw(experts, expertElements(data), info);
        if (affiliation) draw(affiliation, affiliationElements(data, names), info);
      })
      .catch(function (error) { if (info) info.textContent = String(error.message || error); });
  }

  window.MVDiscourse = { expertElements: expertElements, affiliationElements: affiliationElements, draw: draw };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

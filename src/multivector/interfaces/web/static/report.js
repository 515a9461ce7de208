/* The self-contained report: reads the JSON data block (element id "mv-data") embedded in the page, draws the
 * network with MVNetwork (the vendored Cytoscape.js, inlined) and shows an edge's evidence from the embedded rows,
 * filtered by the panel's modality and confidence fields. Data reaches the page only through textContent
 * (MVNetwork.showEvidence), and links point at anchors inside this file. */
(function () {
  "use strict";

  function init() {
    var holder = document.getElementById("mv-data"), container = document.getElementById("network");
    if (!holder || !container || !window.MVNetwork) return;
    var data = JSON.parse(holder.textContent);
    var names = window.MVNetwork.names(data.graph);
    var status = document.getElementById("graph-status");
    var filters = document.getElementById("evidence-filters");
    var current = null;

    function show(edge) {
      current = edge;
      var rows = data.evidence[edge.source + "|" + edge.target] || [];
      var modality = filters ? filters.elements.modality.value : "";
      var least = filters ? parseFloat(filters.elements.min_confidence.value) : NaN;
      var kept = rows.filter(function (row) {
        if (modality && (row.modality || "asserted") !== modality) return false;
        if (!isNaN(least) && !(row.confidence !== null && row.confidence !== undefined && row.confidence >= least)) return false;
        return true;
      });
      var total = kept.length === rows.length ? edge.weight : kept.length;
      window.MVNetwork.showEvidence(edge, { evidence: kept, total: total }, names, function (row) {
        return "#doc-" + encodeURIComponent(row.document_id);
      });
    }

    var network = window.MVNetwork.create(container, data.graph, {
      onDraw: function (api) {
        if (status) status.textContent = api.shown.nodes + " actors, " + api.shown.edges + " relations.";
      },
      onNode: function (node) {
        var target = document.getElementById("actor-" + node.id);
        if (target) target.scrollIntoView();
      },
      onEdge: show
    }, { top: data.graph.nodes.length, minWeight: 1 });
    if (filters) {
      filters.addEventListener("input", function () { if (current) show(current); });
      filters.addEventListener("submit", function (event) { event.preventDefault(); });
    }
    container.setAttribute("data-ready", "1");
    return network;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The self-contained report: reads the JSON data block (element id "mv-data") embedded in the page, draws the
 * network with MVNetwork and shows an edge's evidence from the embedded rows. Data reaches the page only through
 * textContent (MVNetwork.showEvidence), and links point at anchors inside this file. */
(function () {
  "use strict";

  function init() {
    var holder = document.getElementById("mv-data"), canvas = document.getElementById("network");
    if (!holder || !canvas || !window.MVNetwork) return;
    var data = JSON.parse(holder.textContent);
    var status = document.getElementById("graph-status");
    if (status) status.textContent = data.graph.nodes.length + " actors, " + data.graph.edges.length + " relations";
    window.MVNetwork.create(canvas, data.graph, {
      onNode: function (node) {
        var target = document.getElementById("actor-" + node.id);
        if (target) target.scrollIntoView();
      },
      onEdge: function (edge) {
        var rows = data.evidence[edge.source + "|" + edge.target] || [];
        window.MVNetwork.showEvidence(edge, rows, edge.weight, function (row) {
          return "#doc-" + encodeURIComponent(row.document_id);
        });
      }
    });
    canvas.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Sortable tables: click a header of a table.sortable to sort its rows by that column (click again to reverse).
 * Cells sort by their data-value attribute when present, else by their text; numbers sort numerically.
 * Rows are moved as DOM nodes: no HTML is built from data. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    var number = parseFloat(raw);
    return raw !== "" && !isNaN(number) && /^[-+]?[\d.,]+/.test(raw) ? number : raw.toLowerCase();
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;  // empty cells last whatever the direction
    if (b === "") return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b));
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, index) {
      header.classList.add("sortable-header");
      header.setAttribute("title", "Sort by this column");
      header.addEventListener("click", function (event) {
        if (event.target.tagName === "A") return;  // the link inside a header still navigates
        var body = table.tBodies[0];
        var descending = header.getAttribute("data-order") !== "desc";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("data-order"); });
        header.setAttribute("data-order", descending ? "desc" : "asc");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(cellValue(r1, index), cellValue(r2, index));
          return descending ? -result : result;
        });
        rows.forEach(function (row) { row.classList.remove("cluster-start"); body.appendChild(row); });
      });
    });
  }

  function init() { Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

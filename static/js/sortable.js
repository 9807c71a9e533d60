// Sorts a table marked data-sortable in place when a sortable header is activated. Without this script the
// header links reload the page sorted by the server (?sort=…), so sorting never depends on JavaScript.
(function () {
  "use strict";

  function compare(key, descending) {
    return function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      var result = key === "salary" ? Number(x) - Number(y) : x.localeCompare(y);
      return descending ? -result : result;
    };
  }

  function enhance(table) {
    var headers = table.querySelectorAll("th[data-sort-key]");
    headers.forEach(function (header) {
      var link = header.querySelector("a");
      if (!link) return;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = link.textContent;
      link.replaceWith(button);
      button.addEventListener("click", function () {
        var key = header.dataset.sortKey;
        // Salary starts high-to-low (what people look for first); names start A→Z.
        var descending = header.getAttribute("aria-sort")
          ? header.getAttribute("aria-sort") === "ascending"
          : key === "salary";
        var body = table.tBodies[0];
        Array.prototype.slice.call(body.rows).sort(compare(key, descending)).forEach(function (row) {
          body.appendChild(row);
        });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var url = new URL(window.location.href);
        url.searchParams.set("sort", (descending ? "-" : "") + key);
        window.history.replaceState(null, "", url);
        document.querySelectorAll("input[name=sort]").forEach(function (input) {
          input.value = (descending ? "-" : "") + key;
        });
      });
    });
  }

  document.querySelectorAll("table[data-sortable]").forEach(enhance);
})();

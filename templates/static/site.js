/* Progressive enhancement only: without this script every page works and lists everything.
   - keeps "closes in 3 days" right against the visitor's clock, days after the build, and
     once a deadline has passed shows the vacancy as closed and hides its apply link;
   - filters and sorts the vacancy list, keeping the state in the address (?grade=G17&sort=-deadline). */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  /* Babel's format_timedelta: the largest unit worth at least 0.85 of it, rounded. */
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
               ["hour", 3600], ["minute", 60], ["second", 1]];
  function relative(seconds) {
    var format = new Intl.RelativeTimeFormat(lang, { numeric: "always" });
    for (var i = 0; i < UNITS.length; i++) {
      var value = Math.abs(seconds) / UNITS[i][1];
      if (value >= 0.85) {
        return format.format(Math.max(1, Math.round(value)) * (seconds < 0 ? -1 : 1), UNITS[i][0]);
      }
    }
    return format.format(0, "second");
  }

  function updateCountdowns() {
    var now = Date.now();
    /* Once the deadline has passed for the visitor, the page stops offering to apply. */
    document.querySelectorAll("[data-open-until]").forEach(function (element) {
      if (Date.parse(element.dataset.openUntil) > now) { return; }
      if (element.dataset.closedText) {
        element.textContent = element.dataset.closedText;
        element.className = "status status-closed";
      } else {
        element.hidden = true;
      }
    });
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (element) {
      var seconds = (Date.parse(element.dataset.deadline) - now) / 1000;
      element.textContent = seconds > 0
        ? element.dataset.closes.replace("{when}", relative(seconds))
        : element.dataset.closed;
    });
  }

  function setUpFilters() {
    var form = document.getElementById("vacancy-filters");
    var list = document.getElementById("vacancy-list");
    var status = document.getElementById("filter-status");
    if (!form || !list || !status) { return; }
    var items = Array.prototype.slice.call(list.children);
    var fields = ["grade", "division", "location", "sort"];
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var value = params.get(name);
      if (value !== null && form.elements[name].querySelector("option[value='" + CSS.escape(value) + "']")) {
        form.elements[name].value = value;
      }
    });

    function apply(announce) {
      var grade = form.elements.grade.value;
      var division = form.elements.division.value;
      var location = form.elements.location.value;
      var descending = form.elements.sort.value === "-deadline";
      var shown = 0;
      items.sort(function (a, b) {
        var order = a.dataset.deadline < b.dataset.deadline ? -1 : a.dataset.deadline > b.dataset.deadline ? 1 : 0;
        return descending ? -order : order;
      });
      items.forEach(function (item) {
        var visible = (!grade || item.dataset.grade.split(" ").indexOf(grade) >= 0)
          && (!division || item.dataset.division === division)
          && (!location || item.dataset.location === location);
        item.hidden = !visible;
        if (visible) { shown += 1; }
        list.appendChild(item);
      });
      var query = new URLSearchParams();
      fields.forEach(function (name) {
        var value = form.elements[name].value;
        if (value && !(name === "sort" && value === "deadline")) { query.set(name, value); }
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      var text = form.dataset.status.replace("{shown}", shown).replace("{total}", items.length);
      if (announce || search) { status.textContent = text; }
    }

    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    updateCountdowns();
    window.setInterval(updateCountdowns, 60000);
    setUpFilters();
  });
})();

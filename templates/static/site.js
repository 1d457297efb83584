/* Progressive enhancement only: without this script every page works and lists everything.
   - keeps "closes in 3 days" right against the visitor's clock, days after the build (never
     saying more time is left than is), and once a deadline has passed shows the vacancy as
     closed and hides its apply link;
   - filters and sorts the vacancy list, keeping the state in the address (?grade=G17&sort=-deadline);
   - turns "Link to this page" into a button that copies the page's address. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  /* The time left, never more than is left: the largest unit of which one whole is left, and the
     whole number of them, rounded down (6 days 23 hours is "6 days", 11 days "1 week"). The units
     and the rule are generator/site/i18n.py's (COUNTDOWN_UNITS, time_left), which writes the text
     a visitor without JavaScript sees; tests/test_countdown.py holds both to one list of edges. */
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
               ["hour", 3600], ["minute", 60], ["second", 1]];
  function timeLeft(milliseconds) {
    for (var i = 0; i < UNITS.length; i++) {
      var count = Math.floor(milliseconds / (UNITS[i][1] * 1000));
      if (count >= 1) { return { count: count, unit: UNITS[i][0], size: UNITS[i][1] * 1000 }; }
    }
    return { count: 0, unit: "second", size: 1000 };
  }

  var MINUTE = 60000;

  /* Updates the countdowns and the open/closed state; returns the milliseconds until the next
     change of what they say (at most a minute, so that a clock that jumps is caught up with). */
  function updateCountdowns() {
    var now = Date.now();
    var next = MINUTE;
    var format = new Intl.RelativeTimeFormat(lang, { numeric: "always" });
    /* Once the deadline has passed for the visitor, the page stops offering to apply. */
    document.querySelectorAll("[data-open-until]").forEach(function (element) {
      var left = Date.parse(element.dataset.openUntil) - now;
      if (left > 0) { next = Math.min(next, left); return; }
      if (element.dataset.closedText) {
        element.textContent = element.dataset.closedText;
        element.className = "status status-closed";
      } else {
        element.hidden = true;
      }
    });
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (element) {
      var left = Date.parse(element.dataset.deadline) - now;
      if (left <= 0) {
        element.textContent = element.dataset.closed;
        return;
      }
      var shown = timeLeft(left);
      element.textContent = element.dataset.closes.replace("{when}", format.format(shown.count, shown.unit));
      /* The text changes once less than `count` units are left. */
      next = Math.min(next, left - shown.count * shown.size + 1);
    });
    return next;
  }

  function keepCountdownsRight() {
    window.setTimeout(keepCountdownsRight, updateCountdowns());
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

  /* Copying without the Clipboard API (an older browser, or a page not served over https): the
     copy command on a selected, read-only text field off the screen. */
  function copyBySelection(text) {
    var focused = document.activeElement;
    var field = document.createElement("textarea");
    field.value = text;
    field.readOnly = true;
    field.style.position = "fixed";
    field.style.top = "0";
    field.style.left = "-100rem";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(field);
    if (focused && focused.focus) { focused.focus(); }
    return copied;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyBySelection(text); });
    }
    return Promise.resolve(copyBySelection(text));
  }

  /* "Link to this page" (partials/share.html), a plain link without JavaScript, becomes a button
     that copies the page's canonical address, and says so in the status line beside it; where no
     way of copying works, the status line shows the address to copy by hand. */
  function setUpCopyLinks() {
    document.querySelectorAll("a.copy-link[data-copy]").forEach(function (link) {
      var button = document.createElement("button");
      var status = link.parentNode.querySelector(".copy-status");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = link.dataset.label;
      button.dataset.copy = link.dataset.copy;
      button.addEventListener("click", function () {
        copyText(link.dataset.copy).then(function (copied) {
          if (!status) { return; }
          status.textContent = copied ? link.dataset.copied : link.dataset.failed.replace("{url}", link.dataset.copy);
        });
      });
      link.parentNode.replaceChild(button, link);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    keepCountdownsRight();
    setUpFilters();
    setUpCopyLinks();
  });
})();

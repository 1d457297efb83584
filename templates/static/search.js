/* The search page: Pagefind's index of the site, in the page's language.
   Results and "nothing matches" are announced in the status line. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) { return; }
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(form.dataset.index).then(function (module) {
        return module.options({ baseUrl: form.dataset.base }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function plainText(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  function show(query, results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      var excerpt = document.createElement("p");
      excerpt.textContent = plainText(result.excerpt);
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    var template = results.length ? form.dataset.some : form.dataset.none;
    status.textContent = template.replace("{query}", query).replace("{count}", results.length);
  }

  function search(query) {
    query = query.trim();
    var url = new URL(window.location.href);
    if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.pathname + url.search);
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function (module) {
      return module.search(query);
    }).then(function (response) {
      return Promise.all(response.results.slice(0, 20).map(function (result) { return result.data(); }));
    }).then(function (results) {
      show(query, results);
    }).catch(function () {
      status.textContent = form.dataset.failed;
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();

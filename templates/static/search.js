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

  // The index comes in shards (generator/search.py): the primary bundle, and the others
  // listed in shards.json beside it, merged into it.
  function mergeShards(module) {
    var list = new URL("shards.json", new URL(form.dataset.index, window.location.href));
    return fetch(list).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (shards) {
      return Promise.all(shards.map(function (shard) {
        return module.mergeIndex(new URL(shard, list).pathname, { baseUrl: form.dataset.base });
      }));
    });
  }

  function load() {
    if (!pagefind) {
      pagefind = import(form.dataset.index).then(function (module) {
        return module.options({ baseUrl: form.dataset.base }).then(function () {
          return mergeShards(module);
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  var SHOWN = 20;
  var CANDIDATES = 40;

  function words(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Each shard ranks its pages with its own word statistics, so the merged order can put a
  // page that merely mentions the words before the one that bears them as its title: a page
  // whose title is the query comes first, then one whose title holds every word of it.
  // A page's title is its h1, with the soft hyphens of its long words (generator/site/hyphenation.py).
  function titleOf(result) {
    return ((result.meta && result.meta.title) || "").replace(/\u00ad/g, "");
  }

  function byTitle(query, results) {
    var wanted = words(query);
    var exact = wanted.join(" ");
    function rank(result) {
      var title = words(titleOf(result));
      if (title.join(" ") === exact) { return 0; }
      return wanted.every(function (word) { return title.indexOf(word) >= 0; }) ? 1 : 2;
    }
    return results.map(function (result, index) {
      return { result: result, rank: rank(result), index: index };
    }).sort(function (a, b) {
      return a.rank - b.rank || a.index - b.index;
    }).map(function (entry) { return entry.result; });
  }

  // Without the soft hyphens of the headings (generator/site/hyphenation.py): an excerpt is one line.
  function plainText(html) {
    return (new DOMParser().parseFromString(html, "text/html").body.textContent || "").replace(/\u00ad/g, "");
  }

  function show(query, results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = titleOf(result) || result.url;
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
      var top = response.results.slice(0, CANDIDATES);
      return Promise.all(top.map(function (result) { return result.data(); }));
    }).then(function (results) {
      show(query, byTitle(query, results).slice(0, SHOWN));
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

/* CLAS report site: the search page, on Pagefind's index (built by build_tools/mkdocs_hooks.py).
 *
 * Pagefind finds the pages; for each page this script reads the word positions that matched
 * and the page's anchors (every finding and recommendation has an id) and links each result
 * straight to the findings and recommendations that hold the words, best first: the item whose
 * number was typed ("Peterborough 1.3"), then the one with the most of the words, then the one
 * where they stand together. Report text is only ever set as text, never as HTML.
 *
 * On every page "/" puts the cursor in the header's search box. In the offline copy (opened
 * from disk, where a browser will not load Pagefind's index) the page points to the search box
 * at the top, which searches with Material's index instead. */
(function () {
  "use strict";

  /* Results shown at first, and added by "More results": each needs its page's data (a whole
     report's words), so the first search loads two. */
  var FIRST_PAGE_SIZE = 2;
  /* Marks the parts of a result that a glossary synonym found (see renderResult). */
  var SYNONYM_FACTOR = 0.75;
  var PAGE_SIZE = 5;
  var ITEMS_PER_PAGE = 3;
  var EXCERPT_WORDS = 36;
  var NUMBER = /^\d+(?:\.\d+)+$/;

  var script = document.currentScript;
  var root = new URL("../", script ? script.src : window.location.href);

  function focusHeaderSearch(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var box = document.getElementById("clas-search-input") ||
      document.getElementById("clas-header-search");
    if (box && box.getClientRects().length) {
      event.preventDefault();
      box.focus();
    }
  }
  document.addEventListener("keydown", focusHeaderSearch);

  var form = document.getElementById("clas-search");
  if (!form) {
    return;
  }
  var input = document.getElementById("clas-search-input");
  var status = document.getElementById("clas-search-status");
  var list = document.getElementById("clas-search-results");
  var more = document.getElementById("clas-search-more");

  function say(text) {
    status.textContent = text;
  }

  /* "Peterborough, 1.3." → ["peterborough", "1.3"] */
  function normalise(word) {
    return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  function numberOf(id) {
    var match = /^(?:rec|finding)-(\d+(?:-\d+)+)$/.exec(id);
    return match ? match[1].replace(/-/g, ".") : null;
  }

  /* "Recommendation 1.3", "Finding 2.4", or a heading's or an example's first words. */
  function labelOf(item, words) {
    var id = item.anchor.id;
    var number = numberOf(id);
    if (number) {
      return (id.indexOf("rec-") === 0 ? "Recommendation " : "Finding ") + number;
    }
    var text = item.anchor.text.replace(/¶$/, "").trim() ||
      words.slice(item.start, Math.min(item.end, item.start + 8)).join(" ");
    return text.length > 80 ? text.slice(0, 79) + "…" : text;
  }

  /* Words too common to tell one item from another. */
  var COMMON = new Set(("a an and are as at be but by for from has have in is it its of on or " +
    "that the their there this to was were which with").split(" "));

  /* Which typed word a matched word answers: Pagefind matches word stems, and the last
     typed word as the start of a word ("assess" finds "assessed", "adult" finds "adults"). */
  function termOf(word, query) {
    var found = -1;
    query.forEach(function (term, index) {
      if (found >= 0 || !term || COMMON.has(term)) {
        return;
      }
      var last = index === query.length - 1;
      var stem = term.length > 4 ? term.slice(0, Math.max(4, term.length - 3)) : term;
      if (word === term || (last && word.indexOf(term) === 0) ||
        (term.length > 4 && word.indexOf(stem) === 0)) {
        found = index;
      }
    });
    return found;
  }

  /* The position in ``query`` of the next word after ``term`` that is not a common one. */
  function nextTelling(query, term) {
    for (var next = term + 1; next < query.length; next += 1) {
      if (!COMMON.has(query[next])) {
        return next;
      }
    }
    return -1;
  }

  /* The anchors a page's matched words fall under, scored (renderResult ranks them). */
  function matchedItems(data, query) {
    var words = data.content.split(/\s+/);
    var anchors = data.anchors
      .filter(function (a) { return a.id && a.id !== "top" && a.id.indexOf("clas-") !== 0; })
      .sort(function (a, b) { return a.location - b.location; });
    var weights = {};
    (data.weighted_locations || []).forEach(function (w) {
      weights[w.location] = w.balanced_score || w.weight || 1;
    });
    var numbers = query.filter(function (w) { return NUMBER.test(w); });
    var found = new Map();
    data.locations.forEach(function (location) {
      var low = 0;
      var high = anchors.length - 1;
      var at = -1;
      while (low <= high) {
        var mid = (low + high) >> 1;
        if (anchors[mid].location <= location) {
          at = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      if (at < 0) {
        return;
      }
      var item = found.get(at);
      if (!item) {
        var end = at + 1 < anchors.length ? anchors[at + 1].location : words.length;
        item = { anchor: anchors[at], start: anchors[at].location, end: end, hits: new Map(),
          terms: new Set(), weight: 0 };
        found.set(at, item);
      }
      var term = termOf(normalise(words[location] || ""), query);
      item.hits.set(location, term);
      if (term >= 0 && !COMMON.has(query[term])) {
        item.terms.add(term);
      }
      item.weight += weights[location] || 1;
    });
    var items = Array.from(found.values());
    /* A typed word found in few of the page's items tells more than one found in many. */
    var holding = {};
    items.forEach(function (item) {
      item.terms.forEach(function (term) {
        holding[term] = (holding[term] || 0) + 1;
      });
    });
    items.forEach(function (item) {
      item.positions = Array.from(item.hits.keys()).sort(function (a, b) { return a - b; });
      /* The longest run of the typed words in the order typed, counting the common words
         between them (not searched for, see run()) as present: "prefer to be assessed". */
      var span = 0;
      var telling = 0;
      item.positions.forEach(function (position) {
        var term = item.hits.get(position);
        if (term < 0) {
          return;
        }
        var first = term;
        var count = 1;
        for (var next = nextTelling(query, term); next >= 0; next = nextTelling(query, term)) {
          var at = position + (next - term);
          if (item.hits.get(at) !== next) {
            break;
          }
          position = at;
          term = next;
          count += 1;
        }
        if (term - first + 1 > span) {
          span = term - first + 1;
          telling = count;
        }
      });
      var number = numberOf(item.anchor.id);
      item.numbered = number !== null && numbers.indexOf(number) >= 0 ? 1 : 0;
      item.score = 0;
      item.terms.forEach(function (term) {
        item.score += Math.log(1 + anchors.length / holding[term]);
      });
      /* Each word that follows the one before it as typed counts twice more: a phrase
         copied from an item finds that item first. */
      if (telling >= 2) {
        item.score += 2 * (span - 1);
      }
    });
    items.forEach(function (item) {
      item.words = words;
    });
    return items;
  }

  /* The words of an item around its first matched word, with the matches marked. */
  function excerpt(item, words) {
    var first = item.positions[0];
    /* An item's text begins with its number, which its label already gives. */
    var from = item.start;
    var number = numberOf(item.anchor.id);
    if (number && words[from] === number && item.end > from + 1) {
      from += 1;
    }
    var start = Math.max(from, first - Math.floor(EXCERPT_WORDS / 3));
    var end = Math.min(item.end, start + EXCERPT_WORDS);
    var hit = new Set(item.positions);
    var paragraph = document.createElement("p");
    paragraph.className = "clas-search-result__excerpt";
    if (start > from) {
      paragraph.appendChild(document.createTextNode("… "));
    }
    for (var i = start; i < end; i += 1) {
      var word = document.createTextNode(words[i] + (i + 1 < end ? " " : ""));
      if (hit.has(i)) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        paragraph.appendChild(mark);
        if (i + 1 < end) {
          paragraph.appendChild(document.createTextNode(" "));
        }
      } else {
        paragraph.appendChild(word);
      }
    }
    if (end < item.end) {
      paragraph.appendChild(document.createTextNode(" …"));
    }
    return paragraph;
  }

  function link(href, text) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  /* One page's result: ``parts`` are its data as found by each search that was run (the
     words typed, and the same with a glossary term swapped for its expansion or back). */
  function renderResult(parts) {
    var data = parts[0].data;
    var entry = document.createElement("li");
    entry.className = "clas-search-result";
    var heading = document.createElement("h2");
    heading.className = "clas-search-result__title";
    heading.appendChild(link(data.url, data.meta.title || data.url));
    entry.appendChild(heading);
    if (data.meta.kind) {
      var kind = document.createElement("p");
      kind.className = "clas-search-result__kind";
      kind.textContent = data.meta.kind;
      entry.appendChild(kind);
    }
    var best = new Map();
    parts.forEach(function (part) {
      matchedItems(part.data, part.query).forEach(function (item) {
        /* Items that hold the words typed come before those found through a synonym. */
        item.typed = part.factor === 1 ? 1 : 0;
        var known = best.get(item.anchor.id);
        if (!known || item.typed > known.typed || (item.typed === known.typed &&
          (item.numbered > known.numbered ||
            (item.numbered === known.numbered && item.score > known.score)))) {
          best.set(item.anchor.id, item);
        }
      });
    });
    var matched = Array.from(best.values()).sort(function (a, b) {
      return b.numbered - a.numbered || b.typed - a.typed || b.score - a.score ||
        b.weight - a.weight || a.start - b.start;
    });
    var shown = matched.slice(0, ITEMS_PER_PAGE);
    if (shown.length) {
      var items = document.createElement("ul");
      items.className = "clas-search-result__items";
      shown.forEach(function (item) {
        var row = document.createElement("li");
        var target = link(data.url.split("#")[0] + "#" + item.anchor.id,
          labelOf(item, item.words));
        target.className = "clas-search-result__item";
        row.appendChild(target);
        row.appendChild(excerpt(item, item.words));
        items.appendChild(row);
      });
      entry.appendChild(items);
      if (matched.length > shown.length) {
        var rest = document.createElement("p");
        rest.className = "clas-search-result__rest";
        var count = matched.length - shown.length;
        rest.textContent = "and " + count + " more on this page";
        entry.appendChild(rest);
      }
    } else if (data.excerpt) {
      var summary = document.createElement("p");
      summary.className = "clas-search-result__excerpt";
      /* Pagefind's excerpt marks matches with <mark>; rebuild it from text, not as HTML. */
      data.excerpt.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
        var marked = /^<mark>(.*)<\/mark>$/.exec(part);
        var text = (marked ? marked[1] : part)
          .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
          .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
        if (marked) {
          var mark = document.createElement("mark");
          mark.textContent = text;
          summary.appendChild(mark);
        } else {
          summary.appendChild(document.createTextNode(text));
        }
      });
      entry.appendChild(summary);
    }
    return entry;
  }

  var pagefind = null;
  var current = null;
  var shownCount = 0;
  /* The glossary's terms: [{names: ["MARAC", …], expansion: "multi-agency …"}, …]. */
  var synonyms = [];

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function wholeWords(phrase) {
    return new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(phrase) + "(?=$|[^\\p{L}\\p{N}])", "iu");
  }

  /* The words typed, and the same words with the first glossary term in them swapped for
     its expansion (or an expansion for its term): "MARAC" also searches "multi-agency risk
     assessment conference". Returns [[typed, label-or-null], …]. */
  function variants(terms) {
    var found = [[terms, null]];
    for (var i = 0; i < synonyms.length && found.length === 1; i += 1) {
      var entry = synonyms[i];
      var names = entry.names.filter(Boolean);
      var phrases = entry.expansion ? [entry.expansion].concat(names) : names;
      for (var j = 0; j < phrases.length; j += 1) {
        var pattern = wholeWords(phrases[j]);
        if (!pattern.test(terms)) {
          continue;
        }
        var other = j === 0 && entry.expansion ? names[0] : (entry.expansion || names[0]);
        /* Only when the term is most of what was typed ("MARAC", "MARAC referrals"): a
           longer phrase is looking for particular words. */
        var rest = asked(terms.replace(pattern, "$1")).split(/\s+/).filter(Boolean);
        if (other && other.toLowerCase() !== phrases[j].toLowerCase() && rest.length <= 1) {
          found.push([terms.replace(pattern, "$1" + other), other]);
        }
        break;
      }
    }
    return found;
  }

  /* Common words are left out of the search (each would load a large part of the index and
     match every page) unless they are all there is; ranking still reads them. */
  function asked(terms) {
    var telling = terms.split(/\s+/).filter(function (word) {
      return !COMMON.has(normalise(word));
    });
    return telling.length ? telling.join(" ") : terms;
  }

  /* Show the next results, each as soon as its page's data has arrived, in order. */
  async function showMore(size) {
    if (!current) {
      return;
    }
    var search = current;
    var slice = search.results.slice(shownCount, shownCount + size);
    shownCount += slice.length;
    more.hidden = true;
    var pending = slice.map(async function (merged) {
      /* One at a time, each copied at once: Pagefind gives every search's result of one page
         the same data object, and the last search's word positions would overwrite it. */
      var parts = [];
      for (var p = 0; p < merged.parts.length; p += 1) {
        var data = await merged.parts[p].result.data();
        parts.push({
          data: Object.assign({}, data, {
            locations: data.locations.slice(),
            weighted_locations: (data.weighted_locations || []).slice()
          }),
          query: merged.parts[p].query,
          factor: merged.parts[p].factor
        });
      }
      return parts;
    });
    for (var i = 0; i < pending.length; i += 1) {
      var parts = await pending[i];
      if (search !== current) {
        return;
      }
      list.appendChild(renderResult(parts));
    }
    more.hidden = shownCount >= search.results.length;
  }

  async function run(query, debounce) {
    var terms = query.trim();
    if (!terms) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      say("Type words to search for.");
      return;
    }
    say("Searching…");
    var tried = variants(terms);
    var first = debounce ? await pagefind.debouncedSearch(asked(terms)) :
      await pagefind.search(asked(terms));
    if (first === null) {
      return; /* a newer search replaced this one */
    }
    var searches = [first];
    for (var v = 1; v < tried.length; v += 1) {
      searches.push(await pagefind.search(asked(tried[v][0])));
    }
    /* One entry per page: the pages the words typed found, in Pagefind's order, then those
       only the glossary's synonym found. */
    var byPage = new Map();
    var ordered = [];
    searches.forEach(function (search, index) {
      var words = tried[index][0].split(/\s+/).map(normalise);
      var factor = index === 0 ? 1 : SYNONYM_FACTOR;
      search.results.forEach(function (result) {
        var merged = byPage.get(result.id);
        if (!merged) {
          merged = { parts: [] };
          byPage.set(result.id, merged);
          ordered.push(merged);
        }
        merged.parts.push({ result: result, query: words, factor: factor });
      });
    });
    var search = { results: ordered };
    current = search;
    shownCount = 0;
    list.textContent = "";
    more.hidden = true;
    var url = new URL(window.location.href);
    url.searchParams.set("q", terms);
    window.history.replaceState(null, "", url);
    var count = search.results.length;
    await showMore(FIRST_PAGE_SIZE);
    if (search !== current) {
      return;
    }
    var also = tried.length > 1 ? " (and “" + tried[1][1] + "”)" : "";
    say(count === 0 ? "Nothing found for “" + terms + "”" + also + "." :
      (count === 1 ? "1 page" : count + " pages") + " found for “" + terms + "”" + also + ".");
  }

  async function start() {
    var query = new URL(window.location.href).searchParams.get("q") || "";
    input.value = query;
    var header = document.getElementById("clas-header-search");
    if (header) {
      header.value = query;
    }
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname });
      await pagefind.init();
      synonyms = await fetch(new URL("glossary/synonyms.json", root).href)
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    } catch (error) {
      pagefind = null;
      say(window.location.protocol === "file:" ?
        "This page searches the published site. In this copy, read from disk, use the " +
        "search box at the top of the page." :
        "Search could not start. Browse the reports, organisations or themes instead.");
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(input.value, false);
    });
    input.addEventListener("input", function () {
      run(input.value, true);
    });
    more.addEventListener("click", function () {
      showMore(PAGE_SIZE);
    });
    if (query) {
      await run(query, false);
    } else {
      say("Type words to search for.");
    }
    input.focus();
  }

  start();
})();

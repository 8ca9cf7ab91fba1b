/* CLAS report site: search, on Pagefind's index (built by build_tools/publish/mkdocs_hooks.py):
 * the search page, and results as you type under the header's search box.
 *
 * The index holds items, not pages: every finding, recommendation, example and section of a
 * report is its own record, with its own address (see build_tools/publish/mkdocs_hooks.py).
 * Pagefind finds the records that hold the words; this script then reads the best of them
 * and ranks them as a reader expects (rankClass): an item that holds the words typed together
 * and in that order first, then items with all the words, then items with most of them. Case,
 * punctuation, curly quotes and hyphens do not count, and common words count inside a phrase.
 * A query in double quotes finds only items holding that exact phrase. "Peterborough 1.3"
 * puts that report's item numbered 1.3 first. Report text is only ever set as text, never as
 * HTML.
 *
 * The header's box is a WAI-ARIA combobox: from the third character, after a short pause, it
 * lists the best items; the arrow keys move through them, Enter follows one (or, with none
 * chosen, opens the search page with every result), Escape closes the list, and the number of
 * results is announced. Without JavaScript the box is a plain form that opens the search page.
 *
 * On every page "/" puts the cursor in the header's search box. The offline copy (opened from
 * disk, where a browser will not load Pagefind's index) searches the same records from a
 * script beside its pages (localEngine) with the same ranking, in its header's box and on its
 * search page; its header's form says so (data-clas-engine="local"). */
(function () {
  "use strict";

  /* Results shown at first and added by "More results". */
  var PAGE_SIZE = 10;
  /* How many of Pagefind's records the search page reads (each a small fragment) to rank
     them by the phrase; the rest follow in Pagefind's order. */
  var READ_FIRST = 40;
  /* With a number typed ("Peterborough 1.3"), Pagefind also finds 1.13, 2.13, … (it reads
     "1.3" as "13"): more records are read to find those numbered exactly 1.3. */
  var READ_NUMBERED = 400;
  var EXCERPT_WORDS = 36;
  /* Results as you type: from this many characters, after this pause, this many shown. */
  var TYPED_MIN = 3;
  var TYPED_PAUSE_MS = 250;
  var TYPED_SHOWN = 6;
  /* Records read to rank the results as you type: fewer than the search page reads, so that
     the list comes quickly (the phrase index still brings a phrase's items to the front). */
  var TYPED_READ = 16;
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

  /* Words too common to tell one item from another: not searched for alone, but counted
     inside a phrase. */
  var COMMON = new Set(("a an and are as at be but by for from has have in is it its of on or " +
    "that the their there this to was were which with").split(" "));

  /* "Children’s multi-agency (MASH)." → ["childrens", "multi", "agency", "mash"] */
  function tokens(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2018\u2019\u02bc`]/g, "")
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* Whether the word in the text answers a typed word: the same word, or the same stem
     ("assess" finds "assessed"), or its start when it is the last word typed. */
  function answers(word, term, last) {
    if (word === term || (last && term.length >= 2 && word.indexOf(term) === 0)) {
      return true;
    }
    if (term.length > 4) {
      var stem = term.slice(0, Math.max(4, term.length - 3));
      return word.indexOf(stem) === 0 && Math.abs(word.length - term.length) <= 3;
    }
    return false;
  }

  /* Where the typed words stand together, in order, in the item's words; -1 if nowhere. The
     last word may be the start of a word (it may still be being typed); with ``exact`` it
     must be whole. */
  function phraseAt(words, query, exact) {
    for (var start = 0; start + query.length <= words.length; start += 1) {
      var whole = true;
      for (var i = 0; i < query.length; i += 1) {
        var partial = !exact && i === query.length - 1;
        if (words[start + i] !== query[i] && !(partial && words[start + i].indexOf(query[i]) === 0)) {
          whole = false;
          break;
        }
      }
      if (whole) {
        return start;
      }
    }
    return -1;
  }

  /* How an item answers the query: 3 the phrase, 2 all the words, 1 most of them, 0 fewer;
     and the share of the telling words it holds. */
  function rankClass(words, query) {
    if (query.length > 1 && phraseAt(words, query, false) >= 0) {
      /* The phrase with its last word whole comes before one where it starts a longer word. */
      return { level: 3, share: phraseAt(words, query, true) >= 0 ? 1 : 0.99 };
    }
    var telling = query.filter(function (term) { return !COMMON.has(term); });
    if (!telling.length) {
      telling = query;
    }
    var found = 0;
    telling.forEach(function (term, index) {
      var last = query[query.length - 1] === term && index === telling.length - 1;
      for (var w = 0; w < words.length; w += 1) {
        if (answers(words[w], term, last)) {
          found += 1;
          return;
        }
      }
    });
    var share = telling.length ? found / telling.length : 0;
    if (query.length === 1 && found === 1) {
      return { level: 3, share: 1 };
    }
    return { level: share === 1 ? 2 : (share >= 0.5 ? 1 : 0), share: share };
  }

  /* Which telling word of ``query`` each of ``words`` answers (its index, or -1). */
  function termsAt(words, query) {
    return words.map(function (word) {
      for (var j = 0; j < query.length; j += 1) {
        if (!COMMON.has(query[j]) && answers(word, query[j], j === query.length - 1)) {
          return j;
        }
      }
      return -1;
    });
  }

  /* Where ``size`` words of an item show most of the typed words: the phrase when the item
     holds it (at ``at``); otherwise the first window holding the most different typed words
     (``terms``, from termsAt), begun a little before its first one. */
  function excerptStart(terms, size, at) {
    if (at >= 0) {
      return Math.max(0, at - Math.floor(size / 3));
    }
    var best = 0;
    var bestCount = 0;
    var counts = [];
    var distinct = 0;
    /* Slide a window of ``size`` words along the item, counting each typed word in it. */
    for (var k = 0; k < terms.length; k += 1) {
      if (terms[k] >= 0) {
        counts[terms[k]] = (counts[terms[k]] || 0) + 1;
        distinct += counts[terms[k]] === 1 ? 1 : 0;
      }
      var leaving = k - size;
      if (leaving >= 0 && terms[leaving] >= 0 && --counts[terms[leaving]] === 0) {
        distinct -= 1;
      }
      if (distinct > bestCount) {
        best = Math.max(0, k - size + 1);
        bestCount = distinct;
      }
    }
    var first = terms.findIndex(function (term, index) { return index >= best && term >= 0; });
    return first < 0 ? best : Math.max(best, first - Math.floor(size / 3));
  }

  /* ``size`` words of an item around where the typed words are, with those words marked. */
  function excerpt(text, query, size) {
    var shown = text.split(/\s+/);
    var words = shown.map(function (word) { return tokens(word).join(""); });
    var at = phraseAt(words, query, false);
    /* Outside a phrase, the words that answer a typed word are marked. */
    var terms = at < 0 ? termsAt(words, query) : null;
    var start = excerptStart(terms, size, at);
    var end = Math.min(shown.length, start + size);
    var paragraph = document.createElement("p");
    paragraph.className = "clas-search-result__excerpt";
    if (start > 0) {
      paragraph.appendChild(document.createTextNode("… "));
    }
    for (var k = start; k < end; k += 1) {
      var inPhrase = at >= 0 && k >= at && k < at + query.length;
      var hit = inPhrase || (terms !== null && terms[k] >= 0);
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = shown[k];
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(shown[k]));
      }
      if (k + 1 < end) {
        paragraph.appendChild(document.createTextNode(" "));
      }
    }
    if (end < shown.length) {
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

  var pagefind = null;
  /* The glossary's terms: [{names: ["MARAC", …], expansion: "multi-agency …"}, …]. */
  var synonyms = [];
  var engine = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  /* The offline copy, opened from disk, where a browser will not fetch Pagefind's files but
     will run a script beside the page: every record in one script (search/clas-items.js,
     written by the MkDocs hook), searched here the way Pagefind is asked (an item must hold
     every word; a query in quotes, the phrase), best first, so that the same ranking follows. */
  async function localEngine() {
    await loadScript(new URL("search/clas-items.js", root).href);
    synonyms = window.CLAS_SEARCH_SYNONYMS || [];
    var records = (window.CLAS_SEARCH_ITEMS || []).map(function (row, index) {
      return { id: String(index), row: row, words: null };
    });
    function data(record) {
      var row = record.row;
      return { meta: { url: row[0], title: row[1], kind: row[2], number: row[3] }, content: row[4] };
    }
    return {
      preload: function () {},
      search: async function (asked) {
        var text = asked || "";
        var quoted = /^\s*".*"\s*$/.test(text);
        var query = tokens(text);
        var found = [];
        records.forEach(function (record) {
          record.words = record.words || tokens(record.row[1] + " " + record.row[4]);
          var ranked = quoted ? { level: phraseAt(record.words, query, true) >= 0 ? 3 : 0, share: 1 } :
            rankClass(record.words, query);
          if (ranked.level >= (quoted ? 3 : 2)) {
            found.push({ record: record, ranked: ranked });
          }
        });
        found.sort(function (a, b) {
          return b.ranked.level - a.ranked.level || b.ranked.share - a.ranked.share;
        });
        return {
          results: found.map(function (hit) {
            return { id: hit.record.id, data: async function () { return data(hit.record); } };
          })
        };
      }
    };
  }

  async function pagefindEngine() {
    var loaded = await import(new URL("pagefind/pagefind.js", root).href);
    await loaded.options({ baseUrl: root.pathname });
    await loaded.init();
    return loaded;
  }

  /* The offline copy: its header's form says so, and a page opened from disk can be nothing
     else (a browser will not fetch Pagefind's files there). */
  function offlineCopy() {
    var form = document.querySelector("form.clas-header-search");
    return window.location.protocol === "file:" ||
      Boolean(form && form.getAttribute("data-clas-engine") === "local");
  }

  /* The search engine (Pagefind, or the offline copy's records) and the glossary's synonyms,
     loaded once, when search is first needed. */
  function loadEngine() {
    if (!engine) {
      engine = (async function () {
        var loaded;
        if (offlineCopy()) {
          loaded = await localEngine();
        } else {
          loaded = await pagefindEngine();
          synonyms = await fetch(new URL("glossary/synonyms.json", root).href)
            .then(function (response) { return response.ok ? response.json() : []; })
            .catch(function () { return []; });
        }
        pagefind = loaded;
      })();
    }
    return engine;
  }

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
        var rest = telling(tokens(terms.replace(pattern, "$1")));
        if (other && other.toLowerCase() !== phrases[j].toLowerCase() && rest.length <= 1) {
          found.push([terms.replace(pattern, "$1" + other), other]);
        }
        break;
      }
    }
    return found;
  }

  /* Common words are left out of what Pagefind is asked (each would load a large part of the
     index and match nearly every item) unless they are all there is; ranking still reads
     them. */
  function telling(words) {
    var kept = words.filter(function (word) { return !COMMON.has(word); });
    return kept.length ? kept : words;
  }

  /* Whether a record's word positions (Pagefind's ``words``) hold words at ``offsets`` from
     one another: the query's telling words standing where the phrase puts them. A hyphenated
     word ("multi-agency") is one position in Pagefind's index but two words typed ("multi
     agency"), so each step may be one shorter than the query's. */
  function fits(positions, offsets) {
    if (!positions || !positions.length) {
      return false;
    }
    var held = new Set(positions);
    return positions.some(function (start) {
      var at = start;
      for (var i = 1; i < offsets.length; i += 1) {
        var step = offsets[i] - offsets[i - 1];
        if (held.has(at + step)) {
          at += step;
        } else if (step >= 1 && held.has(at + step - 1)) {
          at += step - 1;
        } else {
          return false;
        }
      }
      return at > start || offsets.length === 1;
    });
  }

  /* The phrase index (search/phrases/, written by build_tools/publish/mkdocs_hooks.py): for
     every run of three consecutive words of every record, hashed (phraseHash), the records
     holding it. The records in the lists of all the runs of what was typed hold the typed
     words together, common ones included, which Pagefind can tell only from the positions of
     every word, the common ones' a large part of its index. A few small files answer it. */
  var PHRASE_WORDS = 3;
  var PHRASE_FORMAT = 2;
  /* More records than this holding the phrase: it is not one a reader remembers from one
     item, and Pagefind's ranking orders them. */
  var PHRASE_MOST = 40;
  var phraseFiles = new Map();

  /* A file of the phrase index: JSON, or the bytes of a shard (``.bin``); null if missing. */
  function phraseFile(path) {
    if (!phraseFiles.has(path)) {
      phraseFiles.set(path, fetch(new URL("search/phrases/" + path, root).href)
        .then(function (response) {
          if (!response.ok) {
            return null;
          }
          return /\.bin$/.test(path) ?
            response.arrayBuffer().then(function (data) { return new Uint8Array(data); }) :
            response.json();
        })
        .catch(function () { return null; }));
    }
    return phraseFiles.get(path);
  }

  /* The record numbers a shard holds for the trigram hashed ``key`` (see write_phrase_index
     in the hook: unsigned LEB128 numbers; per trigram the gap from the one before to its
     hash / shards, how many records hold it, and their numbers as gaps). */
  function phraseList(bytes, key, shards) {
    var at = 0;
    function next() {
      var value = 0;
      var scale = 1;
      while (at < bytes.length) {
        var byte = bytes[at];
        at += 1;
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) {
          break;
        }
        scale *= 128;
      }
      return value;
    }
    var wanted = Math.floor(key / shards);
    var rest = 0;
    while (at < bytes.length) {
      rest += next();
      var count = next();
      if (rest === wanted) {
        var numbers = [];
        var number = 0;
        for (var i = 0; i < count; i += 1) {
          number += next();
          numbers.push(number);
        }
        return numbers;
      }
      if (rest > wanted) {
        return [];
      }
      for (var j = 0; j < count; j += 1) {
        next();
      }
    }
    return [];
  }

  /* CRC-32 of the words joined by single spaces, as UTF-8 (phrase_hash in the hook). */
  var crcTable = null;

  function phraseHash(words) {
    if (!crcTable) {
      crcTable = new Uint32Array(256);
      for (var n = 0; n < 256; n += 1) {
        var c = n;
        for (var k = 0; k < 8; k += 1) {
          c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
        crcTable[n] = c >>> 0;
      }
    }
    var bytes = new TextEncoder().encode(words.join(" "));
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i += 1) {
      crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* The records holding every run of three of ``words``: their numbers, ascending. */
  async function phraseHolders(index, words) {
    var runs = [];
    for (var i = 0; i + PHRASE_WORDS <= words.length; i += 1) {
      runs.push(phraseHash(words.slice(i, i + PHRASE_WORDS)));
    }
    var lists = await Promise.all(runs.map(async function (key) {
      var shard = await phraseFile((key % index.shards) + ".bin");
      return shard ? phraseList(shard, key, index.shards) : [];
    }));
    return lists.reduce(function (kept, list) {
      var other = new Set(list);
      return kept.filter(function (number) { return other.has(number); });
    });
  }

  /* The phrase index's ``index.json``; null where there is none to use (the offline copy, a
     site without one, another format). */
  async function phraseIndex() {
    if (offlineCopy()) {
      return null;
    }
    var index = await phraseFile("index.json");
    return index && index.version === PHRASE_FORMAT ? index : null;
  }

  /* Fetch the phrase index's files for ``words`` (not the records holding them). */
  function phrasePreload(words) {
    phraseIndex().then(function (index) {
      return index ? phraseHolders(index, words) : null;
    }).catch(function () { return null; });
  }

  /* A record's words and metadata, from its Pagefind fragment (what result.data() gives);
     null when it cannot be read. */
  var fragments = new Map();

  function fragment(id) {
    if (!fragments.has(id)) {
      fragments.set(id, fetch(new URL("pagefind/fragment/" + id + ".pf_fragment", root).href)
        .then(function (response) {
          return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
        })
        .then(function (text) { return JSON.parse(text.replace(/^pagefind_dcd/, "")); })
        .catch(function () { return null; }));
    }
    return fragments.get(id);
  }

  /* The records holding ``query``'s words together, as Pagefind's results are (id, data()),
     shortest first; null when the phrase index cannot say (fewer than three words, no index,
     a browser that cannot read a fragment) or too many records hold it. The last word may
     still be being typed: when no record holds it whole, the records holding the words
     before it are given (rankClass reads whether their next word starts with it). Found once
     per query: the list as you type asks for its phrase's items, then for all its results. */
  var phraseFound = new Map();

  function phraseResults(query) {
    var key = query.join(" ");
    if (!phraseFound.has(key)) {
      phraseFound.set(key, findPhrase(query));
    }
    return phraseFound.get(key);
  }

  async function findPhrase(query) {
    if (query.length < PHRASE_WORDS || typeof DecompressionStream !== "function") {
      return null;
    }
    var index = await phraseIndex();
    if (!index) {
      return null;
    }
    var numbers = await phraseHolders(index, query);
    if (!numbers.length && query.length > PHRASE_WORDS) {
      numbers = await phraseHolders(index, query.slice(0, -1));
    }
    if (numbers.length > PHRASE_MOST) {
      return null;
    }
    var ids = await Promise.all(numbers.map(async function (number) {
      var table = await phraseFile("ids-" + Math.floor(number / index.ids) + ".json");
      return table ? table[number % index.ids] : "";
    }));
    /* Read now: a record whose fragment cannot be read is left to Pagefind's results. Shorter
       records first: a page named by the words before one that mentions them. */
    var read = await Promise.all(ids.map(function (id) { return id ? fragment(id) : null; }));
    var found = [];
    ids.forEach(function (id, i) {
      if (read[i]) {
        found.push({ id: id, words: [], size: read[i].word_count || 0,
          data: async function () { return read[i]; } });
      }
    });
    return found.sort(function (a, b) { return a.size - b.size; });
  }

  /* What was typed: its words (without numbers such as "1.3"), those numbers, and whether
     it is in double quotes. */
  function parse(terms) {
    return {
      quoted: /^\s*["\u201c\u201d].*["\u201c\u201d]\s*$/.test(terms),
      numbers: terms.split(/\s+/).map(function (word) {
        return word.replace(/^[^\d]+|[^\d]+$/g, "");
      }).filter(function (word) { return NUMBER.test(word); }),
      query: tokens(terms.replace(/\b\d+(?:\.\d+)+\b/g, " "))
    };
  }

  /* The records for one form of the query, each with how it answers the query (rankClass);
     results() orders them. */
  async function find(terms, factor, typed) {
    var reading = typed ? TYPED_READ : READ_FIRST;
    var asking = parse(terms);
    var quoted = asking.quoted;
    var numbers = asking.numbers;
    var query = asking.query;
    var phrased = numbers.length ? null : await phraseResults(query);
    /* "recommendation 3 5" is how "(Recommendation 3.5)" is typed without punctuation, but
       Pagefind indexes "3.5" as "35": lone numbers are left to the ranking, which reads them. */
    var askedWords = telling(query).filter(function (word) { return !/^\d{1,2}$/.test(word); });
    var asked = askedWords.join(" ") || telling(query).join(" ");
    /* …but asked of Pagefind joined as it holds them ("5 5" → "55"), which finds the item
       citing 5.5 among many with the same words; without them when nothing holds that. */
    var joined = (query.join(" ").match(/\b\d{1,2}(?: \d{1,2})+\b/g) || []).map(function (run) {
      return run.replace(/ /g, "");
    });
    var results = (await pagefind.search([asked].concat(numbers, joined).join(" ").trim())).results;
    if (!results.length && joined.length) {
      results = (await pagefind.search([asked].concat(numbers).join(" ").trim())).results;
    }
    /* A query of several words is also asked of Pagefind without each word in turn, so that
       items holding most of the words are found when none holds them all. */
    var words = telling(query);
    if (!quoted && !numbers.length && words.length >= 3 && results.length < PAGE_SIZE) {
      var seen = new Set(results.map(function (result) { return result.id; }));
      var fewer = await Promise.all(words.map(function (_, leave) {
        return pagefind.search(words.filter(function (__, i) { return i !== leave; }).join(" "));
      }));
      fewer.forEach(function (search) {
        search.results.forEach(function (result) {
          if (!seen.has(result.id)) {
            seen.add(result.id);
            results.push(result);
          }
        });
      });
    }
    /* Where the typed words are mostly common ones ("is an expectation that the"), the item
       holding them together may be far down Pagefind's list. As you type, the records whose
       word positions hold the asked words at the query's distances come first (no more of
       the index is fetched, to keep the list quick and light). The search page does the same,
       then also asks Pagefind's own exact-phrase search, which fetches the common words'
       index too, and puts what it finds first. The list as you type does so only when one
       telling word came with common ones ("is an expectation that the"): at 150 reports the
       common words' part of the index is hundreds of kilobytes. */
    if (askedWords.length >= 2 && results.length > reading) {
      var offsets = askedWords.map(function (word) { return query.indexOf(word); });
      var fitting = results.filter(function (result) { return fits(result.words, offsets); });
      var fitted = new Set(fitting);
      results = fitting.concat(results.filter(function (result) { return !fitted.has(result); }));
      /* Every record that may hold the phrase is read (each a small fragment). */
      reading = Math.max(reading, Math.min(fitting.length, READ_FIRST));
    }
    if (phrased) {
      /* The phrase index knows every record holding the words together: they come first (in
         Pagefind's order, which puts a short page named by the words before a long one that
         mentions them), and are all read. */
      var held = new Map(phrased.map(function (result) { return [result.id, result]; }));
      var first = results.filter(function (result) { return held.has(result.id); })
        .map(function (result) { return held.get(result.id); });
      var placed = new Set(first);
      results = first.concat(phrased.filter(function (result) { return !placed.has(result); }),
        results.filter(function (result) { return !held.has(result.id); }));
      reading = Math.max(reading, phrased.length);
    } else if ((!typed || askedWords.length < 2) && query.length >= 2 &&
        results.length > reading && !numbers.length) {
      /* Pagefind holds "3.5" as one word, "35": "recommendation 3 5" is asked as "… 35". */
      var phrase = query.join(" ").replace(/\b\d{1,2}(?: \d{1,2})+\b/g, function (numbers) {
        return numbers.replace(/ /g, "");
      });
      var exact = await pagefind.search("\"" + phrase + "\"");
      var front = new Set(exact.results.map(function (result) { return result.id; }));
      results = exact.results.concat(results.filter(function (result) {
        return !front.has(result.id);
      }));
    }
    var firsts = results.slice(0, numbers.length ? READ_NUMBERED : reading);
    var read = await Promise.all(firsts.map(function (result) { return result.data(); }));
    var items = ranked(results, read, query, factor, numbers);
    if (quoted) {
      items = items.filter(function (item) { return item.level === 3; });
    }
    return items;
  }

  /* ``results`` as items to sort (compare), the first of them read (``read``): how each
     answers ``query`` (rankClass), and whether it is numbered as one of ``numbers``. */
  function ranked(results, read, query, factor, numbers) {
    return results.map(function (result, index) {
      var data = read[index] || null;
      var item = { id: result.id, result: result, data: data, order: index, query: query,
        factor: factor, level: 0, share: 0, item: 0, numbered: 0 };
      if (data) {
        /* The title names the report and number ("Peterborough 2016 · Recommendation 1.3"). */
        var answer = rankClass(tokens((data.meta.title || "") + " " + (data.content || "")), query);
        item.level = query.length ? answer.level : 2;
        item.share = answer.share;
        item.numbered = numbers.indexOf(data.meta.number || "") >= 0 ? 1 : 0;
        /* Of equal rank: a recommendation, then a finding or example, then a section or page. */
        item.item = /#rec-/.test(data.meta.url || "") ? 2 :
          (/#(?:finding|example)-/.test(data.meta.url || "") ? 1 : 0);
      }
      return item;
    });
  }

  function compare(a, b) {
    return b.factor - a.factor || b.numbered - a.numbered ||
      (b.data ? 1 : 0) - (a.data ? 1 : 0) || b.level - a.level || b.share - a.share ||
      b.item - a.item || a.order - b.order;
  }

  /* Every result for ``terms``, best first: what the words typed found, then what a glossary
     synonym found. Null when ``wanted()`` says a newer search has replaced this one. */
  async function results(terms, wanted, typed) {
    var tried = variants(terms);
    var items = [];
    var seen = new Set();
    for (var v = 0; v < tried.length; v += 1) {
      var found = await find(tried[v][0], v === 0 ? 1 : 0, typed);
      if (!wanted()) {
        return null;
      }
      found.sort(compare).forEach(function (item) {
        if (!seen.has(item.id)) {
          seen.add(item.id);
          items.push(item);
        }
      });
    }
    return { items: items, tried: tried };
  }

  /* The items holding the words of ``terms`` together, best first, each read; null when the
     phrase index cannot say (see phraseResults). */
  async function phraseItems(terms) {
    var asking = parse(terms);
    var found = asking.numbers.length ? null : await phraseResults(asking.query);
    if (!found) {
      return null;
    }
    var read = await Promise.all(found.map(function (result) { return result.data(); }));
    return ranked(found, read, asking.query, 1, []).filter(function (item) {
      return item.level === 3;
    }).sort(compare);
  }

  /* For the tests and the benchmark: the addresses of the results for ``terms``, best first,
     as the search page ranks them or, with ``typed``, as the header's list does. */
  window.clasSearch = async function (terms, typed) {
    await loadEngine();
    var found = await results(terms, function () { return true; }, Boolean(typed));
    return found.items.map(function (item) {
      return item.data ? item.data.meta.url : null;
    });
  };

  /* Where an item's link goes: its address under the site's root. */
  function hrefOf(item) {
    var address = new URL(item.data.meta.url || "", root);
    return address.pathname + address.hash;
  }

  /* The search page (docs/search.md): every result, ten at a time. */
  function searchPage() {
    var form = document.getElementById("clas-search");
    var input = document.getElementById("clas-search-input");
    var status = document.getElementById("clas-search-status");
    var list = document.getElementById("clas-search-results");
    var more = document.getElementById("clas-search-more");

    function say(text) {
      status.textContent = text;
    }

    var current = null;
    var shownCount = 0;

    /* One result: an item's title linking to its anchor, its kind, and an excerpt. */
    function renderResult(item, query) {
      var entry = document.createElement("li");
      entry.className = "clas-search-result";
      var heading = document.createElement("h2");
      heading.className = "clas-search-result__title";
      var target = link(hrefOf(item), item.data.meta.title || "");
      target.className = "clas-search-result__item";
      heading.appendChild(target);
      entry.appendChild(heading);
      if (item.data.meta.kind) {
        var kind = document.createElement("p");
        kind.className = "clas-search-result__kind";
        kind.textContent = item.data.meta.kind;
        entry.appendChild(kind);
      }
      entry.appendChild(excerpt(item.data.content || "", item.query, EXCERPT_WORDS));
      return entry;
    }

    /* Show the next results, reading the records not read yet. */
    async function showMore(size) {
      if (!current) {
        return;
      }
      var search = current;
      var slice = search.items.slice(shownCount, shownCount + size);
      shownCount += slice.length;
      more.hidden = true;
      for (var i = 0; i < slice.length; i += 1) {
        if (!slice[i].data) {
          slice[i].data = await slice[i].result.data();
        }
        if (search !== current) {
          return;
        }
        list.appendChild(renderResult(slice[i], slice[i].query));
      }
      more.hidden = shownCount >= search.items.length;
    }

    async function run(query) {
      var terms = query.trim();
      if (!terms) {
        current = null;
        list.textContent = "";
        more.hidden = true;
        say("Type words to search for.");
        return;
      }
      say("Searching…");
      var token = {};
      current = token;
      var found = await results(terms, function () { return current === token; }, false);
      if (found === null) {
        return; /* a newer search replaced this one */
      }
      var items = found.items;
      var tried = found.tried;
      var search = { items: items };
      current = search;
      shownCount = 0;
      list.textContent = "";
      more.hidden = true;
      var url = new URL(window.location.href);
      url.searchParams.set("q", terms);
      window.history.replaceState(null, "", url);
      await showMore(PAGE_SIZE);
      if (search !== current) {
        return;
      }
      var count = items.length;
      var also = tried.length > 1 ? " (and “" + tried[1][1] + "”)" : "";
      say(count === 0 ? "Nothing found for “" + terms + "”" + also + "." :
        (count === 1 ? "1 result" : count + " results") + " found for “" + terms + "”" + also + ".");
    }

    async function start() {
      var query = new URL(window.location.href).searchParams.get("q") || "";
      input.value = query;
      var header = document.getElementById("clas-header-search");
      if (header) {
        header.value = query;
      }
      try {
        await loadEngine();
      } catch (error) {
        say("Search could not start. Browse the reports, organisations or themes instead.");
        return;
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        run(input.value);
      });
      var typing = null;
      input.addEventListener("input", function () {
        window.clearTimeout(typing);
        typing = window.setTimeout(function () { run(input.value); }, 200);
      });
      more.addEventListener("click", function () {
        showMore(PAGE_SIZE);
      });
      if (query) {
        await run(query);
      } else {
        say("Type words to search for.");
      }
      input.focus();
    }


    start();
  }

  /* The header's search box as a combobox (partials/clas-search-form.html): the best items as
     you type, in a list under the box. */
  function headerBox() {
    var input = document.getElementById("clas-header-search");
    var popup = document.getElementById("clas-header-results");
    var status = document.getElementById("clas-header-status");
    if (!input || !popup || !status) {
      return;
    }
    var form = input.form;
    var options = [];
    var active = -1;
    var typing = null;
    var asked = null;

    function choose(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    /* Closing the list also drops the search in progress, whose results would open it again. */
    function close() {
      asked = null;
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    function option(id, href, title, detail) {
      var row = document.createElement("li");
      row.id = id;
      row.setAttribute("role", "option");
      row.setAttribute("aria-selected", "false");
      row.className = "clas-header-result";
      row.dataset.href = href;
      var name = document.createElement("span");
      name.className = "clas-header-result__title";
      name.textContent = title;
      row.appendChild(name);
      if (detail) {
        row.appendChild(detail);
      }
      row.addEventListener("mousedown", function (event) {
        event.preventDefault(); /* keep the focus in the box until the page changes */
      });
      row.addEventListener("click", function () {
        window.location.href = row.dataset.href;
      });
      return row;
    }

    /* The search page with every result for ``terms``: where the form goes (``search/``, or
       ``search/index.html`` in the offline copy). */
    function all(terms) {
      var page = new URL(form ? form.action : new URL("search/", root).href);
      page.searchParams.set("q", terms);
      return page.pathname + page.search;
    }

    /* The list: the first of ``items`` (each read), then "All N results". ``count`` is null
       for the items holding a phrase, shown while the other results are still sought. */
    function render(terms, shown, count) {
      var chosen = active >= 0 ? options[active].dataset.href : null;
      popup.textContent = "";
      options = shown.map(function (item, index) {
        return option("clas-header-result-" + index, hrefOf(item), item.data.meta.title || "",
          excerpt(item.data.content || "", item.query, 14));
      });
      var rest = document.createElement("span");
      rest.className = "clas-header-result__all";
      rest.textContent = count === null ? "All results" :
        (count > 1 ? "All " + count + " results" :
          (count ? "1 result: search page" : "Nothing found: search page"));
      options.push(option("clas-header-result-all", all(terms), "", rest));
      options.forEach(function (row) { popup.appendChild(row); });
      popup.dataset.query = terms;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
      /* A result the reader had chosen stays chosen when the list grows. */
      choose(options.findIndex(function (row) { return row.dataset.href === chosen; }));
      if (count === null) {
        status.textContent = (shown.length === 1 ? "1 result holds" : shown.length +
          " results hold") + " these words together. Use the up and down arrows to choose one.";
      } else {
        status.textContent = count === 0 ? "No results." :
          (count === 1 ? "1 result" : count + " results") +
          (count > shown.length ? ", " + shown.length + " shown" : "") +
          ". Use the up and down arrows to choose one.";
      }
    }

    async function show(terms) {
      var token = {};
      asked = token;
      /* The items holding the words together come from a few small files (phraseItems): they
         are listed first, then Pagefind is asked for the rest. */
      var quick = await phraseItems(terms).catch(function () { return null; });
      if (asked !== token) {
        return;
      }
      if (quick && quick.length) {
        render(terms, quick.slice(0, TYPED_SHOWN), null);
      }
      try {
        await loadEngine();
      } catch (error) {
        return; /* the form still opens the search page */
      }
      var found = await results(terms, function () { return asked === token; }, true);
      if (found === null) {
        return;
      }
      var shown = found.items.slice(0, TYPED_SHOWN);
      for (var i = 0; i < shown.length; i += 1) {
        if (!shown[i].data) {
          shown[i].data = await shown[i].result.data();
        }
      }
      if (asked !== token) {
        return;
      }
      render(terms, shown, found.items.length);
    }

    input.addEventListener("focus", function () {
      loadEngine().catch(function () { return null; });
    });
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      var terms = input.value.trim();
      var whole = input.value.replace(/\S*$/, "");
      var wholeWords = tokens(whole);
      if (wholeWords.length >= PHRASE_WORDS) {
        /* The phrase index's files for the whole words typed so far, while the reader is
           still typing. Pagefind's index for them is fetched when they stop: it is many times
           larger, and a phrase's items are listed from the phrase index first. */
        phrasePreload(wholeWords);
      }
      if (terms.length < TYPED_MIN) {
        asked = null;
        close();
        status.textContent = "";
        return;
      }
      typing = window.setTimeout(function () { show(terms); }, TYPED_PAUSE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !popup.hidden && options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) {
          return;
        }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        choose(next < -1 ? options.length - 1 : (next >= options.length ? -1 : next));
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].dataset.href;
      } else if (event.key === "Escape" && !popup.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      close();
    });
    if (form) {
      form.addEventListener("submit", function () {
        close();
      });
    }
  }

  if (document.getElementById("clas-search")) {
    searchPage();
  } else {
    headerBox();
  }
})();

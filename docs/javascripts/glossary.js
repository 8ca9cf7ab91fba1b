/* CLAS report site: abbreviations show what they stand for.
 *
 * Report, organisation and theme pages mark each abbreviation the glossary expands as
 * <abbr title="…"> (see build_tools/glossary_pages.py); pointing at one shows its expansion
 * (see clas.css). So that the keyboard can reach them too, the first use of each abbreviation
 * in a paragraph, list item, heading or table cell is made focusable, where focus shows the
 * same. Abbreviations inside links are left alone: the link takes the focus. */
(function () {
  "use strict";

  var BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, figcaption";
  var seen = new Map();
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    if (abbr.closest("a, button, summary")) {
      return;
    }
    var block = abbr.closest(BLOCKS) || abbr.parentElement;
    var names = seen.get(block);
    if (!names) {
      names = new Set();
      seen.set(block, names);
    }
    if (!names.has(abbr.textContent)) {
      names.add(abbr.textContent);
      abbr.tabIndex = 0;
    }
  });
})();

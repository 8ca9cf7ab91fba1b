/* CLAS report site: "Copy link" and "Copy citation" for every finding and recommendation.
 *
 * Works by keyboard (they are buttons), announces "Copied" to screen readers through a live
 * region, and falls back to a hidden text area where the Clipboard API is unavailable (for
 * example when the site is opened from disk). */
(function () {
  "use strict";

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical && canonical.href ? canonical.href : window.location.href;
    return base.split("#")[0].split("?")[0];
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy failed"));
      }
    });
  }

  function liveRegion() {
    var region = document.getElementById("clas-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "clas-live";
      region.className = "clas-visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function button(label, name, text) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = "clas-copy";
    control.textContent = label;
    control.setAttribute("aria-label", label + " for " + name);
    control.addEventListener("click", function () {
      copyText(text()).then(
        function () {
          control.textContent = "Copied";
          liveRegion().textContent = "Copied " + label.toLowerCase().replace("copy ", "") + " for " + name;
          window.setTimeout(function () {
            control.textContent = label;
          }, 2000);
        },
        function () {
          liveRegion().textContent = "Could not copy; the address is " + text();
        }
      );
    });
    return control;
  }

  function controls(target, kind, number, meta) {
    var name = kind + " " + number;
    var link = function () {
      return pageAddress() + "#" + target.id;
    };
    var citation = function () {
      return (
        "Care Quality Commission (" + meta.year + "). " + meta.title + ", " + name + ". " + link()
      );
    };
    var box = document.createElement("span");
    box.className = "clas-copy-controls";
    box.appendChild(button("Copy link", name, link));
    box.appendChild(button("Copy citation", name, citation));
    return box;
  }

  function setUp() {
    var info = document.getElementById("clas-report");
    if (!info || info.getAttribute("data-ready")) {
      return;
    }
    info.setAttribute("data-ready", "1");
    var meta = { year: info.getAttribute("data-year"), title: info.getAttribute("data-title") };
    document.querySelectorAll("p.clas-finding[id]").forEach(function (finding) {
      var number = finding.id.replace(/^finding-/, "").replace(/-dup-\d+$/, "").replace(/-/g, ".");
      finding.appendChild(controls(finding, "finding", number, meta));
    });
    document.querySelectorAll("h4.clas-rec[id]").forEach(function (heading) {
      var number = heading.id.replace(/^rec-/, "").replace(/-dup-\d+$/, "").replace(/-/g, ".");
      var box = controls(heading, "recommendation", number, meta);
      box.classList.add("clas-copy-controls--block");
      heading.insertAdjacentElement("afterend", box);
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

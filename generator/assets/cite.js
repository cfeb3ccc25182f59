/* Copy a citation of a pillar level or one of its criteria, as Markdown with the rubric version.
 *
 * The generator marks pillar-level pages with [data-handbook-component="cite-level"] and gives each
 * criterion the class hb-criterion and an id. Everything copied is read from the page itself: its
 * heading, and the version stamp at the end of the content, which carries the page's permanent
 * address (site_url + the page's path), so a copied link never holds a search query, index.html or
 * the host a preview happened to be served from. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  /* The citation as Markdown. `latest`: the link follows future versions, so the text says which
   * version the reader quoted. */
  function citationText(label, url, doc, latest) {
    var version = doc.querySelector(".hb-version-number");
    var handbook = doc.querySelector(".hb-version-title");
    var which = version && (latest ? "latest version, quoted from rubric version " : "rubric version ") + version.textContent;
    var stamp = [handbook && handbook.textContent, which].filter(Boolean).join(", ");
    return "[" + label.replace(/[\[\]]/g, "") + "](" + url + ")" + (stamp ? " (" + stamp + ")" : "");
  }

  /* The permanent address of the page (and anchor), or null when the site has no site_url. With
   * `latest`, the address of the same page under the alias that follows the newest version (sites
   * that publish versions side by side); null when there is none. */
  function permalink(stamp, anchor, latest) {
    var base = stamp && stamp.getAttribute(latest ? "data-handbook-latest" : "data-handbook-permalink");
    if (!base || !/^https?:\/\//.test(base)) return null;
    return anchor ? base + "#" + anchor : base;
  }

  function copy(text, status) {
    function done(ok) { status.textContent = ok ? "Copied: " + text : "Copy failed; select the text: " + text; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    done(ok);
  }

  var LATEST_LABEL = "Copy link to latest (follows future versions)";

  /* A button's name that says which rubric version its link keeps showing. */
  function versionLabel(text, version) {
    return version ? text + " (rubric version " + version + ")" : text;
  }

  function button(label, onClick) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "md-button hb-copy";
    el.textContent = label;
    el.addEventListener("click", onClick);
    return el;
  }

  function mount(root) {
    if (root.dataset.mounted === "true") return;
    root.dataset.mounted = "true";
    var status = document.createElement("p");
    status.className = "hb-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var heading = document.querySelector("article h1, .md-content h1");
    var stamp = document.querySelector(".hb-version");
    var title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
    var versioned = Boolean(permalink(stamp, "", true));
    var version = document.querySelector(".hb-version-number");
    var versionName = version ? version.textContent : "";
    function copyLink(label, anchor, latest) {
      var url = permalink(stamp, anchor, latest);
      if (!url) {
        status.textContent = "This site has no site_url, so there is no permanent link to copy.";
        return;
      }
      copy(citationText(label, url, document, latest), status);
    }
    if (versioned) {
      root.appendChild(button(versionLabel("Copy link to this version", versionName),
        function () { copyLink(title, "", false); }));
      var toLatest = button(LATEST_LABEL, function () { copyLink(title, "", true); });
      toLatest.classList.add("hb-copy--latest");
      root.appendChild(toLatest);
    } else {
      root.appendChild(button("Copy a citation of this level", function () { copyLink(title, "", false); }));
    }
    root.appendChild(status);
    document.querySelectorAll(".hb-criterion[id]").forEach(function (criterion, index) {
      var text = criterion.cloneNode(true);
      text.querySelectorAll(".hb-cite-run, .hb-cites, .hb-cite, .hb-video, .hb-permalink, .hb-copy").forEach(function (n) { n.remove(); });
      var words = text.textContent.replace(/\s+/g, " ").trim();
      var label = title + ": " + (words.length > 90 ? words.slice(0, 89) + "…" : words);
      var which = "criterion " + (index + 1);
      var copyButton = button("Copy", function () { copyLink(label, criterion.id, false); });
      copyButton.setAttribute("aria-label", versioned
        ? versionLabel("Copy link to this version of " + which, versionName)
        : "Copy a citation of " + which);
      criterion.appendChild(copyButton);
      if (versioned) {
        var latestButton = button("Latest", function () { copyLink(label, criterion.id, true); });
        latestButton.setAttribute("aria-label", "Copy link to latest of " + which + " (follows future versions)");
        latestButton.classList.add("hb-copy--latest");
        criterion.appendChild(latestButton);
      }
    });
  }

  function mountAll() {
    document.querySelectorAll('[data-handbook-component="cite-level"]').forEach(mount);
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { citationText: citationText, permalink: permalink, versionLabel: versionLabel };
  } else if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();

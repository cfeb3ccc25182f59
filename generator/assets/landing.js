/* Landing on a cited time: the passage that time ends is highlighted and scrolled clear of the header.
 *
 * Rubric pages cite a transcript as /transcripts/<slug>/#t-HH-MM-SS; the first occurrence of each time
 * on the transcript page is the anchor <a class="hb-ts" id="t-HH-MM-SS">, inside a note passage's block
 * (a paragraph, list item, table cell) or in the <p class="hb-heading-times"> under a heading. The
 * claim is the text from the previous time (or the block's start; the heading's, for heading times) up
 * to and including the cited time.
 *
 * One file, two parts. The pure core, landingRange(), picks that range out of the block's text pieces
 * and is exported to require() for node --test. The DOM part highlights it (the CSS Custom Highlight
 * API, ::highlight(hb-landing); else the class hb-landing-block on the block), gives the time link a
 * scroll margin that puts the start of the highlight below Material's sticky header, and scrolls there.
 * It runs for every page Material's document$ emits (the first load and every instant navigation) and
 * when the hash moves within the page (hashchange, popstate); each run first removes the previous
 * highlight, and the window listeners are added once, so nothing piles up.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------- pure core

  // What may follow a time before the next passage begins: spaces and the time's own punctuation.
  var AFTER_TIME = /^[\s.,;:!?)\]}\u2013\u2014-]*/;
  var SPACES = /^\s*/;

  /* The range of the passage a time ends.
   *
   * segments: the block's text in document order, each {text, time}: time is null for plain text,
   * otherwise a key (compared with ===) shared by every piece of one time or group of times (a range
   * such as "[00:03:00 – 00:03:30]" is one group, its brackets included). target: the index of the
   * segment that holds the cited time.
   *
   * The range ends at the end of the target's group. It starts after the previous time, past the
   * spaces and punctuation that follow it; a time with nothing else between it and the next one ends
   * the same passage, so the search goes on before it. With no previous time it starts at the block's
   * first non-space character. Returns {start: {segment, offset}, end: {segment, offset}}. */
  function landingRange(segments, target) {
    var group = segments[target].time;
    var last = target;
    while (last + 1 < segments.length && segments[last + 1].time === group) last++;
    var first = groupStart(segments, target);
    var end = { segment: last, offset: segments[last].text.length };
    for (;;) {
      var previous = first - 1;
      while (previous >= 0 && segments[previous].time === null) previous--;
      var skip = previous < 0 ? SPACES : AFTER_TIME;
      var start = skipPrefix(segments, previous + 1, first, skip);
      if (previous < 0 || start.segment < first) return { start: start, end: end };
      first = groupStart(segments, previous);
    }
  }

  function groupStart(segments, index) {
    var group = segments[index].time;
    while (index > 0 && segments[index - 1].time === group) index--;
    return index;
  }

  /* The first position in segments[from..to) that `skip` does not cover; {segment: to, offset: 0} if none. */
  function skipPrefix(segments, from, to, skip) {
    for (var i = from; i < to; i++) {
      var text = segments[i].text;
      var skipped = skip.exec(text)[0].length;
      if (skipped < text.length) return { segment: i, offset: skipped };
    }
    return { segment: to, offset: 0 };
  }

  /* The anchor id a location hash names, or "" ("#t-00-01-05" → "t-00-01-05"). */
  function hashTarget(hash) {
    var raw = (hash || "").replace(/^#/, "");
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw;
    }
  }

  var core = { landingRange: landingRange, hashTarget: hashTarget };

  if (typeof module === "object" && module && module.exports) {
    module.exports = core;
    return;
  }

  // ---------------------------------------------------------------- DOM

  var NAME = "hb-landing";
  var TIME = "a.hb-ts, .hb-bad-time";
  var BLOCK = "p, li, td, th, dt, dd, blockquote, h1, h2, h3, h4, h5, h6";
  if (window.__handbookLanding) return; // loaded twice: the first copy already listens
  var state = { lands: 0, marked: [], target: null, path: null };
  window.__handbookLanding = state;

  function highlights() {
    return typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
  }

  /* The elements whose text makes up the passage: the time's block, or a heading and its times line. */
  function passageRoots(target) {
    var times = target.closest(".hb-heading-times");
    if (times) {
      var heading = times.previousElementSibling;
      return heading && /^H[1-6]$/.test(heading.tagName) ? [heading, times] : [times];
    }
    var block = target.parentElement.closest(BLOCK);
    var content = target.closest(".md-content") || document.body;
    return [block && content.contains(block) ? block : target.parentElement];
  }

  function textNodes(roots) {
    var out = [];
    roots.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest(".headerlink")) out.push(node);
      }
    });
    return out;
  }

  function timeGroup(node) {
    var parent = node.parentElement;
    return parent.closest(".hb-time-range") || parent.closest(TIME);
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    if (!header) return 0;
    var position = getComputedStyle(header).position;
    if (position !== "sticky" && position !== "fixed") return 0;
    return Math.max(0, header.getBoundingClientRect().bottom);
  }

  function clear() {
    if (highlights()) CSS.highlights.delete(NAME);
    state.marked.forEach(function (el) { el.classList.remove("hb-landing-block"); });
    state.marked = [];
    if (state.target) {
      state.target.classList.remove("hb-landing-target");
      state.target.style.removeProperty("scroll-margin-top");
      state.target = null;
    }
  }

  /* Scroll so that `top` (the highlight's top, in the viewport) lands just below the header, keeping
   * the time link itself in view when the passage is taller than the screen. The margin stays on the
   * link, so the browser's (and Material's) own jumps to the anchor land at the same place. */
  function place(target, top) {
    var header = headerBottom();
    var gap = 0.8 * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
    var link = target.getBoundingClientRect();
    var room = Math.max(0, window.innerHeight - header - 2 * gap - link.height);
    var lift = Math.min(Math.max(0, link.top - top), room);
    target.style.setProperty("scroll-margin-top", Math.round(header + gap + lift) + "px");
    target.scrollIntoView({ block: "start", inline: "nearest" });
  }

  function land() {
    var target = document.getElementById(hashTarget(location.hash));
    if (target && target === state.target) return; // one navigation can send several events
    clear();
    if (!target || !target.matches("a.hb-ts")) return;
    var roots = passageRoots(target);
    var nodes = textNodes(roots);
    var index = -1;
    for (var i = 0; i < nodes.length && index < 0; i++) if (target.contains(nodes[i])) index = i;
    if (index < 0) return;
    var segments = nodes.map(function (node) { return { text: node.data, time: timeGroup(node) }; });
    var picked = landingRange(segments, index);
    var range = document.createRange();
    range.setStart(nodes[picked.start.segment], picked.start.offset);
    range.setEnd(nodes[picked.end.segment], picked.end.offset);
    var top;
    if (highlights()) {
      CSS.highlights.set(NAME, new Highlight(range));
      top = range.getBoundingClientRect().top;
    } else {
      roots.forEach(function (el) { el.classList.add("hb-landing-block"); });
      state.marked = roots;
      top = roots[0].getBoundingClientRect().top;
    }
    target.classList.add("hb-landing-target");
    state.target = target;
    state.lands++;
    place(target, top);
  }

  /* A new page (the first, or one Material's instant navigation swapped in). */
  function onPage() {
    state.path = location.pathname;
    land();
  }

  /* A move within the page. Material turns a click on a same-page anchor into pushState and a
   * fragment navigation, which fires popstate but no hashchange. A popstate that leaves the page
   * is Material's to handle: the new page arrives through document$. */
  function onHistory() {
    if (location.pathname === state.path) land();
  }

  window.addEventListener("hashchange", onHistory);
  window.addEventListener("popstate", onHistory);
  var material = typeof window.document$ === "object" && window.document$ && window.document$.subscribe;
  if (material) window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();

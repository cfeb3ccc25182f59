/* Self-check quiz: levels per pillar from the rubric's questions, entirely in the browser.
 *
 * One file, two parts. The pure core (scoring, focus, hash and storage formats, version
 * migration, exports, radar geometry) is exported to `require()` for `node --test`. The DOM part
 * mounts on `[data-handbook-component="self-check"]` through Material's `document$`, which replays
 * the current page and emits after every instant navigation; each emission first tears down the
 * previous instance, so listeners never pile up. Text from the data only ever goes through
 * `textContent` and attribute setters, never through HTML parsing. */
(function () {
  "use strict";

  // ---------------------------------------------------------------- pure core

  /* The answer "not yet / does not apply": recorded like any other, but it carries no level. */
  var NOT_YET = "na";
  var NOT_YET_TEXT = "Not yet / does not apply";

  function pillarsOf(data) {
    var out = [];
    data.ws.forEach(function (w) {
      w.pillars.forEach(function (p) { out.push(p); });
    });
    return out;
  }

  function questionsOf(data) {
    var out = [];
    pillarsOf(data).forEach(function (p) {
      p.questions.forEach(function (q) { out.push(q); });
    });
    return out;
  }

  /* The median of integers, rounded down (the mean of the middle two for an even count). */
  function medianFloor(values) {
    if (!values.length) return null;
    var s = values.slice().sort(function (a, b) { return a - b; });
    var mid = s.length >> 1;
    return s.length % 2 ? s[mid] : Math.floor((s[mid - 1] + s[mid]) / 2);
  }

  /* A pillar's result: median level of the chosen options, snapped down to a level the pillar
   * defines (so it always has a page), the spread of the answers, and the next level. */
  function scorePillar(pillar, answers) {
    var chosen = [];
    var skipped = 0;
    pillar.questions.forEach(function (q) {
      if (!Object.prototype.hasOwnProperty.call(answers, q.id)) return;
      if (answers[q.id] === NOT_YET) skipped++;
      else chosen.push(answers[q.id]);
    });
    var median = medianFloor(chosen);
    var levels = pillar.levels;
    var current = null;
    if (median !== null && levels.length) {
      current = levels[0];
      levels.forEach(function (lv) { if (lv.n <= median) current = lv; });
    }
    var next = null;
    if (current) {
      levels.forEach(function (lv) { if (!next && lv.n > current.n) next = lv; });
    }
    return {
      pillar: pillar,
      answered: chosen.length + skipped,
      scored: chosen.length,
      skipped: skipped,
      total: pillar.questions.length,
      level: current ? current.n : null,
      min: chosen.length ? Math.min.apply(null, chosen) : null,
      max: chosen.length ? Math.max.apply(null, chosen) : null,
      current: current,
      next: next
    };
  }

  function scoreAll(data, answers) {
    return pillarsOf(data).map(function (p) { return scorePillar(p, answers); });
  }

  /* The pillar with the most leverage: the weakest scored pillar that has a next level; ties go
   * to the pillar that comes first in the rubric. */
  function chooseFocus(results) {
    var best = null;
    results.forEach(function (r) {
      if (r.level === null || !r.next) return;
      if (!best || r.level < best.level ||
          (r.level === best.level && r.pillar.order < best.pillar.order)) best = r;
    });
    return best;
  }

  /* Keep only answers to questions that exist, with a level one of their options offers. */
  function sanitizeAnswers(data, answers) {
    var kept = {};
    var dropped = 0;
    var byId = {};
    questionsOf(data).forEach(function (q) { byId[q.id] = q; });
    Object.keys(answers || {}).forEach(function (id) {
      var q = Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : null;
      var level = answers[id];
      var ok = q && (level === NOT_YET || q.options.some(function (o) { return o.level === level; }));
      if (ok) kept[id] = level; else dropped++;
    });
    return { answers: kept, dropped: dropped };
  }

  /* Saved answers ({version, answers}) brought to the current rubric. `changed` says the rubric
   * version differs from the one they were saved with. */
  function migrate(data, saved) {
    if (!saved) return { answers: {}, dropped: 0, changed: false, from: null };
    var clean = sanitizeAnswers(data, saved.answers);
    return {
      answers: clean.answers,
      dropped: clean.dropped,
      changed: saved.version !== data.version,
      from: saved.version
    };
  }

  var LEVEL_RE = /^\d{1,6}$/;
  var QID_RE = /^[a-z0-9][a-z0-9.-]*$/;

  /* `#v=<version>&a=<question>:<level>,...`, answers in question order; "" when none. */
  function encodeHash(data, answers) {
    var parts = [];
    questionsOf(data).forEach(function (q) {
      if (Object.prototype.hasOwnProperty.call(answers, q.id)) parts.push(q.id + ":" + answers[q.id]);
    });
    if (!parts.length) return "";
    return "#v=" + encodeURIComponent(data.version) + "&a=" + parts.join(",");
  }

  function decodeHash(hash) {
    var text = String(hash || "").replace(/^#/, "");
    var fields = {};
    text.split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) fields[pair.slice(0, i)] = pair.slice(i + 1);
    });
    if (!Object.prototype.hasOwnProperty.call(fields, "a")) return null;
    var version = fields.v || "";
    try { version = decodeURIComponent(version); } catch (e) { /* keep it raw */ }
    var answers = {};
    fields.a.split(",").forEach(function (item) {
      var m = item.split(":");
      if (m.length !== 2 || !QID_RE.test(m[0])) return;
      if (m[1] === NOT_YET) answers[m[0]] = NOT_YET;
      else if (LEVEL_RE.test(m[1])) answers[m[0]] = Number(m[1]);
    });
    return { version: version, answers: answers };
  }

  /* Stored state, or null for anything that is not exactly what `serialize` writes. */
  function parseStored(text) {
    var value;
    try { value = JSON.parse(text); } catch (e) { return null; }
    if (!value || typeof value !== "object" || typeof value.version !== "string") return null;
    var raw = value.answers;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    var answers = {};
    Object.keys(raw).forEach(function (id) {
      var level = raw[id];
      if (!QID_RE.test(id)) return;
      if (level === NOT_YET || (typeof level === "number" && level >= 0 && level % 1 === 0)) answers[id] = level;
    });
    return { version: value.version, answers: answers };
  }

  function serialize(data, answers) {
    return JSON.stringify({ version: data.version, answers: answers });
  }

  function levelLabel(level) {
    return level.name && level.name !== String(level.n) ? level.n + " · " + level.name : String(level.n);
  }

  var NOT_YET_LABEL = NOT_YET_TEXT.toLowerCase();

  /* What a pillar's level rests on: "from 3 answers", "from 2 answers (1 not yet / does not apply)",
   * or, with only not-yet answers, "no level: 2 not yet / does not apply". */
  function basisLabel(r) {
    if (!r.scored && r.skipped) return "no level: " + r.skipped + " " + NOT_YET_LABEL;
    var text = "from " + r.scored + " answer" + (r.scored === 1 ? "" : "s");
    return r.skipped ? text + " (" + r.skipped + " " + NOT_YET_LABEL + ")" : text;
  }

  /* The level cell: the level, or why there is none. */
  function noLevelLabel(r) {
    return r.skipped && !r.scored ? "no level (only not yet)" : "not answered";
  }

  /* Answers and not-yet answers over all pillars, for the result's summary line. */
  function basisTotals(results) {
    var totals = { scored: 0, skipped: 0, total: 0 };
    results.forEach(function (r) { totals.scored += r.scored; totals.skipped += r.skipped; totals.total += r.total; });
    return totals;
  }

  function spreadLabel(r) {
    return r.min === null ? "" : r.min === r.max ? String(r.min) : r.min + "–" + r.max;
  }

  function escapeMarkdown(text) {
    return String(text).replace(/\s+/g, " ").replace(/([\\`*_{}[\]()<>#|!])/g, "\\$1");
  }

  /* The result as Markdown for a review document; `resolve` turns data links into absolute ones. */
  function toMarkdown(data, results, permalink, resolve) {
    var lines = [
      "**Self-check: " + escapeMarkdown(data.title) + "**, rubric version " + escapeMarkdown(data.version),
      "",
      "| Pillar | Level | Spread | Based on |",
      "|---|---|---|---|"
    ];
    results.forEach(function (r) {
      var title = escapeMarkdown(r.pillar.title);
      var level = r.current
        ? "[" + escapeMarkdown(levelLabel(r.current)) + "](" + resolve(r.current.url) + ")"
        : noLevelLabel(r);
      lines.push("| [" + title + "](" + resolve(r.pillar.url) + ") | " + level + " | " +
        spreadLabel(r) + " | " + (r.answered ? basisLabel(r) : "") + " |");
    });
    var focus = chooseFocus(results);
    lines.push("");
    if (focus) {
      lines.push("Focus next: [" + escapeMarkdown(focus.pillar.title) + ", level " + focus.next.n + "](" +
        resolve(focus.next.url) + ")");
      focus.next.criteria.forEach(function (c) {
        lines.push("- [" + escapeMarkdown(c.text) + "](" + resolve(c.url) + ")");
      });
      lines.push("");
    }
    lines.push("Answers: <" + permalink + ">");
    return lines.join("\n") + "\n";
  }

  function toExport(data, answers, results, permalink, resolve) {
    var focus = chooseFocus(results);
    return {
      title: data.title,
      version: data.version,
      permalink: permalink,
      answers: answers,
      pillars: results.map(function (r) {
        return {
          id: r.pillar.id, title: r.pillar.title, level: r.level, min: r.min, max: r.max,
          answered: r.answered, scored: r.scored, not_yet: r.skipped, total: r.total,
          url: r.current ? resolve(r.current.url) : null
        };
      }),
      focus: focus ? {
        pillar: focus.pillar.id,
        level: focus.next.n,
        url: resolve(focus.next.url),
        criteria: focus.next.criteria.map(function (c) { return { id: c.id, text: c.text, url: resolve(c.url) }; })
      } : null
    };
  }

  /* Whether two answer sets hold the same answers (a link that is the reader's own). */
  function sameAnswers(a, b) {
    var ka = Object.keys(a || {}), kb = Object.keys(b || {});
    return ka.length === kb.length && ka.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && b[k] === a[k]; });
  }

  /* A label broken into whole words on lines of at most `width` characters (a longer word gets its own line). */
  function wrapLabel(text, width) {
    var lines = [];
    String(text).split(/\s+/).filter(Boolean).forEach(function (word) {
      var last = lines.length ? lines[lines.length - 1] : null;
      if (last !== null && (last + " " + word).length <= width) lines[lines.length - 1] = last + " " + word;
      else lines.push(word);
    });
    return lines;
  }

  /* Radar geometry: one axis per pillar clockwise from the top, rings per scale level, the
   * polygon of levels (unscored pillars sit at the centre). Coordinates are rounded to 0.1. */
  function radarGeometry(values, low, high, radius, centre) {
    var n = values.length;
    var span = Math.max(high - low, 1);
    function at(i, r) {
      var a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
      return [Math.round((centre + r * Math.cos(a)) * 10) / 10, Math.round((centre + r * Math.sin(a)) * 10) / 10];
    }
    function scaled(v) { return radius * (Math.min(Math.max(v, low), high) - low) / span; }
    var axes = values.map(function (v, i) {
      var end = at(i, radius);
      var label = at(i, radius + 12);
      var dx = label[0] - centre;
      return { end: end, label: label, anchor: Math.abs(dx) < 1 ? "middle" : dx > 0 ? "start" : "end" };
    });
    var rings = [];
    for (var lv = low + 1; lv <= high; lv++) {
      rings.push(values.map(function (v, i) { return at(i, scaled(lv)).join(","); }).join(" "));
    }
    var points = values.map(function (v, i) { return at(i, v === null ? 0 : scaled(v)).join(","); }).join(" ");
    return { axes: axes, rings: rings, points: points };
  }

  var core = {
    pillarsOf: pillarsOf, questionsOf: questionsOf, medianFloor: medianFloor,
    scorePillar: scorePillar, scoreAll: scoreAll, chooseFocus: chooseFocus,
    sanitizeAnswers: sanitizeAnswers, migrate: migrate, encodeHash: encodeHash,
    decodeHash: decodeHash, parseStored: parseStored, serialize: serialize,
    levelLabel: levelLabel, spreadLabel: spreadLabel, escapeMarkdown: escapeMarkdown,
    basisLabel: basisLabel, noLevelLabel: noLevelLabel, basisTotals: basisTotals, NOT_YET: NOT_YET, NOT_YET_TEXT: NOT_YET_TEXT,
    sameAnswers: sameAnswers, wrapLabel: wrapLabel,
    toMarkdown: toMarkdown, toExport: toExport, radarGeometry: radarGeometry
  };

  if (typeof module === "object" && module && module.exports) {
    module.exports = core;
    return;
  }
  if (typeof window === "undefined" || window.__handbookSelfCheck) return;

  // ---------------------------------------------------------------- browser

  var registry = { core: core, instance: null, mounts: 0, active: 0 };
  window.__handbookSelfCheck = registry;
  var SVG = "http://www.w3.org/2000/svg";

  /* An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attrs, children, ns) {
    var node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function link(href, text) { return h("a", { href: href, text: text }); }

  /* localStorage that may be missing, disabled, full or hold garbage: never throws. */
  function makeStore(key) {
    function area() { try { return window.localStorage || null; } catch (e) { return null; } }
    return {
      load: function () {
        try { var s = area(); return s ? parseStored(s.getItem(key)) : null; } catch (e) { return null; }
      },
      save: function (text) {
        try { area().setItem(key, text); return true; } catch (e) { return false; }
      },
      clear: function () {
        try { area().removeItem(key); return true; } catch (e) { return false; }
      }
    };
  }

  /* The data is a one-element JSON array in the root's <script>. Found by position: Material's
   * instant navigation re-inserts content scripts as classic scripts without their attributes
   * (which is why it is an array: a harmless expression when evaluated, unlike an object). */
  function readData(root) {
    try {
      var data = JSON.parse(root.querySelector("script").textContent)[0];
      return data && Array.isArray(data.ws) ? data : null;
    } catch (e) { return null; }
  }

  function buildForm(data, inputs, counts) {
    var form = h("form", { class: "hbq-form", novalidate: true });
    data.ws.forEach(function (w) {
      var group = h("section", { class: "hbq-w" }, [h("h2", { text: w.title })]);
      w.pillars.forEach(function (p) {
        var count = h("span", { class: "hbq-count" });
        counts[p.id] = count;
        var section = h("section", { class: "hbq-pillar", "data-pillar": p.id }, [
          h("h3", {}, [h("span", { text: p.title }), count])
        ]);
        p.questions.forEach(function (q, qi) {
          var set = h("fieldset", { class: "hbq-question" }, [h("legend", { text: q.prompt })]);
          inputs[q.id] = q.options.map(function (o, oi) {
            var input = h("input", {
              type: "radio", name: "hbq-" + q.id, value: String(o.level),
              id: "hbq-" + p.id + "-" + qi + "-" + oi, "data-question": q.id
            });
            set.appendChild(h("label", { class: "hbq-option", for: input.id }, [input, h("span", { text: o.text })]));
            return input;
          });
          var notYet = h("input", {
            type: "radio", name: "hbq-" + q.id, value: NOT_YET,
            id: "hbq-" + p.id + "-" + qi + "-na", "data-question": q.id
          });
          set.appendChild(h("label", { class: "hbq-option hbq-option--not-yet", for: notYet.id }, [
            notYet, h("span", { text: NOT_YET_TEXT })
          ]));
          inputs[q.id].push(notYet);
          section.appendChild(set);
        });
        group.appendChild(section);
      });
      form.appendChild(group);
    });
    return form;
  }

  function buildRadar(data, results) {
    var levels = data.levels.map(function (l) { return l.n; });
    var low = levels.length ? Math.min.apply(null, levels) : 0;
    var high = levels.length ? Math.max.apply(null, levels) : 1;
    var geo = radarGeometry(results.map(function (r) { return r.level; }), low, high, 100, 170);
    var chart = h("svg", {
      class: "hbq-radar", viewBox: "-90 -10 520 370", role: "img",
      "aria-label": "Radar chart of your level per pillar; the table below gives the same results."
    }, [], SVG);
    geo.rings.forEach(function (pts) { chart.appendChild(h("polygon", { class: "hbq-ring", points: pts }, [], SVG)); });
    // Each ring says its level, along the first axis (straight up from the centre).
    for (var lv = low; lv <= high; lv++) {
      var y = Math.round((170 - 100 * (lv - low) / Math.max(high - low, 1)) * 10) / 10;
      chart.appendChild(h("text", { class: "hbq-ring-label", x: 174, y: y, "dominant-baseline": "middle", text: String(lv) }, [], SVG));
    }
    geo.axes.forEach(function (a, i) {
      var r = results[i];
      var unanswered = r.level === null;
      chart.appendChild(h("line", {
        class: "hbq-axis" + (unanswered ? " hbq-axis--unanswered" : ""), x1: 170, y1: 170, x2: a.end[0], y2: a.end[1]
      }, [], SVG));
      var lines = wrapLabel(r.pillar.title, 16);
      if (unanswered) lines.push("(not answered)");
      // Above the centre a label grows upwards, below it downwards, at the sides around its point,
      // so no line crosses the rings (or the ring numbers on the top axis).
      var rise = a.label[1] < 169 ? (lines.length - 1) * 16 : a.label[1] > 171 ? 0 : (lines.length - 1) * 8;
      var top = a.label[1] - rise;
      var label = h("text", {
        class: "hbq-label" + (unanswered ? " hbq-label--unanswered" : ""), x: a.label[0], y: top,
        "text-anchor": a.anchor, "dominant-baseline": "middle"
      }, [], SVG);
      lines.forEach(function (line, n) {
        label.appendChild(h("tspan", { x: a.label[0], dy: n ? 16 : 0, text: line }, [], SVG));
      });
      chart.appendChild(label);
    });
    chart.appendChild(h("polygon", { class: "hbq-shape", points: geo.points }, [], SVG));
    // A dot on each answered axis (level 0 included): an unanswered pillar has none, and a dashed axis.
    geo.points.split(" ").forEach(function (point, i) {
      if (results[i].level === null) return;
      var xy = point.split(",");
      chart.appendChild(h("circle", { class: "hbq-dot", cx: xy[0], cy: xy[1], r: 4 }, [], SVG));
    });
    return chart;
  }

  var PROVENANCE = { source: "From the talk", handbook: "Handbook's own" };

  function provenanceMarker(kind) {
    var known = Object.prototype.hasOwnProperty.call(PROVENANCE, kind) ? kind : "handbook";
    return h("span", { class: "hb-prov hb-prov--" + known, text: PROVENANCE[known] });
  }

  function provenanceLegend() {
    return h("p", { class: "hb-prov-legend" }, [
      provenanceMarker("source"), ": cited to the minute of the talk. ",
      provenanceMarker("handbook"), ": the handbook's own reading, written to fit what the talk describes."
    ]);
  }

  function buildTable(results) {
    var body = h("tbody");
    results.forEach(function (r) {
      body.appendChild(h("tr", {}, [
        h("th", { scope: "row" }, [link(r.pillar.url, r.pillar.title)]),
        h("td", {}, [r.current ? link(r.current.url, levelLabel(r.current)) : noLevelLabel(r)]),
        h("td", { text: spreadLabel(r) }),
        h("td", {}, [r.next ? link(r.next.url, "level " + r.next.n + " criteria") : r.current ? "top level" : ""]),
        h("td", { text: r.answered ? basisLabel(r) : "" })
      ]));
    });
    var head = h("tr", {}, ["Pillar", "Level", "Spread", "Next", "Based on"].map(function (t) {
      return h("th", { scope: "col", text: t });
    }));
    // Classless, so Material styles it like every other table (and scrolls it on a phone).
    var table = h("table", {}, [h("caption", { text: "Level per pillar" }), h("thead", {}, [head]), body]);
    return h("div", { class: "hbq-table" }, [table]);
  }

  function buildFocus(results) {
    var focus = chooseFocus(results);
    var box = h("div", { class: "hbq-focus" }, [h("h3", { text: "Where to focus next" })]);
    if (!focus) {
      var anyScored = results.some(function (r) { return r.level !== null; });
      box.appendChild(h("p", {
        text: anyScored ? "Every answered pillar is at its top level." : "Answer a pillar's questions to see where to focus."
      }));
      return box;
    }
    box.appendChild(h("p", {}, [
      link(focus.pillar.url, focus.pillar.title), ": you are at level " + focus.level + "; ",
      link(focus.next.url, "level " + levelLabel(focus.next)), ":"
    ]));
    box.appendChild(h("p", { class: "hbq-summary", "data-provenance": focus.next.provenance }, [
      focus.next.summary, " ", provenanceMarker(focus.next.provenance)
    ]));
    if (focus.next.criteria.length) {
      box.appendChild(h("p", { text: "It asks for:" }));
      box.appendChild(h("ul", {}, focus.next.criteria.map(function (c) {
        return h("li", { "data-provenance": c.provenance }, [link(c.url, c.text), " ", provenanceMarker(c.provenance)]);
      })));
    }
    box.appendChild(provenanceLegend());
    return box;
  }

  function mount(root) {
    var data = readData(root);
    if (!data) return null;
    var cleanups = [];
    function listen(target, type, fn) {
      target.addEventListener(type, fn);
      cleanups.push(function () { target.removeEventListener(type, fn); });
    }
    var store = makeStore("handbook-self-check:" + location.pathname);
    var answers = {};
    var inputs = {};
    var counts = {};
    var storageOk = true;
    var notices = { rubric: "", storage: "" };

    var shared = false; // showing answers from someone's link: read-only, and storage is left alone
    var undo = null; // what the last reset or copy replaced: {answers, text}
    var notice = h("div", { class: "hbq-notice", role: "status", hidden: true });
    var sharedBar = h("div", { class: "hbq-shared", role: "region", "aria-label": "A shared result", hidden: true }, [
      h("p", {}, [h("strong", { text: "A shared result. " }),
        "These answers come from the link you opened. They are shown read-only, and your own answers in this browser are untouched."]),
      h("div", { class: "hbq-shared-actions" }, [
        h("button", { type: "button", class: "md-button md-button--primary", "data-action": "adopt", text: "Copy into my answers" }),
        h("button", { type: "button", class: "md-button", "data-action": "mine", text: "Show my answers" })
      ])
    ]);
    var undoBar = h("div", { class: "hbq-undo", role: "status", hidden: true }, [
      h("span", { class: "hbq-undo-text" }), " ",
      h("button", { type: "button", class: "md-button", "data-action": "undo", text: "Undo" })
    ]);
    var basis = h("p", { class: "hbq-basis" });
    var progress = h("p", { class: "hbq-progress" });
    var live = h("div", { class: "hbq-live", "aria-live": "polite", role: "status" });
    var resultBody = h("div", { class: "hbq-result-body" });
    var copyArea = h("textarea", { class: "hbq-copy", readonly: true, rows: 8, hidden: true, "aria-label": "Result as Markdown" });
    var actions = h("div", { class: "hbq-actions" }, [
      h("button", { type: "button", class: "md-button", "data-action": "copy", text: "Copy as Markdown" }),
      h("button", { type: "button", class: "md-button", "data-action": "json", text: "Download JSON" }),
      h("button", { type: "button", class: "md-button", "data-action": "print", text: "Print" }),
      h("button", { type: "button", class: "md-button", "data-action": "reset", text: "Reset answers" })
    ]);
    var results = h("section", { class: "hbq-results", "aria-labelledby": "hbq-results-title" }, [
      h("h2", { id: "hbq-results-title", text: "Your result" }), basis, resultBody, actions, copyArea
    ]);
    var form = buildForm(data, inputs, counts);
    var app = h("div", { class: "hbq" }, [sharedBar, notice, undoBar, progress, form, results, live]);

    function permalink() { return location.href.split("#")[0] + encodeHash(data, answers); }
    function resolve(url) { return new URL(url, location.href).href; }

    function showNotices() {
      notice.textContent = "";
      [notices.rubric, notices.storage].forEach(function (t) { if (t) notice.appendChild(h("p", { text: t })); });
      notice.hidden = !notice.firstChild;
    }

    /* Write the answers to storage and, unless `keepLink`, to the URL's hash. Never for a shared result. */
    function persist(keepLink) {
      if (shared) return;
      var hash = encodeHash(data, answers);
      if (!keepLink) history.replaceState(history.state, "", location.href.split("#")[0] + hash);
      var ok = hash ? store.save(serialize(data, answers)) : store.clear();
      if (!ok && storageOk) {
        storageOk = false;
        notices.storage = "This browser is not keeping your answers (storage is unavailable or full); " +
          "bookmark or copy this page's link to keep them.";
        showNotices();
      }
    }

    function render() {
      var all = scoreAll(data, answers);
      var done = 0, total = 0, complete = 0;
      all.forEach(function (r) {
        done += r.answered; total += r.total;
        if (r.answered === r.total) complete++;
        counts[r.pillar.id].textContent = r.answered + " of " + r.total + " answered";
      });
      progress.textContent = done + " of " + total + " questions answered · " + complete + " of " + all.length + " pillars complete";
      Object.keys(inputs).forEach(function (id) {
        var has = Object.prototype.hasOwnProperty.call(answers, id);
        var picked = false;
        inputs[id].forEach(function (input) {
          var value = input.value === NOT_YET ? NOT_YET : Number(input.value);
          input.checked = has && !picked && value === answers[id];
          input.disabled = shared;
          if (input.checked) picked = true;
        });
      });
      sharedBar.hidden = !shared;
      app.classList.toggle("hbq--shared", shared);
      results.querySelector("h2").textContent = shared ? "The shared result" : "Your result";
      var totals = basisTotals(all);
      basis.textContent = "Based on " + totals.scored + " of " + totals.total + " answers" +
        (totals.skipped ? " (" + totals.skipped + " more answered " + NOT_YET_LABEL + ")" : "") + ".";
      resultBody.textContent = "";
      resultBody.appendChild(buildRadar(data, all));
      resultBody.appendChild(buildTable(all));
      resultBody.appendChild(buildFocus(all));
      return all;
    }

    function load(saved, fromLink) {
      var m = migrate(data, saved);
      answers = m.answers;
      // A link holding exactly what this browser keeps is the reader's own; any other is someone's result.
      var own = store.load();
      shared = Boolean(fromLink && !(own && own.version === data.version && sameAnswers(own.answers, answers)));
      notices.rubric = saved && m.changed
        ? "The rubric changed since these answers were saved (version " + (m.from || "unknown") + ", now " +
          data.version + "). " + plural(Object.keys(answers).length, "answer") + " kept" +
          (m.dropped ? ", " + m.dropped + " dropped because their questions no longer exist" : "") +
          ": please review them."
        : "";
      showNotices();
      render();
      // A link stays as it was opened (Material may remount the page for it: the new instance
      // must see the same link to say the same thing); answers from storage get their link.
      if (saved && !fromLink) persist(false);
      if (saved) live.textContent = shared ? "Showing a shared result, read-only." : "Answers restored from " +
        (fromLink ? "the link." : "this browser.");
    }

    function onChange(ev) {
      var input = ev.target;
      var id = input && input.getAttribute && input.getAttribute("data-question");
      if (!id || !input.checked || shared) return;
      answers[id] = input.value === NOT_YET ? NOT_YET : Number(input.value);
      hideUndo();
      var all = render();
      persist();
      var r = all.filter(function (x) { return x.pillar.questions.some(function (q) { return q.id === id; }); })[0];
      live.textContent = r.pillar.title + ": level " + (r.current ? levelLabel(r.current) : "–") +
        ", " + r.answered + " of " + r.total + " answered.";
    }

    function copy() {
      var text = toMarkdown(data, scoreAll(data, answers), permalink(), resolve);
      function fallback() {
        copyArea.hidden = false;
        copyArea.value = text;
        copyArea.focus();
        copyArea.select();
        live.textContent = "Result selected as Markdown: press Ctrl+C to copy it.";
      }
      copyArea.value = text;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          live.textContent = "Result copied as Markdown.";
        }, fallback);
      } else fallback();
    }

    function download() {
      var body = toExport(data, answers, scoreAll(data, answers), permalink(), resolve);
      var url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2) + "\n"], { type: "application/json" }));
      var a = h("a", { href: url, download: "self-check-" + String(data.version).replace(/[^\w.-]+/g, "_") + ".json" });
      a.click();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      live.textContent = "Result downloaded as JSON.";
    }

    function onClick(ev) {
      var button = ev.target.closest && ev.target.closest("button[data-action]");
      if (!button || !root.contains(button)) return;
      var action = button.getAttribute("data-action");
      if (action === "copy") copy();
      else if (action === "json") download();
      else if (action === "print") window.print();
      else if (action === "reset") {
        var before = answers;
        answers = {};
        notices.rubric = "";
        copyArea.hidden = true;
        shared = false;
        showNotices();
        render();
        persist();
        offerUndo(before, "Answers cleared.");
        live.textContent = "Answers cleared.";
      } else if (action === "adopt") {
        var own = store.load();
        shared = false;
        render();
        persist();
        offerUndo(own ? migrate(data, own).answers : {}, "The shared answers are now yours.");
        live.textContent = "The shared answers are now yours; you can change them.";
      } else if (action === "mine") {
        var mine = store.load();
        shared = false;
        answers = mine ? migrate(data, mine).answers : {};
        notices.rubric = "";
        showNotices();
        render();
        history.replaceState(history.state, "", location.href.split("#")[0] + encodeHash(data, answers));
        live.textContent = "Showing your own answers.";
      } else if (action === "undo" && undo) {
        answers = undo.answers;
        hideUndo();
        render();
        persist();
        live.textContent = "Undone: your previous answers are back.";
      }
    }

    /* After a reset or a copy over the reader's answers: one click puts the previous ones back. */
    function offerUndo(previous, text) {
      if (!Object.keys(previous).length) { hideUndo(); return; }
      undo = { answers: previous };
      undoBar.querySelector(".hbq-undo-text").textContent = text;
      undoBar.hidden = false;
    }

    function hideUndo() {
      undo = null;
      undoBar.hidden = true;
    }

    function onHashChange() {
      var saved = decodeHash(location.hash);
      if (saved) load(saved, true);
    }

    var fromHash = decodeHash(location.hash);
    root.appendChild(app);
    load(fromHash || store.load(), !!fromHash);
    listen(form, "change", onChange);
    listen(form, "submit", function (ev) { ev.preventDefault(); });
    listen(app, "click", onClick);
    listen(window, "hashchange", onHashChange);
    root.setAttribute("data-handbook-mounted", "");
    registry.mounts++;
    registry.active++;
    return {
      root: root,
      destroy: function () {
        cleanups.forEach(function (f) { f(); });
        registry.active--;
      }
    };
  }

  /* Called for every page: tear down the previous instance, mount on this page's root if any. */
  function onDocument() {
    var root = document.querySelector('[data-handbook-component="self-check"]');
    var current = registry.instance;
    if (current && current.root === root) return;
    if (current) current.destroy();
    registry.instance = root && !root.hasAttribute("data-handbook-mounted") ? mount(root) : null;
  }

  var material = typeof window.document$ === "object" && window.document$ && window.document$.subscribe;
  if (material) window.document$.subscribe(onDocument);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onDocument);
  else onDocument();
})();

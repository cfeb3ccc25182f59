// Unit tests of the citation text copied from pillar-level pages: node --test tests/js/
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { citationText } = require(path.join(__dirname, "..", "..", "generator", "assets", "cite.js"));

function fakeDocument(title, version) {
  const nodes = {
    ".hb-version-title": title === null ? null : { textContent: title },
    ".hb-version-number": version === null ? null : { textContent: version },
  };
  return { querySelector: (selector) => nodes[selector] };
}

test("a citation names the page, links it and carries the rubric version", () => {
  const text = citationText("Data & metrics, level 3: Proficient", "https://h.example/pillars/data/level-3/",
    fakeDocument("PM Growth Handbook", "2026.11"));
  assert.equal(text,
    "[Data & metrics, level 3: Proficient](https://h.example/pillars/data/level-3/) (PM Growth Handbook, rubric version 2026.11)");
});

test("brackets in the label cannot break the Markdown link", () => {
  const text = citationText("A [b] c", "u", fakeDocument("T", "1"));
  assert.equal(text, "[A b c](u) (T, rubric version 1)");
});

test("without a version line the citation is still a link", () => {
  assert.equal(citationText("L", "u", fakeDocument(null, null)), "[L](u)");
});

const { permalink } = require(path.join(__dirname, "..", "..", "generator", "assets", "cite.js"));

function fakeStamp(value, latest) {
  const attributes = { "data-handbook-permalink": value, "data-handbook-latest": latest || null };
  return { getAttribute: (name) => (name in attributes ? attributes[name] : null) };
}

test("the permalink comes from the stamp, with the anchor added", () => {
  const stamp = fakeStamp("https://h.example/growth/pillars/data/level-3/");
  assert.equal(permalink(stamp, ""), "https://h.example/growth/pillars/data/level-3/");
  assert.equal(permalink(stamp, "sets-guardrails"), "https://h.example/growth/pillars/data/level-3/#sets-guardrails");
});

test("no site_url, or anything but http(s), gives no permalink", () => {
  assert.equal(permalink(fakeStamp(null), ""), null);
  assert.equal(permalink(null, "x"), null);
  assert.equal(permalink(fakeStamp("javascript:alert(1)"), ""), null);
});

test("a versioned site offers this version's address and the latest one", () => {
  const stamp = fakeStamp("https://h.example/g/2026.11/pillars/data/level-3/", "https://h.example/g/latest/pillars/data/level-3/");
  assert.equal(permalink(stamp, "x", false), "https://h.example/g/2026.11/pillars/data/level-3/#x");
  assert.equal(permalink(stamp, "x", true), "https://h.example/g/latest/pillars/data/level-3/#x");
  assert.equal(permalink(fakeStamp("https://h.example/g/pillars/data/level-3/"), "x", true), null);
});

test("a citation of the latest version says which version was quoted", () => {
  const text = citationText("L", "https://h.example/latest/", fakeDocument("T", "2026.11"), true);
  assert.equal(text, "[L](https://h.example/latest/) (T, latest version, quoted from rubric version 2026.11)");
});

const { versionLabel } = require(path.join(__dirname, "..", "..", "generator", "assets", "cite.js"));

test("a button for this version's link names the rubric version it keeps showing", () => {
  assert.equal(versionLabel("Copy link to this version", "2026.11"), "Copy link to this version (rubric version 2026.11)");
  assert.equal(versionLabel("Copy link to this version", ""), "Copy link to this version");
});

// Unit tests of the passage a cited time ends (landing.js): node --test tests/js/
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { landingRange, hashTarget } = require(path.join(__dirname, "..", "..", "generator", "assets", "landing.js"));

/* A block written as a list of pieces: a string is plain text, [key, text] is a piece of time `key`. */
function block(...pieces) {
  return pieces.map((piece) => (typeof piece === "string" ? { text: piece, time: null } : { text: piece[1], time: piece[0] }));
}

/* The highlighted text, read back from the range the way the DOM part builds it. */
function highlighted(segments, target) {
  const { start, end } = landingRange(segments, target);
  let out = "";
  for (let i = start.segment; i <= end.segment; i++) {
    const text = segments[i].text;
    out += text.slice(i === start.segment ? start.offset : 0, i === end.segment ? end.offset : text.length);
  }
  return out;
}

test("the first time of a block highlights from the block's start through the time", () => {
  const segments = block("  Outputs come first ", ["a", "00:07:38"], ". Then outcomes ", ["b", "00:08:05"], ".");
  assert.equal(highlighted(segments, 1), "Outputs come first 00:07:38");
  assert.deepEqual(landingRange(segments, 1), { start: { segment: 0, offset: 2 }, end: { segment: 1, offset: 8 } });
});

test("a later time highlights from after the previous time, its punctuation and spaces skipped", () => {
  const segments = block("Outputs first ", ["a", "00:07:38"], ". Then outcomes ", ["b", "00:08:05"], ".");
  assert.equal(highlighted(segments, 3), "Then outcomes 00:08:05");
  assert.deepEqual(landingRange(segments, 3).start, { segment: 2, offset: 2 });
});

test("text split across several pieces (a bold word, a wikilink) is one passage", () => {
  const segments = block("Intro ", ["a", "00:01:05"], "). ", "Data:", " from ", "basic metrics", " ", ["b", "00:53:51"], ".");
  assert.equal(highlighted(segments, 7), "Data: from basic metrics 00:53:51");
  assert.deepEqual(landingRange(segments, 7).start, { segment: 3, offset: 0 });
});

test("punctuation-only pieces after the previous time are skipped into the next piece", () => {
  const segments = block(["a", "00:01:05"], ".", " ", "Second claim ", ["b", "00:02:10"]);
  assert.equal(highlighted(segments, 4), "Second claim 00:02:10");
});

test("times with nothing but punctuation between them end the same passage", () => {
  const segments = block("Lead ", ["a", "00:00:10"], ". The claim ", ["b", "00:01:00"], ", ", ["c", "00:01:05"], ".");
  assert.equal(highlighted(segments, 5), "The claim 00:01:00, 00:01:05");
  assert.equal(highlighted(segments, 3), "The claim 00:01:00");
});

test("a cluster of times at the block's start reaches back to the start", () => {
  const segments = block(["a", "00:00:10"], " ", ["b", "00:00:20"], " rest");
  assert.equal(highlighted(segments, 2), "00:00:10 00:00:20");
});

test("a time inside a range or list group highlights the whole group, brackets included", () => {
  const range = "r";
  const segments = block("Before ", ["a", "00:01:00"], ". A range ", [range, "["], [range, "00:03:00"], [range, " – "],
    [range, "00:03:30"], [range, "]"], " after.");
  assert.equal(highlighted(segments, 4), "A range [00:03:00 – 00:03:30]");
  assert.equal(highlighted(segments, 6), "A range [00:03:00 – 00:03:30]");
});

test("a struck-through time is a boundary like any other", () => {
  const segments = block("One ", ["bad", "03:52:00"], " two ", ["b", "00:05:00"]);
  assert.equal(highlighted(segments, 3), "two 00:05:00");
});

test("a heading's times line: the heading's text, then its times", () => {
  const segments = block("Focus on Outputs", "\n", ["a", "00:09:39"], " ", ["b", "00:09:54"]);
  assert.equal(highlighted(segments, 4), "Focus on Outputs\n00:09:39 00:09:54");
  assert.equal(highlighted(segments, 2), "Focus on Outputs\n00:09:39");
});

test("a block that is only the time highlights the time", () => {
  assert.equal(highlighted(block(["a", "00:19:13"]), 0), "00:19:13");
  assert.deepEqual(landingRange(block(" ", ["a", "00:19:13"]), 1).start, { segment: 1, offset: 0 });
});

test("text after the time is never part of the passage", () => {
  const segments = block("Claim ", ["a", "00:01:00"], ". Next claim without a time.");
  assert.deepEqual(landingRange(segments, 1).end, { segment: 1, offset: 8 });
});

test("time keys are compared by identity, so DOM elements can be the keys", () => {
  const first = {};
  const second = {};
  const segments = [{ text: "A ", time: null }, { text: "1", time: first }, { text: " B ", time: null }, { text: "2", time: second }];
  assert.equal(highlighted(segments, 3), "B 2");
});

test("the hash names the anchor, percent-decoded; a broken escape is kept as written", () => {
  assert.equal(hashTarget("#t-00-01-05"), "t-00-01-05");
  assert.equal(hashTarget("#caf%C3%A9"), "café");
  assert.equal(hashTarget("#%E0%A4%A"), "%E0%A4%A");
  assert.equal(hashTarget(""), "");
});

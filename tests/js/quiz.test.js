// Unit tests of the quiz's pure core: node --test tests/js/
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const core = require(path.join(__dirname, "..", "..", "generator", "assets", "quiz.js"));

function level(pillar, n, criteria = []) {
  return {
    n,
    name: `L${n}`,
    summary: `${pillar} at ${n}`,
    url: `../pillars/${pillar}/level-${n}/`,
    criteria: criteria.map((id) => ({ id, text: `do ${id}`, url: `../pillars/${pillar}/level-${n}/#${id}` })),
  };
}

function pillar(id, order, questionIds, levels = [0, 1, 2, 3]) {
  return {
    id,
    title: `Pillar ${id}`,
    order,
    url: `../pillars/${id}/`,
    levels: levels.map((n) => level(id, n, [`${id}-c${n}`])),
    questions: questionIds.map((q) => ({
      id: q,
      prompt: `prompt ${q}`,
      options: levels.map((n) => ({ level: n, text: `${q} option ${n}` })),
    })),
  };
}

// Display order groups by W; rubric order (`order`) differs on purpose.
const DATA = {
  format: 1,
  title: "Handbook",
  version: "2026.11",
  levels: [0, 1, 2, 3].map((n) => ({ n, name: `L${n}` })),
  ws: [
    { id: "produce", title: "Produce", pillars: [pillar("data", 2, ["data-a", "data-b", "data-c"])] },
    {
      id: "bring",
      title: "Bring",
      pillars: [pillar("craft", 0, ["craft-a", "craft-b"]), pillar("vision", 1, ["vision.levels"])],
    },
  ],
};

test("median of levels is rounded down", () => {
  const cases = [
    [[], null],
    [[2], 2],
    [[1, 2], 1],
    [[1, 3], 2],
    [[0, 3], 1],
    [[3, 0, 2], 2],
    [[1, 1, 3, 3], 2],
    [[0, 1, 3, 3], 2],
    [[0, 0, 1, 3], 0],
  ];
  for (const [values, expected] of cases) assert.equal(core.medianFloor(values), expected, JSON.stringify(values));
});

test("median does not reorder its input", () => {
  const values = [3, 1, 2];
  core.medianFloor(values);
  assert.deepEqual(values, [3, 1, 2]);
});

test("a pillar's result has level, spread, and next level", () => {
  const data = DATA.ws[0].pillars[0];
  const r = core.scorePillar(data, { "data-a": 3, "data-b": 0, "data-c": 2 });
  assert.equal(r.level, 2);
  assert.deepEqual([r.min, r.max, r.answered, r.total], [0, 3, 3, 3]);
  assert.equal(r.current.url, "../pillars/data/level-2/");
  assert.equal(r.next.n, 3);
  assert.equal(r.next.criteria[0].url, "../pillars/data/level-3/#data-c3");
});

test("an unanswered pillar has no level", () => {
  const r = core.scorePillar(DATA.ws[0].pillars[0], { "craft-a": 1 });
  assert.deepEqual([r.level, r.min, r.max, r.answered, r.next], [null, null, null, 0, null]);
});

test("a partly answered pillar is scored on the answers it has", () => {
  const r = core.scorePillar(DATA.ws[0].pillars[0], { "data-b": 1 });
  assert.deepEqual([r.level, r.answered, r.total], [1, 1, 3]);
});

test("the top level has no next level", () => {
  const r = core.scorePillar(DATA.ws[1].pillars[0], { "craft-a": 3, "craft-b": 3 });
  assert.equal(r.level, 3);
  assert.equal(r.next, null);
});

test("a median between defined levels snaps down to a level the pillar has", () => {
  const sparse = pillar("gap", 0, ["gap-a", "gap-b"], [1, 4]);
  assert.equal(core.scorePillar(sparse, { "gap-a": 1, "gap-b": 4 }).level, 1);
  assert.equal(core.scorePillar(sparse, { "gap-a": 4, "gap-b": 4 }).level, 4);
  assert.equal(core.scorePillar(sparse, { "gap-a": 1, "gap-b": 1 }).next.n, 4);
});

test("focus goes to the weakest pillar", () => {
  const results = core.scoreAll(DATA, { "data-a": 2, "craft-a": 1, "vision.levels": 3 });
  assert.equal(core.chooseFocus(results).pillar.id, "craft");
});

test("focus ties are broken by rubric order, not display order", () => {
  // data is shown first but comes third in the rubric; craft (order 0) wins the tie.
  const results = core.scoreAll(DATA, { "data-a": 1, "craft-a": 1, "vision.levels": 1 });
  assert.equal(core.chooseFocus(results).pillar.id, "craft");
  const without = core.scoreAll(DATA, { "data-a": 1, "vision.levels": 1 });
  assert.equal(core.chooseFocus(without).pillar.id, "vision");
});

test("focus skips pillars at their top level and unanswered ones", () => {
  assert.equal(core.chooseFocus(core.scoreAll(DATA, { "craft-a": 3, "data-a": 3 })), null);
  assert.equal(core.chooseFocus(core.scoreAll(DATA, {})), null);
  assert.equal(core.chooseFocus(core.scoreAll(DATA, { "craft-a": 0, "data-a": 3 })).pillar.id, "craft");
  assert.equal(core.chooseFocus(core.scoreAll(DATA, { "craft-a": 3, "data-a": 2 })).pillar.id, "data");
});

test("scoreAll follows display order", () => {
  assert.deepEqual(
    core.scoreAll(DATA, {}).map((r) => r.pillar.id),
    ["data", "craft", "vision"],
  );
});

test("hash round-trips answers in question order", () => {
  const answers = { "vision.levels": 2, "data-b": 0, "craft-a": 3 };
  const hash = core.encodeHash(DATA, answers);
  assert.equal(hash, "#v=2026.11&a=data-b:0,craft-a:3,vision.levels:2");
  assert.deepEqual(core.decodeHash(hash), { version: "2026.11", answers });
});

test("no answers encode to no hash", () => {
  assert.equal(core.encodeHash(DATA, {}), "");
});

test("the version is percent-encoded in the hash", () => {
  const data = { ...DATA, version: "v 1&2=3#" };
  const hash = core.encodeHash(data, { "data-a": 1 });
  assert.equal(hash, "#v=v%201%262%3D3%23&a=data-a:1");
  assert.equal(core.decodeHash(hash).version, "v 1&2=3#");
});

test("hashes that are not quiz state decode to null", () => {
  for (const hash of ["", "#", "#level-3", "#t-00-01-02", "#v=2026.11", "#defines-metrics"]) {
    assert.equal(core.decodeHash(hash), null, hash);
  }
});

test("malformed hash parts are ignored, never thrown", () => {
  const decoded = core.decodeHash("#v=%E0%A4%A&a=data-a:2,:3,data-b:x,DATA-C:1,data-c:1:2,craft-a:-1,<b>:1,vision.levels:1");
  assert.deepEqual(decoded, { version: "%E0%A4%A", answers: { "data-a": 2, "vision.levels": 1 } });
  assert.deepEqual(core.decodeHash("#a="), { version: "", answers: {} });
  assert.deepEqual(core.decodeHash("a=data-a:1"), { version: "", answers: { "data-a": 1 } });
});

test("__proto__ in a hash does not pollute anything", () => {
  const decoded = core.decodeHash("#v=1&a=__proto__:1,constructor:2");
  assert.deepEqual(Object.keys(decoded.answers), ["constructor"]);
  const kept = core.migrate(DATA, decoded);
  assert.deepEqual(kept.answers, {});
  assert.equal({}.polluted, undefined);
});

test("stored state parses or yields null", () => {
  const good = core.serialize(DATA, { "data-a": 2 });
  assert.deepEqual(core.parseStored(good), { version: "2026.11", answers: { "data-a": 2 } });
  for (const bad of [null, "", "{", "null", "[]", "42", '{"answers":{}}', '{"version":1,"answers":{}}', '{"version":"x","answers":[]}', '{"version":"x"}']) {
    assert.equal(core.parseStored(bad), null, String(bad));
  }
  assert.deepEqual(
    core.parseStored('{"version":"x","answers":{"data-a":"2","data-b":1.5,"data-c":-1,"craft-a":1,"X":1}}'),
    { version: "x", answers: { "craft-a": 1 } },
  );
});

test("same version keeps valid answers without a change notice", () => {
  const m = core.migrate(DATA, { version: "2026.11", answers: { "data-a": 1, "craft-b": 2 } });
  assert.deepEqual(m, { answers: { "data-a": 1, "craft-b": 2 }, dropped: 0, changed: false, from: "2026.11" });
});

test("another version keeps answers whose questions still exist and reports the change", () => {
  const m = core.migrate(DATA, { version: "2026.05", answers: { "data-a": 1, "gone-q": 2, "craft-b": 9 } });
  assert.deepEqual(m.answers, { "data-a": 1 });
  assert.equal(m.dropped, 2);
  assert.equal(m.changed, true);
  assert.equal(m.from, "2026.05");
});

test("nothing saved migrates to nothing", () => {
  assert.deepEqual(core.migrate(DATA, null), { answers: {}, dropped: 0, changed: false, from: null });
});

test("Markdown export names pillar, level, permalink and version with absolute links", () => {
  const answers = { "data-a": 2, "craft-a": 1, "craft-b": 2 };
  const resolve = (u) => new URL(u, "https://h.example/hb/self-check/").href;
  const md = core.toMarkdown(DATA, core.scoreAll(DATA, answers), "https://h.example/hb/self-check/#v=2026.11&a=x:1", resolve);
  assert.match(md, /rubric version 2026\.11/);
  assert.match(md, /\| \[Pillar data\]\(https:\/\/h\.example\/hb\/pillars\/data\/\) \| \[2 · L2\]\(https:\/\/h\.example\/hb\/pillars\/data\/level-2\/\) \| 2 \| from 1 answer \|/);
  assert.match(md, /\| \[Pillar vision\]\(https:\/\/h\.example\/hb\/pillars\/vision\/\) \| not answered \|  \|  \|/);
  assert.match(md, /Focus next: \[Pillar craft, level 2\]\(https:\/\/h\.example\/hb\/pillars\/craft\/level-2\/\)/);
  assert.match(md, /- \[do craft-c2\]\(https:\/\/h\.example\/hb\/pillars\/craft\/level-2\/#craft-c2\)/);
  assert.match(md, /Answers: <https:\/\/h\.example\/hb\/self-check\/#v=2026\.11&a=x:1>/);
});

test("Markdown export escapes text that would become markup", () => {
  assert.equal(core.escapeMarkdown("a|b [c](d) <img> *e*\n_f_"), "a\\|b \\[c\\]\\(d\\) \\<img\\> \\*e\\* \\_f\\_");
});

test("JSON export carries levels, focus and absolute URLs", () => {
  const resolve = (u) => new URL(u, "https://h.example/self-check/").href;
  const answers = { "data-a": 3, "craft-a": 0 };
  const out = core.toExport(DATA, answers, core.scoreAll(DATA, answers), "P", resolve);
  assert.equal(out.version, "2026.11");
  assert.equal(out.permalink, "P");
  assert.deepEqual(out.pillars.map((p) => [p.id, p.level]), [["data", 3], ["craft", 0], ["vision", null]]);
  assert.equal(out.pillars[0].url, "https://h.example/pillars/data/level-3/");
  assert.equal(out.focus.pillar, "craft");
  assert.equal(out.focus.criteria[0].url, "https://h.example/pillars/craft/level-1/#craft-c1");
  assert.doesNotThrow(() => JSON.stringify(out));
});

test("level and spread labels", () => {
  assert.equal(core.levelLabel({ n: 2, name: "Senior" }), "2 · Senior");
  assert.equal(core.levelLabel({ n: 2, name: "2" }), "2");
  assert.equal(core.spreadLabel({ min: null, max: null }), "");
  assert.equal(core.spreadLabel({ min: 2, max: 2 }), "2");
  assert.equal(core.spreadLabel({ min: 1, max: 3 }), "1–3");
});

test("radar geometry puts the first axis at the top and scales levels", () => {
  const geo = core.radarGeometry([3, 0, null, 1.5], 0, 3, 100, 150);
  assert.deepEqual(geo.axes[0].end, [150, 50]);
  assert.equal(geo.axes[0].anchor, "middle");
  assert.equal(geo.axes[1].anchor, "start");
  assert.equal(geo.axes[3].anchor, "end");
  assert.equal(geo.rings.length, 3);
  assert.equal(geo.points, "150,50 150,150 150,150 100,150");
});

test("radar geometry survives one pillar and a flat scale", () => {
  const geo = core.radarGeometry([2], 2, 2, 100, 150);
  assert.equal(geo.axes.length, 1);
  assert.equal(geo.points, "150,150");
  assert.doesNotThrow(() => core.radarGeometry([], 0, 3, 100, 150));
});

test("a not-yet answer is kept but carries no level", () => {
  const pillar = core.pillarsOf(DATA)[1];
  const [first, second] = pillar.questions;
  const r = core.scorePillar(pillar, { [first.id]: 1, [second.id]: core.NOT_YET });
  assert.equal(r.level, 1);
  assert.deepEqual([r.answered, r.scored, r.skipped], [2, 1, 1]);
  assert.equal(core.basisLabel(r), "from 1 answer (1 not yet / does not apply)");
  const only = core.scorePillar(pillar, { [first.id]: core.NOT_YET });
  assert.equal(only.level, null);
  assert.equal(core.basisLabel(only), "no level: 1 not yet / does not apply");
  assert.equal(core.noLevelLabel(only), "no level (only not yet)");
  const none = core.scorePillar(pillar, {});
  assert.equal(core.noLevelLabel(none), "not answered");
});

test("not-yet answers travel in the hash and in storage", () => {
  const q = core.questionsOf(DATA)[0];
  const hash = core.encodeHash(DATA, { [q.id]: core.NOT_YET });
  assert.deepEqual(core.decodeHash(hash).answers, { [q.id]: core.NOT_YET });
  const stored = core.parseStored(core.serialize(DATA, { [q.id]: core.NOT_YET }));
  assert.deepEqual(core.sanitizeAnswers(DATA, stored.answers).answers, { [q.id]: core.NOT_YET });
  assert.deepEqual(core.decodeHash("#v=1&a=" + q.id + ":maybe").answers, {});
});

test("answers saved before not-yet existed still load", () => {
  const q = core.questionsOf(DATA)[0];
  const level = q.options[0].level;
  const old = core.parseStored(JSON.stringify({ version: DATA.version, answers: { [q.id]: level } }));
  assert.deepEqual(core.migrate(DATA, old).answers, { [q.id]: level });
});

test("the same answers are recognised whatever their order", () => {
  assert.ok(core.sameAnswers({ a: 1, b: "na" }, { b: "na", a: 1 }));
  assert.ok(!core.sameAnswers({ a: 1 }, { a: 2 }));
  assert.ok(!core.sameAnswers({ a: 1 }, { a: 1, b: 2 }));
});

test("radar labels wrap at word boundaries and never lose a word", () => {
  assert.deepEqual(core.wrapLabel("Communication & collaboration", 16), ["Communication &", "collaboration"]);
  assert.deepEqual(core.wrapLabel("Data & metrics", 14), ["Data & metrics"]);
  assert.deepEqual(core.wrapLabel("Organizational skills", 14), ["Organizational", "skills"]);
});

'use strict';
/** Reading the sink's records (bench/sink.js recording) against a batch's rows. */
const fs = require('fs');

const stripId = (id) =>
  String(id || '')
    .trim()
    .replace(/^</, '')
    .replace(/>$/, '');

/** [{ t, user, mid }] from a sink record file. */
const readRecords = (file) => {
  if (!fs.existsSync(file)) return [];
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const [t, user, mid] = line.split('\t');
    out.push({ t: Number(t), user, mid });
  }
  return out;
};

/**
 * Every expected Message-ID received at least once? Which more than once, and are those marked uncertain
 * (queue row or send-log entry)? `rows`: [messageId, uncertain, state]; `logUncertain`: Message-IDs.
 */
const delivery = (records, rows, logUncertain = []) => {
  const expected = new Map(
    rows.map(([mid, uncertain, state]) => [stripId(mid), { uncertain, state }])
  );
  const seen = new Map();
  let foreign = 0;
  for (const r of records) {
    if (!expected.has(r.mid)) {
      foreign += 1;
      continue;
    }
    seen.set(r.mid, (seen.get(r.mid) || 0) + 1);
  }
  const loggedUncertain = new Set(logUncertain.map(stripId));
  let lost = 0;
  for (const mid of expected.keys()) if (!seen.has(mid)) lost += 1;
  const duplicated = [...seen.entries()].filter(([, n]) => n > 1);
  const duplicates = duplicated.reduce((n, [, c]) => n + c - 1, 0);
  const unmarked = duplicated.filter(
    ([mid]) => !expected.get(mid).uncertain && !loggedUncertain.has(mid)
  ).length;
  const states = {};
  for (const { state } of expected.values()) states[state] = (states[state] || 0) + 1;
  const uncertainRows = [...expected.values()].filter((x) => x.uncertain).length;
  const times = records.filter((r) => expected.has(r.mid)).map((r) => r.t);
  // the receipts after the first of each duplicated Message-ID (when the re-sends arrived)
  const dupSet = new Set(duplicated.map(([mid]) => mid));
  const firstSeen = new Set();
  const resentAt = [];
  for (const r of [...records].sort((a, b) => a.t - b.t)) {
    if (!dupSet.has(r.mid)) continue;
    if (firstSeen.has(r.mid)) resentAt.push(r.t);
    else firstSeen.add(r.mid);
  }
  const first = times.length ? times.reduce((a, b) => Math.min(a, b), Infinity) : NaN;
  const last = times.length ? times.reduce((a, b) => Math.max(a, b), -Infinity) : NaN;
  return {
    expected: expected.size,
    received: times.length,
    unique: seen.size,
    lost,
    duplicates,
    duplicatedIds: duplicated.length,
    unmarked,
    uncertainRows,
    uncertainLog: loggedUncertain.size,
    foreign,
    resentAt,
    states,
    first,
    last,
    seconds: (last - first) / 1000,
  };
};

/**
 * How one account's limit was held, from the sink's receipt times (sorted ms): the most mails in any sliding
 * `windowMs` (what the limiter holds), and fixed windows rebuilt from the receipts (a window opens with the
 * first mail after the previous one closed and lasts `windowMs`) to see that full windows use the whole limit.
 */
const windows = (times, limit, windowMs = 60000) => {
  const sorted = [...times].sort((a, b) => a - b);
  const fixed = [];
  let start = null;
  for (const t of sorted) {
    if (start === null || t >= start + windowMs) {
      start = t;
      fixed.push({ start, count: 0 });
    }
    fixed[fixed.length - 1].count += 1;
  }
  const slidingMax = (span) => {
    let most = 0;
    for (let i = 0, j = 0; i < sorted.length; i += 1) {
      while (sorted[i] - sorted[j] >= span) j += 1;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };
  const sliding = slidingMax(windowMs);
  // the limiter counts when a mail is taken, the sink when it arrives: a second less absorbs that lag
  const sliding59 = slidingMax(windowMs - 1000);
  const full = fixed.slice(0, -1); // the last window holds the remainder
  const periods = fixed.slice(1).map((w, k) => (w.start - fixed[k].start) / 1000);
  return {
    counts: fixed.map((w) => w.count),
    maxFixed: Math.max(0, ...fixed.map((w) => w.count)),
    minFull: full.length ? Math.min(...full.map((w) => w.count)) : null,
    sliding,
    sliding59,
    periods,
    // an overfull window: its receipts, in seconds after its first one
    overfull: fixed
      .filter((w) => w.count > limit)
      .map((w) =>
        sorted
          .filter((t) => t >= w.start && t < w.start + windowMs)
          .map((t) => (t - w.start) / 1000)
      ),
    // full windows only: how far each is from the limit (over or under)
    worstDeviation: full.length
      ? Math.max(...full.map((w) => Math.abs(w.count - limit) / limit))
      : null,
    over: fixed.some((w) => w.count > limit),
  };
};

module.exports = { stripId, readRecords, delivery, windows };

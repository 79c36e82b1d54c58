'use strict';
/**
 * The queue bench's result as JSON, for comparing runs between commits: the commit, the machine, the
 * settings, every row of the printed table, and the raw numbers behind them (see bench/README.md,
 * "JSON result"). Written to `BENCH_QUEUE_JSON` when set, else to
 * `bench/results/queue-<UTC timestamp>-<short commit>.json` (git-ignored).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
/** The format of this file; raised when a field changes meaning. */
const FORMAT = 2;

const git = (...args) => {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

/** A finite number, or null (a figure that could not be computed: JSON has no NaN). */
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const perMail = (total, mails) => (mails > 0 ? num(total / mails) : null);

/** What the delivery check found for a batch (analyze.js `delivery`), without the per-mail lists. */
const deliveryOf = (d) =>
  d && {
    expected: d.expected,
    received: d.received,
    distinct: d.unique,
    lost: d.lost,
    duplicates: d.duplicates,
    duplicatedMessageIds: d.duplicatedIds,
    notMarkedUncertain: d.unmarked,
    uncertainRows: d.uncertainRows,
    uncertainLogEntries: d.uncertainLog,
    firstToLastReceiptSeconds: num(d.seconds),
  };

/** The numbers of each phase that ran, under stable names (units in the names). */
const figuresOf = (results) => {
  const figures = {};
  const { raw, bullmq, limits, pause, kill, embedded, sqlite } = results;
  /** A phase's rate against raw: the mean of the first raw pass and the one right after the phase (`rawBeside`). */
  const againstRaw = (rate, beside) => ({
    ratioToRaw: beside ? num(rate / beside.rate) : null,
    rawMsgsPerSecondRightAfter: beside ? num(beside.again.rate) : null,
  });
  if (raw)
    figures.raw = {
      mails: raw.n,
      received: raw.received,
      distinct: raw.unique,
      errors: raw.errors,
      firstToLastReceiptSeconds: num(raw.seconds),
      msgsPerSecond: num(raw.rate),
      cpuMsPerMail: num(raw.cpuPerMail),
    };
  if (bullmq) {
    const mails = bullmq.d.expected;
    const pg = bullmq.pgd || {};
    figures.bullmq = {
      ...deliveryOf(bullmq.d),
      msgsPerSecond: num(bullmq.rate),
      ...againstRaw(bullmq.rate, bullmq.rawBeside),
      enqueueToDoneSeconds: num(bullmq.wall),
      cpuMsPerMail: {
        strapiAllProcesses: perMail(bullmq.strapiCpu, mails),
        postgresBackends: perMail(bullmq.pgCpu, mails),
        postgresServerProcesses: perMail(bullmq.auxCpu, mails),
        redis: perMail(bullmq.redisCpu, mails),
      },
      processes: bullmq.perProcess.map((p) => ({
        mailsSent: p.mails,
        cpuMsPerMailSent: perMail(p.cpu, p.mails),
        peakRssBytes: Math.max(p.peak, p.maxRss),
        sqlStatements: p.queries.total,
      })),
      sqlStatementsPerMail: perMail(bullmq.stmtTotal, mails),
      postgresPerMail: {
        commits: perMail(pg.xact_commit, mails),
        rowsInserted: perMail(pg.tup_inserted, mails),
        rowsUpdated: perMail(pg.tup_updated, mails),
        rowsDeleted: perMail(pg.tup_deleted, mails),
        rowsFetched: perMail(pg.tup_fetched, mails),
      },
    };
  }
  if (limits)
    figures.limits = {
      ...deliveryOf(limits.d),
      // limit accuracy: every sliding 60 s at or under the limit (issue 20), full windows within 5 % of it
      everySlidingWindowHeld: limits.allHeld,
      fullWindowsWithin5Percent: limits.allClose,
      worstFullWindowDeviation: num(limits.worst),
      mostInSliding60s: num(limits.slidingMax),
      meanSecondsBetweenWindows: num(limits.meanPeriod),
    };
  if (pause)
    figures.pause = {
      receivedAtTheAnswer: pause.atAnswer,
      answerMs: pause.answerMs,
      inFlightJustBefore: pause.inFlight,
      arrivedAfterTheAnswer: pause.after,
      inFlightBound: pause.bound,
    };
  if (kill)
    figures.kill = {
      ...deliveryOf(kill.d),
      inFlightAtKill: kill.inFlight,
    };
  if (embedded)
    figures.embedded = {
      ...deliveryOf(embedded.d),
      msgsPerSecond: num(embedded.rate),
      ...againstRaw(embedded.rate, embedded.rawBeside),
      cpuMsPerMail: num(embedded.cpuPerMail),
      postgresCpuMsPerMail: num(embedded.pgCpuPerMail),
      sqlStatementsPerMail: perMail(embedded.statements, embedded.d.expected),
    };
  if (sqlite)
    figures.sqlite = {
      ...deliveryOf(sqlite.d),
      inFlightAtKill: num(sqlite.inFlight),
      msgsPerSecondBeforeKill: num(sqlite.rateBefore),
      msgsPerSecondAfterRestart: num(sqlite.rateAfter),
      peakRssBytes: sqlite.maxRss
        ? { beforeKill: sqlite.maxRss[0], afterRestart: sqlite.maxRss[1] }
        : null,
      sqlStatementsPerMail: perMail(sqlite.statements, sqlite.d.expected),
    };
  return figures;
};

/**
 * Writes the report and answers its path.
 * @param {{ startedAt: number, settings: Record<string, unknown>, rows: string[][], results: Record<string, any> }} run
 */
const writeReport = ({ startedAt, settings, rows, results }) => {
  const commit = git('rev-parse', 'HEAD');
  const shortCommit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const status = git('status', '--porcelain', '--untracked-files=no');
  const date = new Date(startedAt);
  const stamp = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = process.env.BENCH_QUEUE_JSON
    ? path.resolve(process.env.BENCH_QUEUE_JSON)
    : path.join(ROOT, 'bench', 'results', `queue-${stamp}-${shortCommit}.json`);
  const cpus = os.cpus();
  const report = {
    bench: 'queue',
    format: FORMAT,
    commit,
    shortCommit,
    // tracked files changed since the commit: the numbers are not quite that commit's
    dirty: status === null ? null : status.length > 0,
    date: date.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    },
    settings,
    rows: rows.map(([phase, figure, value, target, verdict]) => ({
      phase,
      figure,
      value,
      target: target || null,
      pass: verdict === 'PASS' ? true : verdict === 'FAIL' ? false : null,
    })),
    figures: figuresOf(results),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
};

module.exports = { writeReport };

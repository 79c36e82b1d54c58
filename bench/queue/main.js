'use strict';
/**
 * The campaign queue bench (`npm run bench:queue`). See bench/README.md, "Queue bench".
 *
 *  raw     pooled nodemailer 10 (one transport per account login), same message shape, same total
 *          concurrency as the three processes' workers, straight to the sink
 *  bullmq  three Strapi processes on one PostgreSQL database with Redis (BullMQ), 20 unlimited accounts;
 *          one process enqueues N mails (an async iterable); every Message-ID checked at the sink
 *  limits  4 accounts with limitPerMinute, a batch spanning several windows: per-window counts at the sink
 *  kill    three processes, one SIGKILLed mid-way: lost, duplicates, uncertain marks
 *  sqlite  the embedded engine on SQLite, one process SIGKILLed mid-way and started again on the same file
 *
 * Everything goes to the SMTP sink (bench/sink.js, child process) on 127.0.0.1. Exit code 0 when the bench
 * ran (whatever the PASS/FAIL lines say), 1 when the harness broke.
 */
const { createCleanup } = require('../cleanup');
const { randomBytes } = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSink } = require('../sink-client');
const { freshStrapiSecrets, QUIET_STRAPI } = require('../../scripts/strapi-secrets');
const {
  startChild,
  procCpu,
  cpuDelta,
  pgBackends,
  pgAux,
  pgClient,
  pgStat,
  redisCpuMs,
} = require('./procs');
const { readRecords, delivery, windows } = require('./analyze');
const { writeReport } = require('./report');

const envNum = (name, fallback, { integer = true } = {}) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'} (got "${raw}")`);
  return value;
};

const N = envNum('BENCH_QUEUE_N', 100000);
const RAW_N = envNum('BENCH_QUEUE_RAW_N', N);
const KILL_N = envNum('BENCH_QUEUE_KILL_N', 30000);
const PAUSE_N = envNum('BENCH_QUEUE_PAUSE_N', 20000);
const EMBEDDED_N = envNum('BENCH_QUEUE_EMBEDDED_N', 20000);
const SQLITE_N = envNum('BENCH_QUEUE_SQLITE_N', 10000);
const WARMUP = envNum('BENCH_QUEUE_WARMUP', 1000);
const LIMIT = envNum('BENCH_QUEUE_LIMIT', 40);
const LIMIT_WINDOWS = envNum('BENCH_QUEUE_LIMIT_WINDOWS', 3.5, { integer: false });
const LIMITED_ACCOUNTS = 4;
const ACCOUNTS = 20;
const PROCESSES = 3;
const CONCURRENCY = envNum('BENCH_QUEUE_CONCURRENCY', 16);
// the embedded phase's one process gets as many mails in flight as raw and the cluster (3 × 16 = 48)
const EMBEDDED_CONCURRENCY = envNum('BENCH_QUEUE_EMBEDDED_CONCURRENCY', PROCESSES * CONCURRENCY);
const LEASE_MS = envNum('BENCH_QUEUE_LEASE_MS', 20000);
const REDIS_DB = Number(process.env.BENCH_QUEUE_REDIS_DB || 9);
const PG_DB = process.env.BENCH_QUEUE_PG_DB || 'bench_queue';
const STALL_S = envNum('BENCH_QUEUE_STALL_S', 180);
const PHASES = (process.env.BENCH_QUEUE_PHASES || 'raw,bullmq,limits,pause,kill,embedded,sqlite')
  .split(',')
  .map((s) => s.trim());
const KEEP = process.env.BENCH_QUEUE_KEEP === '1';
// the batches are newsletters (as campaigns are): each mail's recipient is looked up in the suppression list and
// gets its own one-click unsubscribe headers; BENCH_QUEUE_NEWSLETTER=0: plain mails
const NEWSLETTER = process.env.BENCH_QUEUE_NEWSLETTER !== '0';
// a CPU profile of strapi-1 during the bullmq phase ('1' or 'bullmq'), or of the embedded phase's process ('embedded')
const PROFILE_OF =
  process.env.BENCH_QUEUE_PROFILE === '1' ? 'bullmq' : process.env.BENCH_QUEUE_PROFILE;
const PROFILE = PROFILE_OF === 'bullmq';
const POOL = { maxConnections: 5, maxMessages: 1000 }; // the plugin's defaults (server/src/config)
const REPLY_TO = 'support@playground.test'; // the playground's defaultReplyTo: the plugin adds it to every mail
if (!/^[a-z_][a-z0-9_]*$/.test(PG_DB))
  throw new Error('BENCH_QUEUE_PG_DB must be a plain identifier');
for (const p of PHASES)
  if (!['raw', 'bullmq', 'limits', 'pause', 'kill', 'embedded', 'sqlite'].includes(p))
    throw new Error(`unknown phase ${p} in BENCH_QUEUE_PHASES`);

const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;
const log = (...args) => console.log(...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
const mb = (bytes) => `${fmt(bytes / 1048576, 0)} MB`;
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const cpuMs = (u) => (u.user + u.system) / 1000;

const pad2 = (i) => String(i).padStart(2, '0');
const accountsFor = (port) => {
  const plain = Array.from({ length: ACCOUNTS }, (_, k) => ({
    name: `Q${pad2(k + 1)}`,
    email: `q${pad2(k + 1)}@bench.test`,
    username: `bench-q${pad2(k + 1)}`,
  }));
  const limited = Array.from({ length: LIMITED_ACCOUNTS }, (_, k) => ({
    name: `Lim${k + 1}`,
    email: `lim${k + 1}@bench.test`,
    username: `bench-lim${k + 1}`,
    limitPerMinute: LIMIT,
  }));
  const common = {
    host: '127.0.0.1',
    port,
    security: 'none',
    authType: 'plain',
    password: 'bench-queue-pw',
  };
  return {
    plain: plain.map((a) => ({ ...a, ...common })),
    limited: limited.map((a) => ({ ...a, ...common })),
  };
};
const fromOf = (a) => `${a.name} <${a.email}>`;

// ------------------------------------------------------------------------------------------ results
const rows = []; // the final table: [phase, figure, value, target, PASS/FAIL/'']
const row = (phase, figure, value, target = '', ok = null) =>
  rows.push([phase, figure, value, target, ok === null ? '' : ok ? 'PASS' : 'FAIL']);

/**
 * Waits for a batch to be done (or cancelled). The batch status counts over all its rows (a 10^5-row batch
 * costs PostgreSQL real work per call), so while the sink has not yet received `expected` mails of it
 * (`sinkCount() - sinkFrom`), only the sink is watched, and the status asked every `progressEvery` ms for
 * the progress line; then the status every 500 ms. Gives up when nothing moved for STALL_S seconds.
 */
const waitDone = async (
  ask,
  batchId,
  label,
  { progressEvery = 10000, sinkCount = null, sinkFrom = 0, expected = 0 } = {}
) => {
  let lastKey = '';
  let lastMove = Date.now();
  let lastLog = Date.now();
  const stalled = () => Date.now() - lastMove > STALL_S * 1000;
  if (sinkCount) {
    for (;;) {
      const got = (await sinkCount()) - sinkFrom;
      if (got >= expected) break;
      if (String(got) !== lastKey) {
        lastKey = String(got);
        lastMove = Date.now();
      }
      if (Date.now() - lastLog >= progressEvery) {
        lastLog = Date.now();
        const st = await ask(batchId);
        const c = st.counts;
        log(
          `    ${label}: sink ${got}/${expected}; ${st.state}, sent ${c.sent}, queued ${c.queued}, sending ${c.sending}, failed ${c.failed}, uncertain ${c.uncertain}, ${st.perMinute}/min`
        );
        if (st.state === 'done' || st.state === 'cancelled') return { status: st, done: true };
      }
      if (stalled()) {
        log(`    ${label}: the sink got nothing for ${STALL_S} s: giving up on this batch`);
        return { status: await ask(batchId), done: false };
      }
      await sleep(250);
    }
    lastKey = '';
    lastMove = Date.now();
  }
  for (;;) {
    const status = await ask(batchId);
    if (status.state === 'done' || status.state === 'cancelled') return { status, done: true };
    const c = status.counts;
    const key = `${c.queued}/${c.sending}/${c.sent}/${c.failed}`;
    if (key !== lastKey) {
      lastKey = key;
      lastMove = Date.now();
    }
    if (Date.now() - lastLog >= progressEvery) {
      lastLog = Date.now();
      log(
        `    ${label}: ${status.state}, sent ${c.sent}/${c.total}, queued ${c.queued}, sending ${c.sending}, failed ${c.failed}, uncertain ${c.uncertain}, ${status.perMinute}/min`
      );
    }
    if (stalled()) {
      log(`    ${label}: nothing moved for ${STALL_S} s: giving up on this batch`);
      return { status, done: false };
    }
    await sleep(500);
  }
};

const childEnv = (extra) => {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(DATABASE_|SMTP_ACCOUNTS_|STOCK_SMTP_)/.test(key)) delete env[key];
  return { ...env, NODE_ENV: 'test', ...QUIET_STRAPI, ...extra };
};

const main = async () => {
  const t0 = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-bench-queue-'));
  const cleanups = createCleanup('bench:queue');
  const cleanup = cleanups.run;
  let broke = false;

  try {
    const sink = await startSink();
    cleanups.push(() => sink.stop());
    const { plain, limited } = accountsFor(sink.port);
    const plainFroms = plain.map(fromOf);
    log(
      `[bench:queue] sink pid ${sink.pid} on 127.0.0.1:${sink.port}; ${os.cpus().length} CPU(s), load average ${loadavg()}; work dir ${work}`
    );
    log(
      `[bench:queue] N=${N} (raw ${RAW_N}), kill N=${KILL_N}, SQLite N=${SQLITE_N}, warm-up ${WARMUP}; ${PROCESSES} processes × concurrency ${CONCURRENCY}; ` +
        `${ACCOUNTS} accounts + ${LIMITED_ACCOUNTS} at ${LIMIT}/min over ${LIMIT_WINDOWS} windows; leaseMs ${LEASE_MS}; ${NEWSLETTER ? 'newsletter' : 'plain'} mails; phases ${PHASES.join(',')}`
    );
    let recordNo = 0;
    const record = () => {
      const file = path.join(work, `sink-${++recordNo}.tsv`);
      sink.record(file);
      return file;
    };
    const sinkCount = async () => (await sink.stats()).messages;
    const results = {};

    // ================================================================== raw
    // raw pooled nodemailer on the same sink: the first pass, and one right after each queue phase (the machine's
    // speed drifts: each phase's ratio is against the mean of the first pass and its own)
    /** The raw rate to compare a phase with: the mean of the first pass and a pass run now. */
    const rawBeside = async (phase) => {
      if (!results.raw) return null;
      const again = await runRaw(`raw${phase}`, RAW_N);
      const mean = (results.raw.rate + again.rate) / 2;
      log(
        `  raw again right after ${phase}: ${fmt(again.rate, 0)} msgs/s, ${fmt(again.cpuPerMail, 3)} ms CPU per mail (first pass ${fmt(results.raw.rate, 0)}): compared with the mean, ${fmt(mean, 0)} msgs/s`
      );
      return { rate: mean, again };
    };
    /** The table row of a phase's rate against raw (the mean of the first pass and the one beside the phase). */
    const ratioRow = (phase, figure, rate, beside) =>
      row(
        phase,
        figure,
        beside
          ? `${fmt(rate / beside.rate, 3)}× (raw ${fmt(results.raw.rate, 0)} first, ${fmt(beside.again.rate, 0)} right after: mean ${fmt(beside.rate, 0)})`
          : 'raw phase not run',
        '≥ 0.8×',
        beside ? rate / beside.rate >= 0.8 : null
      );
    const nodemailer = require('nodemailer');
    const total = PROCESSES * CONCURRENCY;
    const transports = () =>
      plain.map((a) =>
        nodemailer.createTransport({
          host: '127.0.0.1',
          port: sink.port,
          secure: false,
          ignoreTLS: true,
          auth: { user: a.username, pass: a.password },
          authMethod: 'PLAIN',
          pool: true,
          ...POOL,
          logger: false,
          debug: false,
        })
      );
    const runRaw = async (tag, n) => {
      const pool = transports();
      let next = 0;
      let errors = 0;
      const worker = async () => {
        for (;;) {
          const i = next++;
          if (i >= n) return;
          const k = i % ACCOUNTS;
          const text = `Message ${i} of ${tag} from the smtp-accounts queue bench.`;
          try {
            await pool[k].sendMail({
              from: plainFroms[k],
              to: `r${i}@example.test`,
              subject: `${tag} ${i}`,
              text,
              html: text,
              replyTo: REPLY_TO,
              messageId: `<${tag}.m${i}.${randomBytes(4).toString('hex')}@bench.test>`,
            });
          } catch {
            errors += 1;
          }
        }
      };
      const file = record();
      const cpu0 = process.cpuUsage();
      const w0 = Date.now();
      await Promise.all(Array.from({ length: total }, worker));
      const wall = (Date.now() - w0) / 1000;
      const cpu = cpuMs(process.cpuUsage(cpu0));
      for (const t of pool) t.close();
      await sink.flush();
      const recs = readRecords(file);
      const ids = new Set(recs.map((r) => r.mid));
      const first = recs.reduce((a, r) => Math.min(a, r.t), Infinity);
      const last = recs.reduce((a, r) => Math.max(a, r.t), -Infinity);
      return {
        n,
        wall,
        seconds: (last - first) / 1000,
        rate: recs.length / ((last - first) / 1000),
        cpuPerMail: cpu / n,
        errors,
        received: recs.length,
        unique: ids.size,
      };
    };
    if (PHASES.includes('raw')) {
      log('\n=== raw: pooled nodemailer straight to the sink ===');
      const total = PROCESSES * CONCURRENCY;
      if (WARMUP) await runRaw('rawwarm', WARMUP);
      const raw = await runRaw('raw', RAW_N);
      log(
        `  raw: ${raw.received}/${raw.n} received (${raw.unique} distinct), ${raw.errors} errors; ${fmt(raw.seconds, 1)} s first→last receipt, ` +
          `${fmt(raw.rate, 0)} msgs/s; ${fmt(raw.cpuPerMail, 3)} ms CPU per mail (bench process, concurrency ${total}, ${ACCOUNTS} pooled transports × ${POOL.maxConnections} connections)`
      );
      results.raw = raw;
      row(
        'raw',
        `pooled nodemailer, ${RAW_N} mails, concurrency ${total}`,
        `${fmt(raw.rate, 0)} msgs/s; ${fmt(raw.cpuPerMail, 3)} ms CPU/mail`,
        'all delivered once',
        raw.unique === RAW_N && raw.received === RAW_N && raw.errors === 0
      );
    }

    // ================================================================== BullMQ cluster
    const clusterPhases = PHASES.filter((p) => ['bullmq', 'limits', 'pause', 'kill'].includes(p));
    if (clusterPhases.length) {
      log(
        `\n=== BullMQ cluster: ${PROCESSES} Strapi processes, PostgreSQL database ${PG_DB}, Redis ${REDIS_URL} ===`
      );
      const IORedis = require('ioredis');
      const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
      cleanups.push(() => redis.quit());
      await redis.flushdb();
      const pgAdmin = await pgClient();
      await pgAdmin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
      await pgAdmin.query(`CREATE DATABASE ${PG_DB}`);
      await pgAdmin.end();
      if (!KEEP) {
        cleanups.push(async () => {
          const c = await pgClient();
          await c.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
          await c.end();
        });
        cleanups.push(() => redis.flushdb());
      }
      const env = childEnv({
        ...freshStrapiSecrets(),
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: '127.0.0.1',
        DATABASE_PORT: '5432',
        DATABASE_NAME: PG_DB,
        DATABASE_USERNAME: 'postgres',
        STOCK_SMTP_HOST: '127.0.0.1',
        STOCK_SMTP_PORT: String(sink.port),
        SMTP_ACCOUNTS_ENABLED: 'true',
        SMTP_ACCOUNTS_QUEUE_REDIS: REDIS_URL,
        SMTP_ACCOUNTS_QUEUE_CONCURRENCY: String(CONCURRENCY),
        SMTP_ACCOUNTS_QUEUE_LEASE_MS: String(LEASE_MS),
      });
      const children = [];
      // one after the other: the first one makes the schema
      for (let k = 1; k <= PROCESSES; k += 1) {
        const c = await startChild(env, {
          name: `strapi-${k}`,
          logFile: path.join(work, `strapi-${k}.log`),
        });
        children.push(c);
        cleanups.push(() => c.stop());
        log(`  strapi-${k} (pid ${c.pid}) booted in ${fmt(c.bootMs / 1000, 1)} s`);
      }
      const [first] = children;
      const c0 = await sinkCount();
      const ids = await first.call('setup', { accounts: [...plain, ...limited] });
      log(
        `  ${ids.length} accounts created through the accounts service (verified against the sink: ${(await sinkCount()) - c0} message(s) at the sink meanwhile)`
      );
      await sleep(3000); // the other processes see new accounts within sync.intervalMs (2 s)
      const status = (batchId) => first.call('status', { batchId });
      const usageAll = () =>
        Promise.all(children.filter((c) => !c.exited).map((c) => c.call('usage')));

      if (clusterPhases.includes('bullmq')) {
        log(`\n=== bullmq: ${N} mails over ${ACCOUNTS} accounts, ${PROCESSES} processes ===`);
        if (WARMUP) {
          const from = await sinkCount();
          const w = await first.call('enqueue', {
            n: WARMUP,
            froms: plainFroms,
            tag: 'warm',
            newsletter: NEWSLETTER,
          });
          await waitDone(status, w, 'warm-up', { sinkCount, sinkFrom: from, expected: WARMUP });
          log(`  warm-up batch ${w} (${WARMUP} mails) done`);
        }
        await Promise.all(children.map((c) => c.call('resetQueries')));
        const u0 = await usageAll();
        const pg0 = await pgStat(PG_DB);
        const pgCpu0 = procCpu(pgBackends(PG_DB));
        const aux0 = procCpu(pgAux);
        const redis0 = await redisCpuMs(redis);
        const file = record();
        const sinkFrom = await sinkCount();
        const peakRss = new Map();
        const sampler = setInterval(() => {
          usageAll()
            .then((us) =>
              us.forEach((u) => peakRss.set(u.pid, Math.max(peakRss.get(u.pid) || 0, u.rss)))
            )
            .catch(() => undefined);
        }, 2000);
        if (PROFILE) await first.call('profileStart');
        const w0 = Date.now();
        const batchId = await first.call('enqueue', {
          n: N,
          froms: plainFroms,
          tag: 'bull',
          newsletter: NEWSLETTER,
        });
        const intake = await first.call('whenEnqueued', { batchId });
        const enqueuedS = (Date.now() - w0) / 1000;
        log(
          `  batch ${batchId}: ${intake.accepted} accepted, ${intake.rejected} rejected in ${fmt(enqueuedS, 1)} s (intake, while sending)`
        );
        const { status: end, done } = await waitDone(status, batchId, 'bullmq', {
          sinkCount,
          sinkFrom,
          expected: N,
        });
        const wall = (Date.now() - w0) / 1000;
        clearInterval(sampler);
        const profile = PROFILE ? await first.call('profileStop') : null;
        await sleep(1500); // pg_stat_database is flushed about once a second
        const u1 = await usageAll();
        const pg1 = await pgStat(PG_DB);
        const pgCpu = cpuDelta(pgCpu0, procCpu(pgBackends(PG_DB)));
        const auxCpu = cpuDelta(aux0, procCpu(pgAux));
        const redisCpu = (await redisCpuMs(redis)) - redis0;
        await sink.flush();
        const d = delivery(
          readRecords(file),
          await first.call('rows', { batchId }),
          (await first.call('log', { batchId })).uncertain
        );
        const rate = d.received / d.seconds;
        log(
          `  ${done ? 'done' : 'NOT done'}: counts ${JSON.stringify(end.counts)}; wall ${fmt(wall, 1)} s from enqueue() to done`
        );
        log(
          `  sink: ${d.received} received, ${d.unique}/${d.expected} distinct Message-IDs, lost ${d.lost}, duplicates ${d.duplicates}; ${fmt(d.seconds, 1)} s first→last receipt = ${fmt(rate, 0)} msgs/s`
        );
        let strapiCpu = 0;
        const perProcess = u1.map((u) => {
          const before = u0.find((x) => x.pid === u.pid);
          const cpu = cpuMs(u.cpu) - cpuMs(before.cpu);
          strapiCpu += cpu;
          const mails = u.queue.finished - before.queue.finished;
          return {
            pid: u.pid,
            cpu,
            mails,
            maxRss: u.maxRss,
            peak: Math.max(peakRss.get(u.pid) || 0, u.rss),
            queries: u.queries,
          };
        });
        for (const [k, p] of perProcess.entries()) {
          log(
            `  strapi-${k + 1}: sent ${p.mails}, CPU ${fmt(p.cpu / 1000, 1)} s = ${fmt(p.cpu / Math.max(1, p.mails), 3)} ms/mail it sent; ` +
              `RSS peak ${mb(p.peak)} (sampled every 2 s), maxRSS ${mb(p.maxRss)}; ${p.queries.total} SQL statements = ${fmt(p.queries.total / Math.max(1, p.mails), 2)}/mail it sent`
          );
        }
        const mails = d.expected;
        const stmtTotal = perProcess.reduce((n, p) => n + p.queries.total, 0);
        const kinds = new Map();
        for (const p of perProcess)
          for (const [k, v] of p.queries.byKind) kinds.set(k, (kinds.get(k) || 0) + v);
        log(
          `  SQL statements (knex 'query' events, all ${PROCESSES} processes): ${stmtTotal} = ${fmt(stmtTotal / mails, 2)} per mail; by kind:`
        );
        for (const [k, v] of [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
          log(`    ${fmt(v / mails, 3).padStart(7)}/mail  ${k}`);
        const pgd = Object.fromEntries(Object.keys(pg1).map((k) => [k, pg1[k] - (pg0[k] || 0)]));
        log(
          `  pg_stat_database ${PG_DB} per mail: commits ${fmt(pgd.xact_commit / mails, 2)}, rows inserted ${fmt(pgd.tup_inserted / mails, 2)}, updated ${fmt(pgd.tup_updated / mails, 2)}, ` +
            `deleted ${fmt(pgd.tup_deleted / mails, 2)}, fetched ${fmt(pgd.tup_fetched / mails, 1)}, returned ${fmt(pgd.tup_returned / mails, 1)}`
        );
        log(
          `  CPU per mail: Strapi ${fmt(strapiCpu / mails, 3)} ms (3 processes), PostgreSQL backends of ${PG_DB} ${fmt(pgCpu / mails, 3)} ms (+ server processes ${fmt(auxCpu / mails, 3)} ms), ` +
            `Redis ${fmt(redisCpu / mails, 3)} ms (whole server)`
        );
        if (profile) {
          log(
            `  CPU profile of strapi-1 during the batch (self time, ${fmt(profile.totalMs / 1000, 1)} s sampled):`
          );
          for (const [k, ms, share] of profile.byBucket)
            log(`    ${fmt(share * 100, 1).padStart(5)} %  ${String(ms).padStart(6)} ms  ${k}`);
          log('  top functions:');
          for (const [k, ms, share] of profile.byFunction)
            log(`    ${fmt(share * 100, 1).padStart(5)} %  ${String(ms).padStart(6)} ms  ${k}`);
        }
        results.bullmq = {
          d,
          rate,
          wall,
          perProcess,
          strapiCpu,
          pgCpu,
          auxCpu,
          redisCpu,
          stmtTotal,
          pgd,
          kinds,
        };
        const beside = await rawBeside('bullmq');
        results.bullmq.rawBeside = beside;
        row(
          'bullmq',
          `${N} mails, ${PROCESSES} processes, PG + Redis`,
          `${fmt(rate, 0)} msgs/s (${fmt(d.seconds, 1)} s first→last receipt)`
        );
        ratioRow('bullmq', 'throughput vs raw nodemailer', rate, beside);
        row(
          'bullmq',
          'lost / duplicates',
          `${d.lost} / ${d.duplicates} (${d.unique}/${d.expected} distinct Message-IDs)`,
          '0 / 0',
          done && d.lost === 0 && d.duplicates === 0
        );
        row(
          'bullmq',
          'CPU ms per mail',
          `Strapi ${fmt(strapiCpu / mails, 3)} (all 3), PG ${fmt(pgCpu / mails, 3)} (+${fmt(auxCpu / mails, 3)} server), Redis ${fmt(redisCpu / mails, 3)}; raw ${results.raw ? fmt(results.raw.cpuPerMail, 3) : '–'}`
        );
        row(
          'bullmq',
          'CPU ms per mail sent, per process (1 also read the 10^5 mails in)',
          perProcess.map((p) => `${fmt(p.cpu / Math.max(1, p.mails), 3)} (${p.mails})`).join(', ')
        );
        row(
          'bullmq',
          'peak RSS per process',
          perProcess.map((p) => mb(Math.max(p.peak, p.maxRss))).join(', ')
        );
        row(
          'bullmq',
          'SQL statements per mail',
          `${fmt(stmtTotal / mails, 2)} (PG commits ${fmt(pgd.xact_commit / mails, 2)}, rows updated ${fmt(pgd.tup_updated / mails, 2)})`
        );
      }

      if (clusterPhases.includes('limits')) {
        const perAccount = Math.ceil(LIMIT * LIMIT_WINDOWS);
        const n = perAccount * LIMITED_ACCOUNTS;
        log(
          `\n=== limits: ${n} mails over ${LIMITED_ACCOUNTS} accounts at ${LIMIT}/min (${perAccount} each, ~${LIMIT_WINDOWS} windows) ===`
        );
        const file = record();
        const sinkFrom = await sinkCount();
        const batchId = await first.call('enqueue', {
          n,
          froms: limited.map(fromOf),
          tag: 'lim',
          newsletter: NEWSLETTER,
        });
        const { status: end, done } = await waitDone(status, batchId, 'limits', {
          progressEvery: 30000,
          sinkCount,
          sinkFrom,
          expected: n,
        });
        await sink.flush();
        const recs = readRecords(file);
        const d = delivery(recs, await first.call('rows', { batchId }), []);
        log(
          `  ${done ? 'done' : 'NOT done'}: counts ${JSON.stringify(end.counts)}; sink ${d.received} received, lost ${d.lost}, duplicates ${d.duplicates}, ${fmt(d.seconds, 1)} s first→last`
        );
        let allHeld = true;
        let allClose = true;
        let worst = 0;
        let slidingMax = 0;
        let sliding59Max = 0;
        const perWindowMax = [];
        const periods = [];
        for (const a of limited) {
          const w = windows(
            recs.filter((r) => r.user === a.username).map((r) => r.t),
            LIMIT
          );
          periods.push(...w.periods);
          slidingMax = Math.max(slidingMax, w.sliding);
          sliding59Max = Math.max(sliding59Max, w.sliding59);
          perWindowMax.push(w.maxFixed);
          // the limiter holds every sliding 60 s as the receiver counts (issue 20): a mail counts from the end of
          // its send, and the sink received it before that end
          if (w.sliding > LIMIT) allHeld = false;
          if (w.worstDeviation === null || w.worstDeviation > 0.05) allClose = false;
          worst = Math.max(worst, w.worstDeviation || 0);
          log(
            `  ${a.username}: per fixed window ${w.counts.join(', ')} (limit ${LIMIT}); sliding 60 s max ${w.sliding}; ` +
              `windows opened ${w.periods.map((p) => fmt(p, 1)).join(', ')} s apart; sliding 59 s max ${w.sliding59}`
          );
          for (const offsets of w.overfull)
            log(`    overfull window, receipts at +s: ${offsets.map((x) => fmt(x, 2)).join(' ')}`);
        }
        const meanPeriod = periods.length
          ? periods.reduce((a, b) => a + b, 0) / periods.length
          : NaN;
        results.limits = { d, allHeld, allClose, worst, slidingMax, meanPeriod };
        row(
          'limits',
          `${LIMITED_ACCOUNTS} accounts × ${LIMIT}/min, ${n} mails`,
          `most in any sliding 60 s: ${slidingMax} (59 s: ${sliding59Max}); in a fixed window: ${Math.max(...perWindowMax)}`,
          `≤ ${LIMIT} in every sliding window`,
          done && allHeld
        );
        row(
          'limits',
          'full windows vs limit',
          `worst ${fmt(worst * 100, 1)} % off; windows ${fmt(meanPeriod, 1)} s apart on average`,
          'within 5 %',
          done && allClose
        );
        row(
          'limits',
          'lost / duplicates',
          `${d.lost} / ${d.duplicates}`,
          '0 / 0',
          done && d.lost === 0 && d.duplicates === 0
        );
      }

      if (clusterPhases.includes('pause')) {
        // issue 20: after pause answers, at most the mails already handed to SMTP connections may arrive
        log(
          `\n=== pause: ${PAUSE_N} mails, ${PROCESSES} processes, paused once a quarter has arrived ===`
        );
        const c0 = await sinkCount();
        const batchId = await first.call('enqueue', {
          n: PAUSE_N,
          froms: plainFroms,
          tag: 'pause',
          newsletter: NEWSLETTER,
        });
        while ((await sinkCount()) - c0 < PAUSE_N / 4) await sleep(5);
        const inFlight = (await usageAll()).reduce((sum, u) => sum + u.queue.inFlight, 0);
        const asked = Date.now();
        await first.call('pause', { batchId });
        const answerMs = Date.now() - asked;
        const atAnswer = (await sinkCount()) - c0;
        await sleep(3000);
        const after = (await sinkCount()) - c0 - atAnswer;
        const bound = PROCESSES * CONCURRENCY;
        log(
          `  paused after ${atAnswer} receipts (answer in ${answerMs} ms); ${inFlight} in flight just before; ${after} arrived after the answer`
        );
        await first.call('cancel', { batchId });
        results.pause = { atAnswer, answerMs, inFlight, after, bound };
        row(
          'pause',
          `${PAUSE_N} mails, paused at ${atAnswer} (answer in ${answerMs} ms)`,
          `${after} arrived after the answer (in flight just before: ${inFlight})`,
          `≤ in flight (at most ${bound}: ${PROCESSES} × concurrency ${CONCURRENCY})`,
          after <= bound
        );
      }

      if (clusterPhases.includes('kill')) {
        log(`\n=== kill: ${KILL_N} mails, ${PROCESSES} processes, one SIGKILLed mid-way ===`);
        const file = record();
        const c0 = await sinkCount();
        const batchId = await first.call('enqueue', {
          n: KILL_N,
          froms: plainFroms,
          tag: 'kill',
          newsletter: NEWSLETTER,
        });
        await first.call('whenEnqueued', { batchId });
        while ((await sinkCount()) - c0 < KILL_N / 2) await sleep(20);
        const victim = children[children.length - 1];
        const vu = await victim.call('usage');
        const killedAt = Date.now();
        await victim.kill();
        const atKill = (await sinkCount()) - c0;
        log(
          `  SIGKILL ${victim.name} (pid ${victim.pid}) after ${atKill} receipts; it had ${vu.queue.inFlight} mail(s) in flight just before (sent ${vu.queue.finished} in all)`
        );
        const { status: end, done } = await waitDone(
          (id) => first.call('status', { batchId: id }),
          batchId,
          'kill',
          { sinkCount, sinkFrom: c0, expected: KILL_N }
        );
        await sink.flush();
        const recs = readRecords(file);
        const logInfo = await first.call('log', { batchId });
        const d = delivery(recs, await first.call('rows', { batchId }), logInfo.uncertain);
        const lastT = d.last;
        log(
          `  ${done ? 'done' : 'NOT done'}: counts ${JSON.stringify(end.counts)}; sink ${d.received} received, ${d.unique}/${d.expected} distinct, lost ${d.lost}, ` +
            `duplicates ${d.duplicates} (${d.duplicatedIds} Message-IDs), not marked uncertain ${d.unmarked}; uncertain rows ${d.uncertainRows}, uncertain log entries ${d.uncertainLog}; ` +
            `last receipt ${fmt((lastT - killedAt) / 1000, 1)} s after the kill; re-sends at +${d.resentAt.map((t) => fmt((t - killedAt) / 1000, 1)).join(', ') || '–'} s`
        );
        results.kill = { d, inFlight: vu.queue.inFlight };
        row(
          'kill',
          `${KILL_N} mails, SIGKILL 1 of ${PROCESSES} at ${atKill}`,
          `lost ${d.lost}`,
          '0',
          done && d.lost === 0
        );
        row(
          'kill',
          'duplicates',
          `${d.duplicates} (in flight at the kill: ${vu.queue.inFlight}; concurrency ${CONCURRENCY})`,
          `≤ in-flight`,
          d.duplicates <= Math.max(vu.queue.inFlight, 0) && d.duplicates <= CONCURRENCY
        );
        row(
          'kill',
          'duplicates marked uncertain',
          `${d.duplicatedIds - d.unmarked}/${d.duplicatedIds} (uncertain: ${d.uncertainRows} rows, ${d.uncertainLog} log entries)`,
          'all',
          d.unmarked === 0
        );
        const resent = d.resentAt.length
          ? `the ${d.resentAt.length} re-sent mail(s) arrived +${fmt((Math.min(...d.resentAt) - killedAt) / 1000, 1)}…+${fmt((Math.max(...d.resentAt) - killedAt) / 1000, 1)} s after the kill`
          : 'nothing was re-sent';
        row(
          'kill',
          'recovery',
          `${resent}; batch done +${fmt((lastT - killedAt) / 1000, 1)} s (leaseMs ${LEASE_MS}: BullMQ lock ${Math.min(LEASE_MS, 30000) / 1000} s)`
        );
      }
      for (const c of children) await c.stop();
    }

    // ================================================================== SQLite, embedded
    if (PHASES.includes('embedded')) {
      // issue 20: the embedded engine on one process (no Redis), on PostgreSQL, side by side with raw
      const db = `${PG_DB}_embedded`;
      log(
        `\n=== embedded: the database engine, one process, PostgreSQL ${db}, ${EMBEDDED_N} mails, concurrency ${EMBEDDED_CONCURRENCY} ===`
      );
      const pgAdmin = await pgClient();
      await pgAdmin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await pgAdmin.query(`CREATE DATABASE ${db}`);
      await pgAdmin.end();
      if (!KEEP)
        cleanups.push(async () => {
          const c = await pgClient();
          await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
          await c.end();
        });
      const one = await startChild(
        childEnv({
          ...freshStrapiSecrets(),
          DATABASE_CLIENT: 'postgres',
          DATABASE_HOST: '127.0.0.1',
          DATABASE_PORT: '5432',
          DATABASE_NAME: db,
          DATABASE_USERNAME: 'postgres',
          STOCK_SMTP_HOST: '127.0.0.1',
          STOCK_SMTP_PORT: String(sink.port),
          SMTP_ACCOUNTS_ENABLED: 'true',
          SMTP_ACCOUNTS_QUEUE_CONCURRENCY: String(EMBEDDED_CONCURRENCY),
          SMTP_ACCOUNTS_QUEUE_LEASE_MS: String(LEASE_MS),
        }),
        { name: 'embedded', logFile: path.join(work, 'embedded.log') }
      );
      cleanups.push(() => one.stop());
      await one.call('setup', { accounts: plain });
      if (WARMUP) {
        const from = await sinkCount();
        const w = await one.call('enqueue', {
          n: WARMUP,
          froms: plainFroms,
          tag: 'ewarm',
          newsletter: NEWSLETTER,
        });
        await waitDone((id) => one.call('status', { batchId: id }), w, 'warm-up', {
          sinkCount,
          sinkFrom: from,
          expected: WARMUP,
        });
      }
      await one.call('resetQueries');
      const u0 = await one.call('usage');
      const embeddedPg0 = procCpu(pgBackends(db));
      const file = record();
      const c0 = await sinkCount();
      if (PROFILE_OF === 'embedded') await one.call('profileStart');
      const batchId = await one.call('enqueue', {
        n: EMBEDDED_N,
        froms: plainFroms,
        tag: 'emb',
        newsletter: NEWSLETTER,
      });
      const { done } = await waitDone(
        (id) => one.call('status', { batchId: id }),
        batchId,
        'embedded',
        {
          sinkCount,
          sinkFrom: c0,
          expected: EMBEDDED_N,
        }
      );
      const u1 = await one.call('usage');
      const embeddedPg = cpuDelta(embeddedPg0, procCpu(pgBackends(db)));
      if (PROFILE_OF === 'embedded') {
        const profile = await one.call('profileStop');
        log(
          `  CPU profile of the process (self time, ${fmt(profile.totalMs / 1000, 1)} s sampled):`
        );
        for (const [k, ms, share] of profile.byBucket)
          log(`    ${fmt(share, 1).padStart(5)} %  ${String(Math.round(ms)).padStart(6)} ms  ${k}`);
      }
      await sink.flush();
      const recs = readRecords(file);
      const d = delivery(recs, await one.call('rows', { batchId }), []);
      const rate = d.received / d.seconds;
      const cpu = (u1.cpu.user + u1.cpu.system - u0.cpu.user - u0.cpu.system) / 1000 / EMBEDDED_N;
      await one.stop();
      const beside = await rawBeside('embedded');
      results.embedded = {
        rawBeside: beside,
        d,
        rate,
        cpuPerMail: cpu,
        pgCpuPerMail: embeddedPg / EMBEDDED_N,
        statements: u1.queries.total,
      };
      log(
        `  ${done ? 'done' : 'NOT done'}: ${d.received} received, lost ${d.lost}, duplicates ${d.duplicates}; ${fmt(rate, 0)} msgs/s; ${fmt(cpu, 3)} ms Strapi CPU per mail, PostgreSQL backends ${fmt(embeddedPg / EMBEDDED_N, 3)} ms`
      );
      row(
        'embedded',
        `${EMBEDDED_N} mails, 1 process, PostgreSQL (no Redis), concurrency ${EMBEDDED_CONCURRENCY}`,
        `${fmt(rate, 0)} msgs/s; CPU per mail: Strapi ${fmt(cpu, 3)} ms, PG ${fmt(embeddedPg / EMBEDDED_N, 3)} ms; ${fmt(u1.queries.total / EMBEDDED_N, 2)} SQL statements/mail`,
        ''
      );
      ratioRow('embedded', 'throughput vs raw nodemailer', rate, beside);
      row(
        'embedded',
        'lost / duplicates',
        `${d.lost} / ${d.duplicates}`,
        '0 / 0',
        done && d.lost === 0 && d.duplicates === 0
      );
    }

    if (PHASES.includes('sqlite')) {
      log(
        `\n=== sqlite: embedded engine, ${SQLITE_N} mails, concurrency ${EMBEDDED_CONCURRENCY}, one process SIGKILLed mid-way and started again on the same file ===`
      );
      const env = childEnv({
        ...freshStrapiSecrets(),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(work, 'embedded.db'),
        STOCK_SMTP_HOST: '127.0.0.1',
        STOCK_SMTP_PORT: String(sink.port),
        SMTP_ACCOUNTS_ENABLED: 'true',
        SMTP_ACCOUNTS_QUEUE_CONCURRENCY: String(EMBEDDED_CONCURRENCY),
        SMTP_ACCOUNTS_QUEUE_LEASE_MS: String(LEASE_MS),
      });
      const a = await startChild(env, {
        name: 'sqlite-1',
        logFile: path.join(work, 'sqlite-1.log'),
      });
      cleanups.push(() => a.stop());
      log(`  sqlite-1 (pid ${a.pid}) booted in ${fmt(a.bootMs / 1000, 1)} s`);
      await a.call('setup', { accounts: plain });
      await a.call('resetQueries');
      const file = record();
      const c0 = await sinkCount();
      const batchId = await a.call('enqueue', {
        n: SQLITE_N,
        froms: plainFroms,
        tag: 'lite',
        newsletter: NEWSLETTER,
      });
      await a.call('whenEnqueued', { batchId });
      while ((await sinkCount()) - c0 < SQLITE_N / 2) await sleep(20);
      const au = await a.call('usage');
      const killedAt = Date.now();
      await a.kill();
      const atKill = (await sinkCount()) - c0;
      log(
        `  SIGKILL sqlite-1 after ${atKill} receipts (${au.queue.inFlight} in flight just before)`
      );
      const b = await startChild(env, {
        name: 'sqlite-2',
        logFile: path.join(work, 'sqlite-2.log'),
      });
      cleanups.push(() => b.stop());
      log(`  sqlite-2 (pid ${b.pid}) booted on the same file in ${fmt(b.bootMs / 1000, 1)} s`);
      const { status: end, done } = await waitDone(
        (id) => b.call('status', { batchId: id }),
        batchId,
        'sqlite',
        { sinkCount, sinkFrom: c0, expected: SQLITE_N }
      );
      const bu = await b.call('usage');
      await sink.flush();
      const recs = readRecords(file);
      const d = delivery(
        recs,
        await b.call('rows', { batchId }),
        (await b.call('log', { batchId })).uncertain
      );
      const before = recs.filter((r) => r.t <= killedAt).map((r) => r.t);
      const after = recs
        .filter((r) => r.t > killedAt)
        .map((r) => r.t)
        .sort((x, y) => x - y);
      const span = (ts) =>
        ts.length > 1
          ? (ts.reduce((m, t) => Math.max(m, t), -Infinity) -
              ts.reduce((m, t) => Math.min(m, t), Infinity)) /
            1000
          : NaN;
      // the mails that were in flight at the kill come back only when their lease runs out: that wait
      // (the largest gap after the restart, when over 2 s) is left out of the rate after the restart
      let cut = after.length;
      let gap = 0;
      for (let i = 1; i < after.length; i += 1)
        if (after[i] - after[i - 1] > gap) [gap, cut] = [after[i] - after[i - 1], i];
      if (gap <= 2000) cut = after.length;
      const main = after.slice(0, cut);
      const late = after.slice(cut);
      const rateBefore = before.length / span(before);
      const rateAfter = main.length / span(main);
      const leaseNote = late.length
        ? `; ${late.length} more (the lease of the killed process's mails) from +${fmt((late[0] - killedAt) / 1000, 1)} s`
        : '';
      log(
        `  ${done ? 'done' : 'NOT done'}: counts ${JSON.stringify(end.counts)}; sink ${d.received} received, ${d.unique}/${d.expected} distinct, lost ${d.lost}, duplicates ${d.duplicates}, ` +
          `not marked uncertain ${d.unmarked}; ${fmt(rateBefore, 0)} msgs/s before the kill, ${fmt(rateAfter, 0)} msgs/s after the restart (first receipt ${fmt((after[0] - killedAt) / 1000, 1)} s after the kill${leaseNote}); ` +
          `RSS maxRSS ${mb(au.maxRss)} / ${mb(bu.maxRss)}`
      );
      const stmts = au.queries.total + bu.queries.total;
      log(
        `  SQL statements (both processes, boot excluded): ${stmts} = ${fmt(stmts / SQLITE_N, 2)} per mail; top kinds: ${au.queries.byKind
          .slice(0, 5)
          .map(([k, v]) => `${k} ${v}`)
          .join('; ')}`
      );
      await b.stop();
      const beside = await rawBeside('sqlite');
      results.sqlite = {
        rawBeside: beside,
        d,
        rateBefore,
        rateAfter,
        inFlight: au.queue.inFlight,
        maxRss: [au.maxRss, bu.maxRss],
        statements: stmts,
      };
      row(
        'sqlite',
        `${SQLITE_N} mails, SIGKILL + restart at ${atKill}`,
        `lost ${d.lost}`,
        '0',
        done && d.lost === 0
      );
      row(
        'sqlite',
        'duplicates (marked uncertain)',
        `${d.duplicates} (${d.duplicatedIds - d.unmarked}/${d.duplicatedIds} marked; in flight at the kill ${au.queue.inFlight})`,
        '≤ in-flight, all marked',
        d.duplicates <= Math.max(au.queue.inFlight, 0) && d.unmarked === 0
      );
      row(
        'sqlite',
        'msgs/s before / after the restart',
        `${fmt(rateBefore, 0)} / ${fmt(rateAfter, 0)} (first receipt after the kill: +${fmt((after[0] - killedAt) / 1000, 1)} s${leaseNote})`
      );
      ratioRow(
        'sqlite',
        'throughput before the kill vs raw nodemailer (one process, SQLite)',
        rateBefore,
        beside
      );
      row('sqlite', 'peak RSS (before / after)', `${mb(au.maxRss)} / ${mb(bu.maxRss)}`);
      row('sqlite', 'SQL statements per mail', fmt(stmts / SQLITE_N, 2));
    }

    // ================================================================== table
    log(
      `\n=== Results (${new Date().toISOString()}, ${os.cpus().length} CPU(s), load average ${loadavg()}, ${fmt((Date.now() - t0) / 1000, 0)} s) ===\n`
    );
    log('| phase | figure | value | target | |');
    log('| --- | --- | --- | --- | --- |');
    for (const r of rows) log(`| ${r.map((x) => String(x).replace(/\|/g, '\\|')).join(' | ')} |`);
    const judged = rows.filter((r) => r[4]);
    log(
      `\n[bench:queue] ${judged.filter((r) => r[4] === 'PASS').length}/${judged.length} targets met`
    );
    const settings = {
      phases: PHASES,
      n: N,
      rawN: RAW_N,
      killN: KILL_N,
      sqliteN: SQLITE_N,
      warmup: WARMUP,
      processes: PROCESSES,
      concurrency: CONCURRENCY,
      accounts: ACCOUNTS,
      limitedAccounts: LIMITED_ACCOUNTS,
      limitPerMinute: LIMIT,
      limitWindows: LIMIT_WINDOWS,
      newsletter: NEWSLETTER,
      leaseMs: LEASE_MS,
      stallSeconds: STALL_S,
      pool: POOL,
      profile: PROFILE,
    };
    const reportFile = writeReport({ startedAt: t0, settings, rows, results });
    log(`[bench:queue] JSON result: ${reportFile}`);
  } catch (error) {
    broke = true;
    console.error('[bench:queue] CRASHED:', error && error.stack ? error.stack : error);
    console.error(`[bench:queue] the Strapi processes' output is kept in ${work}`);
  } finally {
    await cleanup();
    if (!broke && !KEEP) fs.rmSync(work, { recursive: true, force: true });
  }
  return broke ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('[bench:queue] CRASHED:', error && error.stack ? error.stack : error);
    process.exit(1);
  }
);

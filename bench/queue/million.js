'use strict';
/**
 * `npm run bench:million`: a million mails queued from an async iterable (issue 20). One Strapi process with the
 * embedded engine on a fresh PostgreSQL database (`BENCH_MILLION_DB=sqlite`: a SQLite file) reads
 * BENCH_MILLION_N messages (default 1,000,000) from a generator; its RSS and the rows stored are sampled every
 * 2 s (the memory must stay flat: the queue reads a page at a time). Then the database size per queued mail,
 * and the clean-up the README promises: the batch cancelled, the retention job deletes its rows.
 * With BENCH_MILLION_SEND=1 the process also sends (to the bench sink) while it reads, and the batch runs to
 * the end before the clean-up (at the queue's pace: tens of minutes for 10^6).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createCleanup } = require('../cleanup');
const { startSink } = require('../sink-client');
const { freshStrapiSecrets, QUIET_STRAPI } = require('../../scripts/strapi-secrets');
const { startChild, pgClient } = require('./procs');

const N = Number(process.env.BENCH_MILLION_N || 1_000_000);
const DB = process.env.BENCH_MILLION_DB || 'postgres';
const SEND = process.env.BENCH_MILLION_SEND === '1';
/** A sending run: accounts the mails cycle over (each its own pool of 5 connections) and the queue's concurrency. */
const ACCOUNTS = Number(process.env.BENCH_MILLION_ACCOUNTS || (SEND ? 10 : 1));
const CONCURRENCY = Number(process.env.BENCH_MILLION_CONCURRENCY || 48);
const PG_DB = 'bench_million';
const SAMPLE_MS = 2000;
if (!Number.isInteger(N) || N < 1) throw new Error('BENCH_MILLION_N must be a positive integer');
if (![ACCOUNTS, CONCURRENCY].every((x) => Number.isInteger(x) && x >= 1))
  throw new Error('BENCH_MILLION_ACCOUNTS and BENCH_MILLION_CONCURRENCY must be positive integers');
if (!['postgres', 'sqlite'].includes(DB)) throw new Error('BENCH_MILLION_DB: postgres or sqlite');

const log = (...args) => console.log(...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const main = async () => {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-bench-million-'));
  const cleanups = createCleanup('bench:million');
  const rows = [];
  const row = (figure, value, target = '', pass = null) => {
    rows.push({ figure, value, target, pass });
  };
  try {
    const sink = await startSink();
    cleanups.push(() => sink.stop());
    const env = { ...process.env };
    for (const key of Object.keys(env))
      if (/^(DATABASE_|SMTP_ACCOUNTS_|STOCK_SMTP_)/.test(key)) delete env[key];
    Object.assign(env, {
      NODE_ENV: 'test',
      ...QUIET_STRAPI,
      ...freshStrapiSecrets(),
      STOCK_SMTP_HOST: '127.0.0.1',
      STOCK_SMTP_PORT: String(sink.port),
      SMTP_ACCOUNTS_ENABLED: 'true',
      SMTP_ACCOUNTS_QUEUE_WORKER: SEND ? 'true' : 'false',
      SMTP_ACCOUNTS_QUEUE_CONCURRENCY: String(CONCURRENCY),
    });
    const sqliteFile = path.join(work, 'million.db');
    if (DB === 'postgres') {
      const admin = await pgClient();
      await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${PG_DB}`);
      await admin.end();
      cleanups.push(async () => {
        const c = await pgClient();
        await c.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
        await c.end();
      });
      Object.assign(env, {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: '127.0.0.1',
        DATABASE_PORT: '5432',
        DATABASE_NAME: PG_DB,
        DATABASE_USERNAME: 'postgres',
      });
    } else Object.assign(env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: sqliteFile });
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));

    const child = await startChild(env, { name: 'strapi', logFile: path.join(work, 'strapi.log') });
    cleanups.push(() => child.stop());
    log(
      `[bench:million] ${N} mails, ${DB}, worker ${SEND ? `on (sending to the sink; ${ACCOUNTS} account(s), concurrency ${CONCURRENCY})` : 'off (intake only)'}; ${os.cpus().length} CPU(s); Strapi booted in ${(child.bootMs / 1000).toFixed(1)} s`
    );
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
      name: `Million ${i}`,
      email: `million${i}@bench.test`,
      username: `bench-million-${i}`,
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      authType: 'plain',
      password: `bench-million-pw-${i}`,
    }));
    await child.call('setup', { accounts });
    const base = await child.call('usage');
    log(`  before: RSS ${mb(base.rss)}`);
    const batchId = await child.call('enqueue', {
      n: N,
      froms: accounts.map((a) => `${a.name} <${a.email}>`),
      tag: 'million',
      newsletter: true,
    });
    const t0 = Date.now();
    const samples = [];
    let enqueued = null;
    let storedAfterIntake = null;
    const intake = child.call('whenEnqueued', { batchId }).then((r) => (enqueued = r));
    for (;;) {
      await sleep(SAMPLE_MS);
      const u = await child.call('usage');
      // once the intake is over the rows stored stay as they are (a count over 10^6 rows every 2 s would only slow
      // the sends): counted once more, then reused
      const intakeOver = enqueued !== null;
      const stored = storedAfterIntake ?? (await child.call('countRows', { batchId }));
      if (intakeOver && storedAfterIntake === null) storedAfterIntake = stored;
      const status = await child.call('status', { batchId });
      samples.push({
        s: (Date.now() - t0) / 1000,
        rss: u.rss,
        heap: u.heapUsed,
        stored,
        sent: status.counts.sent,
      });
      log(
        `  +${((Date.now() - t0) / 1000).toFixed(0)} s: ${stored} rows stored, ${status.counts.sent} sent, RSS ${mb(u.rss)}, heap ${mb(u.heapUsed)}`
      );
      if (enqueued && (!SEND || status.state === 'done')) break;
    }
    await intake;
    const intakeS = (samples.find((x) => x.stored >= N)?.s ?? (Date.now() - t0) / 1000) || 1;
    // RSS and the heap rise and fall with V8's collections (a sawtooth): what must stay flat is the floor, the
    // least memory held in each quarter of the intake (after the first 10 %, once the pages and pools are warm)
    const warm = samples.filter((x) => x.stored >= N * 0.1);
    const quarter = Math.max(1, Math.floor(warm.length / 4));
    const floor = (list, key) => Math.min(...list.map((x) => x[key]));
    const [firstQ, lastQ] = [warm.slice(0, quarter), warm.slice(-quarter)];
    const heapGrowth = floor(lastQ, 'heap') - floor(firstQ, 'heap');
    const rssGrowth = floor(lastQ, 'rss') - floor(firstQ, 'rss');
    const peak = Math.max(...samples.map((x) => x.rss));
    row(
      'intake',
      `${N} mails read in ${intakeS.toFixed(0)} s (${Math.round(N / intakeS)} mails/s)`
    );
    row(
      SEND ? 'memory over the intake and the sending' : 'memory over the intake',
      `RSS before ${mb(base.rss)}, peak ${mb(peak)}; floor of the last quarter vs the first: heap ${heapGrowth >= 0 ? '+' : ''}${mb(heapGrowth)}, RSS ${rssGrowth >= 0 ? '+' : ''}${mb(rssGrowth)}`,
      'flat (heap floor < +32 MB)',
      heapGrowth < 32 * 2 ** 20
    );
    if (SEND) {
      const started = samples.find((x) => x.sent > 0) ?? samples[0];
      const last = samples[samples.length - 1];
      const received = (await sink.stats()).messages;
      row(
        'sending (the same process, while and after it read)',
        `${last.sent} sent in ${(last.s - started.s).toFixed(0)} s (${Math.round(last.sent / Math.max(1, last.s - started.s))} msgs/s, ${ACCOUNTS} accounts, concurrency ${CONCURRENCY}); the sink received ${received}`,
        `all ${N} sent, each received once`,
        last.sent === N && received === N
      );
    }
    log(
      `  series (s: RSS/heap MB): ${samples.map((x) => `${x.s.toFixed(0)}:${(x.rss / 2 ** 20).toFixed(0)}/${(x.heap / 2 ** 20).toFixed(0)}`).join(' ')}`
    );

    let size;
    if (DB === 'postgres') {
      const c = await pgClient(PG_DB);
      const q = await c.query(
        `SELECT pg_total_relation_size('smtp_accounts_queue') AS queue, pg_total_relation_size('smtp_accounts_batches') AS batches, pg_database_size('${PG_DB}') AS db`
      );
      await c.end();
      size = { queue: Number(q.rows[0].queue), db: Number(q.rows[0].db) };
    } else {
      size = { queue: null, db: fs.statSync(sqliteFile).size };
    }
    row(
      'database size per queued mail',
      size.queue !== null
        ? `${(size.queue / N).toFixed(0)} bytes (queue table with its indexes: ${mb(size.queue)}; whole database ${mb(size.db)})`
        : `${(size.db / N).toFixed(0)} bytes (SQLite file ${mb(size.db)})`
    );

    if (!SEND) await child.call('cancel', { batchId });
    const cleaned = await child.call('prune', { days: 0 });
    const left = await child.call('countRows', { batchId });
    row(
      'clean-up (retention job, logRetentionDays reached)',
      `${SEND ? 'done' : 'cancelled'} batch deleted in ${(cleaned.ms / 1000).toFixed(1)} s; rows left ${left}`,
      '0 rows left',
      left === 0
    );
    const after = await child.call('usage');
    row('RSS after the clean-up', mb(after.rss));

    log(
      `\n=== Results (${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s) ===\n`
    );
    log('| figure | value | target | |\n| --- | --- | --- | --- |');
    for (const r of rows)
      log(
        `| ${r.figure} | ${r.value} | ${r.target} | ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'} |`
      );
  } catch (error) {
    log(`[bench:million] broke: ${error.stack || error}; Strapi's output: ${work}`);
    process.exitCode = 1;
  } finally {
    await cleanups.run();
  }
};

main();

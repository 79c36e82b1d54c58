'use strict';
/**
 * One Strapi process of the queue bench (bench/queue/main.js forks it): boots the playground with the
 * environment it is given (database, Redis, keys), then answers its parent over IPC ({ cmd, id, ... } →
 * { id, ok, result | error }). Counts the SQL statements it runs (knex 'query' events), by kind.
 */
const path = require('path');

const QUEUED_MAIL_UID = 'plugin::smtp-accounts.queued-mail';
const SEND_LOG_UID = 'plugin::smtp-accounts.send-log';

/** A statement's kind: verb + table (+ the SET columns of an UPDATE), without values. */
const kindOf = (sql) => {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = s.split(' ', 1)[0].toLowerCase();
  // "public"."smtp_accounts_queue" → smtp_accounts_queue
  const table = (
    (/(?:from|into|update)\s+((?:["`]?\w+["`]?\.)?["`]?\w+["`]?)/i.exec(s) || [])[1] || '?'
  )
    .replace(/["`]/g, '')
    .replace(/^\w+\./, '');
  if (verb === 'update') {
    const set = (/ set (.*?) where /i.exec(s) || [])[1] || '';
    const cols = set.match(/["`](\w+)["`]\s*=/g) || [];
    return `update ${table} set ${cols.map((c) => c.replace(/["` =]/g, '')).join(',')}`.slice(
      0,
      110
    );
  }
  if (verb === 'select' && /for update|count\(/i.test(s))
    return `select ${table} (${/count\(/i.test(s) ? 'count' : 'for update'})`;
  return `${verb} ${table}`;
};

/** Where a CPU profile's self time went: by package (node_modules), by plugin file, by V8/Node bucket. */
const summarize = (profile) => {
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i += 1)
    selfUs.set(
      profile.samples[i],
      (selfUs.get(profile.samples[i]) || 0) + (profile.timeDeltas[i] || 0)
    );
  const bucketOf = ({ url, functionName }) => {
    if (!url) return `(${functionName || 'native'})`.replace(/^\(\((.*)\)\)$/, '($1)');
    const nm = url.lastIndexOf('node_modules/');
    if (nm !== -1) {
      const parts = url.slice(nm + 13).split('/');
      return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    }
    if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
    if (url.includes('/dist/server/')) return 'plugin (dist/server)';
    return url
      .replace(/^file:\/\//, '')
      .split('/')
      .slice(-2)
      .join('/');
  };
  const byBucket = new Map();
  const byFn = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) || 0;
    if (!us) continue;
    total += us;
    const bucket = bucketOf(node.callFrame);
    byBucket.set(bucket, (byBucket.get(bucket) || 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} [${bucket}]`;
    byFn.set(fn, (byFn.get(fn) || 0) + us);
  }
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k, Math.round(us / 1000), us / total]);
  return {
    totalMs: Math.round(total / 1000),
    byBucket: top(byBucket, 18),
    byFunction: top(byFn, 15),
  };
};

const main = async () => {
  const playground = path.resolve(__dirname, '..', '..', 'playground');
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: playground, distDir: playground }).load();
  const queries = { total: 0, byKind: new Map() };
  strapi.db.connection.on('query', (q) => {
    queries.total += 1;
    const k = kindOf(String(q.sql || ''));
    queries.byKind.set(k, (queries.byKind.get(k) || 0) + 1);
  });
  const plugin = strapi.plugin('smtp-accounts');
  const queue = () => plugin.service('queue');

  let session = null;
  const post = (method, params = {}) =>
    new Promise((res, rej) =>
      session.post(method, params, (err, out) => (err ? rej(err) : res(out)))
    );

  const commands = {
    /** A sampling CPU profile of this process, from now until profileStop (inspector, 1 ms). */
    async profileStart() {
      session = new (require('inspector').Session)();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
      return null;
    },
    async profileStop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      session = null;
      // BENCH_QUEUE_PROFILE_FILE: the whole profile too (open it in Chrome DevTools → Performance)
      if (process.env.BENCH_QUEUE_PROFILE_FILE)
        require('fs').writeFileSync(process.env.BENCH_QUEUE_PROFILE_FILE, JSON.stringify(profile));
      return summarize(profile);
    },
    /** Module on, and the accounts created through the accounts service (each verified against the sink). */
    async setup({ accounts }) {
      await plugin.service('settings').update({ enabled: true });
      const ids = [];
      for (const account of accounts)
        ids.push((await plugin.service('accounts').create(account)).id);
      return ids;
    },
    /** A batch of `n` mails (an async iterable), From cycling over `froms`; subjects `${tag} <i>`. */
    async enqueue({ n, froms, tag, newsletter = false }) {
      async function* mailing() {
        for (let i = 0; i < n; i += 1) {
          yield {
            from: froms[i % froms.length],
            to: `r${i}@example.test`,
            subject: `${tag} ${i}`,
            text: `Message ${i} of ${tag} from the smtp-accounts queue bench.`,
          };
        }
      }
      return queue().enqueue(mailing(), { campaign: tag, newsletter });
    },
    whenEnqueued: ({ batchId }) => queue().whenEnqueued(batchId),
    status: ({ batchId }) => queue().status(batchId),
    usage() {
      const top = [...queries.byKind.entries()].sort((a, b) => b[1] - a[1]);
      return {
        pid: process.pid,
        cpu: process.cpuUsage(),
        rss: process.memoryUsage().rss,
        heapUsed: process.memoryUsage().heapUsed,
        maxRss: process.resourceUsage().maxRSS * 1024,
        queue: queue().stats(),
        queries: { total: queries.total, byKind: top },
      };
    },
    resetQueries() {
      queries.total = 0;
      queries.byKind.clear();
      return null;
    },
    cancel: ({ batchId }) => queue().cancel(batchId),
    pause: ({ batchId }) => queue().pause(batchId),
    /** The retention job's clean-up of finished batches (older than `days`), timed. */
    async prune({ days }) {
      const started = Date.now();
      const batches = await queue().prune(days);
      return { batches, ms: Date.now() - started };
    },
    /** How many message rows the batch has now (the million bench's intake progress). */
    countRows: ({ batchId }) => strapi.db.query(QUEUED_MAIL_UID).count({ where: { batchId } }),
    /** The batch's message rows: [messageId, uncertain, state]. */
    async rows({ batchId }) {
      const rows = await strapi.db
        .query(QUEUED_MAIL_UID)
        .findMany({ where: { batchId }, select: ['messageId', 'uncertain', 'state'] });
      return rows.map((r) => [r.messageId, Boolean(r.uncertain), r.state]);
    },
    /** The batch's send-log entries: how many, and the Message-IDs of those marked uncertain. */
    async log({ batchId }) {
      const total = await strapi.db.query(SEND_LOG_UID).count({ where: { batchId } });
      const uncertain = await strapi.db
        .query(SEND_LOG_UID)
        .findMany({ where: { batchId, uncertain: true }, select: ['messageId'] });
      return { total, uncertain: uncertain.map((r) => r.messageId) };
    },
  };

  process.on('message', async (message) => {
    if (message.cmd === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
    const fn = commands[message.cmd];
    if (!fn)
      return process.send({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
    try {
      const result = await fn(message);
      process.send({ id: message.id, ok: true, result: result === undefined ? null : result });
    } catch (error) {
      process.send({ id: message.id, ok: false, error: (error && error.message) || String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true });
};

main().catch((error) => {
  console.error('[bench-queue child]', error && error.stack ? error.stack : error);
  process.exit(1);
});

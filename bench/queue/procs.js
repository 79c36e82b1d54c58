'use strict';
/**
 * Processes for the queue bench: Strapi children (bench/queue/child.js) driven over IPC, and what the
 * machine says about PostgreSQL and Redis (CPU from /proc, pg_stat_database, INFO cpu).
 */
const fs = require('fs');
const path = require('path');
const { fork } = require('child_process');

/** Starts one Strapi process with `env`; resolves once it has booted. Its output goes to `logFile`. */
const startChild = (env, { name, logFile }) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const out = fs.openSync(logFile, 'a');
    const child = fork(path.join(__dirname, 'child.js'), [], {
      env,
      stdio: ['ignore', out, out, 'ipc'],
    });
    fs.closeSync(out);
    let seq = 0;
    const waiting = new Map();
    let exited = null;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      for (const w of waiting.values())
        w({ ok: false, error: `${name} exited (code ${code}, signal ${signal})` });
      waiting.clear();
      reject(
        new Error(`${name} exited while booting (code ${code}, signal ${signal}); see ${logFile}`)
      );
    });
    child.on('message', (message) => {
      if (message && message.ready) {
        resolve({
          name,
          pid: child.pid,
          bootMs: Date.now() - started,
          get exited() {
            return exited;
          },
          ask(cmd, extra = {}) {
            if (exited) return Promise.resolve({ ok: false, error: `${name} is not running` });
            return new Promise((res) => {
              const id = ++seq;
              waiting.set(id, res);
              child.send({ cmd, id, ...extra });
            });
          },
          async call(cmd, extra = {}) {
            const reply = await this.ask(cmd, extra);
            if (!reply.ok) throw new Error(`${name} ${cmd}: ${reply.error}`);
            return reply.result;
          },
          kill() {
            if (!exited) child.kill('SIGKILL');
            return new Promise((res) => (exited ? res() : child.once('exit', () => res())));
          },
          async stop(timeoutMs = 20000) {
            if (exited) return;
            const gone = new Promise((res) => child.once('exit', res));
            const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
            try {
              child.send({ cmd: 'stop' });
            } catch {
              child.kill('SIGKILL');
            }
            await gone;
            clearTimeout(timer);
          },
        });
      } else if (message && message.id && waiting.has(message.id)) {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        w(message);
      }
    });
  });

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

/** CPU ms (user + system) of the processes whose command line matches `test`, by pid. */
const procCpu = (test) => {
  const out = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!test(cmdline)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // gone meanwhile
    }
  }
  return out;
};
/** CPU ms spent between two procCpu() samples (processes started in between count from 0; ended ones are lost). */
const cpuDelta = (before, after) => {
  let ms = 0;
  for (const [pid, v] of after) ms += v - (before.get(pid) || 0);
  return ms;
};

/** PostgreSQL's backends serving database `db` (their titles read "postgres: user db host(port) …"). */
const pgBackends = (db) => (cmdline) =>
  cmdline.startsWith('postgres: ') && cmdline.includes(` ${db} `);
/** PostgreSQL's own processes (WAL writer, checkpointer, …): the whole server, every database. */
const pgAux = (cmdline) =>
  cmdline.startsWith('postgres: ') &&
  !/ \d+\.\d+\.\d+\.\d+\(\d+\)/.test(cmdline) &&
  !cmdline.includes('[local]');

const pgClient = async (database = 'test') => {
  const { Client } = require('pg');
  const client = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  return client;
};

const pgStat = async (db) => {
  const client = await pgClient();
  try {
    const { rows } = await client.query(
      'SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, blks_hit, blks_read FROM pg_stat_database WHERE datname = $1',
      [db]
    );
    return Object.fromEntries(Object.entries(rows[0] || {}).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
};

const redisCpuMs = async (redis) => {
  const info = await redis.info('cpu');
  const get = (k) => Number((new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info) || [])[1] || 0);
  return (get('used_cpu_user') + get('used_cpu_sys')) * 1000;
};

module.exports = { startChild, procCpu, cpuDelta, pgBackends, pgAux, pgClient, pgStat, redisCpuMs };

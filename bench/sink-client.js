'use strict';
/** Starts bench/sink.js in a child process and talks to it over IPC. */
const { fork } = require('child_process');
const path = require('path');

const startSink = () =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'sink.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let nextId = 1;
    const pending = new Map();
    let exited = false;
    const onExit = (code, signal) => {
      exited = true;
      const error = new Error(`SMTP sink exited (code ${code}, signal ${signal})`);
      for (const { reject: rej } of pending.values()) rej(error);
      pending.clear();
      reject(error); // no-op once resolved
    };
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (msg) => {
      if (msg && msg.type === 'ready') {
        resolve({
          port: msg.port,
          pid: child.pid,
          stats() {
            if (exited) return Promise.reject(new Error('SMTP sink is not running'));
            const id = nextId++;
            return new Promise((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              child.send({ type: 'stats', id });
            });
          },
          /** Records every message received from now on (time, user, Message-ID) in `file` (bench/queue). */
          record(file) {
            if (!exited) child.send({ type: 'record', file });
          },
          /** Stops recording; resolves once the file is complete. */
          flush() {
            if (exited) return Promise.reject(new Error('SMTP sink is not running'));
            const id = nextId++;
            return new Promise((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              child.send({ type: 'flush', id });
            });
          },
          resetPeak() {
            if (!exited) child.send({ type: 'resetPeak' });
          },
          stop() {
            if (exited) return Promise.resolve();
            return new Promise((res) => {
              const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
              child.once('exit', () => {
                clearTimeout(timer);
                res();
              });
              try {
                child.send({ type: 'stop' });
              } catch {
                child.kill('SIGKILL');
              }
            });
          },
          kill() {
            if (!exited) child.kill('SIGKILL');
          },
        });
      } else if (msg && (msg.type === 'stats' || msg.type === 'flushed')) {
        const waiter = pending.get(msg.id);
        pending.delete(msg.id);
        if (waiter) waiter.resolve(msg);
      }
    });
  });

module.exports = { startSink };

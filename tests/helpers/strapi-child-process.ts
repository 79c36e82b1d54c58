import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildReply<T = unknown> {
  ok: boolean;
  result?: T;
  error?: string;
  details?: unknown;
}

/**
 * Another Strapi process on the playground (tests/helpers/strapi-child.js), booted with `env` (by default
 * this process's: the same database and keys), driven over IPC: `ask('send', { options })` and the other
 * commands of strapi-child.js. `output` holds what it printed when `captureOutput` is set (else it goes to
 * this process's stderr).
 */
export const startStrapiChild = async (
  env: NodeJS.ProcessEnv = { ...process.env },
  { captureOutput = false } = {}
) => {
  const started = Date.now();
  const child: ChildProcess = fork(path.join(__dirname, 'strapi-child.js'), [], {
    env,
    stdio: captureOutput
      ? ['ignore', 'pipe', 'pipe', 'ipc']
      : ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let seq = 0;
  const waiting = new Map<number, (reply: ChildReply) => void>();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the second Strapi exited with ${code}${output ? `:\n${output}` : ''}`))
    );
    child.on('message', (message: ChildReply & { ready?: boolean; id?: number }) => {
      if (message.ready) resolve();
      if (message.id) waiting.get(message.id)?.(message);
    });
  });
  child.removeAllListeners('exit');

  return {
    bootMs: Date.now() - started,
    output: () => output,
    /** Runs a command of strapi-child.js there; the reply says ok or carries the error message. */
    ask<T = unknown>(cmd: string, extra: Record<string, unknown> = {}) {
      return new Promise<ChildReply<T>>((resolve) => {
        const id = ++seq;
        waiting.set(id, resolve as (reply: ChildReply) => void);
        child.send({ cmd, id, ...extra });
      });
    },
    /** The command's result, or its error thrown. */
    async call<T = unknown>(cmd: string, extra: Record<string, unknown> = {}) {
      const reply = await this.ask<T>(cmd, extra);
      if (!reply.ok) throw new Error(reply.error);
      return reply.result as T;
    },
    /** SIGKILL: the process dies mid-work, as a crashed machine does (nothing is flushed or released). */
    async kill() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    /** A graceful stop (strapi.destroy), as a deploy does. */
    async stop() {
      if (!child.connected || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'stop' });
      await exited;
    },
  };
};

export type StrapiChild = Awaited<ReturnType<typeof startStrapiChild>>;

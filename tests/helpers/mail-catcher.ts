import { spawn } from 'node:child_process';
import path from 'node:path';
import { PLAYGROUND } from './strapi';

/** One message as the catcher's /messages.json lists it. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  /** The SMTP username the sender authenticated as: the account, or `stock-provider`. */
  authenticatedAs: string | null;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  subject: string;
  raw: string;
}

export interface MailCatcher {
  smtpPort: number;
  /** Its web page, e.g. `http://127.0.0.1:40123`. */
  url: string;
  messages(): Promise<CaughtMail[]>;
  /** The first message `match` accepts, once it has arrived (at most `timeoutMs`). */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

const READY = /SMTP on 127\.0\.0\.1:(\d+), messages at (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * The playground's own catcher script (playground/scripts/mail-catcher.js) as a child process, on free
 * ports (port 0: it prints the ports it took). `env` adds to its environment (PUBLIC_URL …).
 */
export const startMailCatcher = async (env: Record<string, string> = {}): Promise<MailCatcher> => {
  const child = spawn(process.execPath, [path.join(PLAYGROUND, 'scripts', 'mail-catcher.js')], {
    env: { ...process.env, MAIL_CATCHER_SMTP_PORT: '0', MAIL_CATCHER_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [smtpPort, url] = await new Promise<[number, string]>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(READY);
      if (ready) resolve([Number(ready[1]), ready[2]]);
    });
    child.once('exit', (code) => reject(new Error(`the mail catcher exited (${code}): ${output}`)));
  });

  const messages = async () => (await (await fetch(`${url}/messages.json`)).json()) as CaughtMail[];
  return {
    smtpPort,
    url,
    messages,
    async waitFor(match, timeoutMs = 10000) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
        const found = (await messages()).find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no such message in the mail catcher after ${timeoutMs} ms`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};

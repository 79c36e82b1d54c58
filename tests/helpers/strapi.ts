import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { createScratchDatabase } from './database';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshStrapiSecrets, QUIET_STRAPI } = require('../../scripts/strapi-secrets') as {
  freshStrapiSecrets: () => Record<string, string>;
  QUIET_STRAPI: Record<string, string>;
};

export const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');

export interface TestApp {
  strapi: Core.Strapi;
  url: string;
  /** Every line Strapi logged while the app ran (to prove no secret leaks into logs). */
  logs: string[];
  stop(): Promise<void>;
  /** Stops Strapi (gracefully, as a deploy does) and boots a new one on the same database; `strapi` and `url` change. */
  restart(env?: Record<string, string | undefined>): Promise<void>;
}

/**
 * Boots the playground app for real, on a temporary SQLite file — or a fresh database on the
 * machine's PostgreSQL/MariaDB when DATABASE_CLIENT=postgres|mysql — listening on 127.0.0.1 port 0.
 * `env` adds or overrides environment variables.
 */
export const startStrapi = async (
  env: Record<string, string | undefined> = {}
): Promise<TestApp> => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-test-'));
  const database = await createScratchDatabase(
    env.DATABASE_CLIENT ?? process.env.DATABASE_CLIENT ?? 'sqlite'
  );
  Object.assign(process.env, {
    NODE_ENV: 'test',
    ...freshStrapiSecrets(),
    ...QUIET_STRAPI,
    DATABASE_FILENAME: path.join(tmp, 'data.db'),
    // the domain check asks no real DNS in the tests: a closed local port (a test that checks DNS runs its own server)
    SMTP_ACCOUNTS_DNS_SERVERS: '127.0.0.1:9',
    ...database.env,
    ...env,
  });
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];

  const logs: string[] = [];
  const boot = async () => {
    const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
    await strapi.load();
    for (const level of ['error', 'warn', 'info', 'debug'] as const) {
      const original = strapi.log[level].bind(strapi.log);
      (strapi.log as unknown as Record<string, unknown>)[level] = (...args: unknown[]) => {
        logs.push(args.map(String).join(' '));
        return (original as (...a: unknown[]) => unknown)(...args);
      };
    }
    strapi.server.mount();
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = strapi.server.httpServer.address() as AddressInfo;
    return { strapi, url: `http://127.0.0.1:${port}` };
  };

  const app: TestApp = {
    ...(await boot()),
    logs,
    async stop() {
      await app.strapi.destroy();
      await database.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
    async restart(env: Record<string, string | undefined> = {}) {
      await app.strapi.destroy();
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      Object.assign(app, await boot());
    },
  };
  return app;
};

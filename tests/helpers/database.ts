import crypto from 'node:crypto';

/**
 * A fresh database per test file on the machine's PostgreSQL or MariaDB (DATABASE_CLIENT=postgres|mysql),
 * so test files can run in parallel; dropped afterwards. SQLite needs nothing here (a temp file).
 */
export interface ScratchDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const HOST = process.env.DATABASE_HOST ?? '127.0.0.1';

export const createScratchDatabase = async (client: string): Promise<ScratchDatabase> => {
  const name = `smtp_test_${crypto.randomBytes(5).toString('hex')}`;
  if (client === 'postgres') {
    const { Client } = await import('pg');
    const admin = async (sql: string) => {
      const connection = new Client({ host: HOST, port: 5432, user: 'postgres', database: 'test' });
      await connection.connect().catch((error: Error) => {
        throw new Error(`PostgreSQL is not reachable at ${HOST}:5432 (${error.message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
      });
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name, DATABASE_USERNAME: 'postgres', DATABASE_PORT: '5432' },
      drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  if (client === 'mysql') {
    const mysql = await import('mysql2/promise');
    const admin = async (sql: string) => {
      const connection = await mysql.createConnection({ host: HOST, port: 3306, user: 'root', password: '' }).catch((error: Error) => {
        throw new Error(`MariaDB is not reachable at ${HOST}:3306 (${error.message}); start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`);
      });
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    };
    await admin(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return {
      env: { DATABASE_CLIENT: 'mysql', DATABASE_NAME: name, DATABASE_USERNAME: 'root', DATABASE_PORT: '3306' },
      drop: () => admin(`DROP DATABASE IF EXISTS ${name}`),
    };
  }
  return { env: {}, drop: async () => undefined };
};

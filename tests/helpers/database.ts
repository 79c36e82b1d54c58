import crypto from 'node:crypto';

/**
 * A fresh database per test file on PostgreSQL or MariaDB (DATABASE_CLIENT=postgres|mysql), so test
 * files can run in parallel; dropped afterwards. SQLite needs nothing here (a temp file). The servers:
 * 127.0.0.1:5432 and :3306, or the ports in TEST_POSTGRES_PORT / TEST_MYSQL_PORT (npm test sets the
 * first when it runs an embedded PostgreSQL).
 */
export interface ScratchDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const HOST = process.env.DATABASE_HOST ?? '127.0.0.1';
const POSTGRES_PORT = Number(process.env.TEST_POSTGRES_PORT || 5432);
const MYSQL_PORT = Number(process.env.TEST_MYSQL_PORT || 3306);

export const createScratchDatabase = async (client: string): Promise<ScratchDatabase> => {
  const name = `smtp_test_${crypto.randomBytes(5).toString('hex')}`;
  if (client === 'postgres') {
    const { Client } = await import('pg');
    const admin = async (sql: string) => {
      const connection = new Client({
        host: HOST,
        port: POSTGRES_PORT,
        user: 'postgres',
        database: 'test',
      });
      await connection.connect().catch((error: Error) => {
        throw new Error(
          `PostgreSQL is not reachable at ${HOST}:${POSTGRES_PORT} (${error.message}); npm test uses the one on 5432 or starts an embedded one`
        );
      });
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    return {
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_NAME: name,
        DATABASE_USERNAME: 'postgres',
        DATABASE_PORT: String(POSTGRES_PORT),
      },
      drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  if (client === 'mysql') {
    const mysql = await import('mysql2/promise');
    const admin = async (sql: string) => {
      const connection = await mysql
        .createConnection({ host: HOST, port: MYSQL_PORT, user: 'root', password: '' })
        .catch((error: Error) => {
          throw new Error(
            `MariaDB is not reachable at ${HOST}:${MYSQL_PORT} (${error.message}); npm test skips the MariaDB pass when it is not running`
          );
        });
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    };
    await admin(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return {
      env: {
        DATABASE_CLIENT: 'mysql',
        DATABASE_NAME: name,
        DATABASE_USERNAME: 'root',
        DATABASE_PORT: String(MYSQL_PORT),
      },
      drop: () => admin(`DROP DATABASE IF EXISTS ${name}`),
    };
  }
  return { env: {}, drop: async () => undefined };
};

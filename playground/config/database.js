const path = require('path');

/** SQLite by default; DATABASE_CLIENT=postgres|mysql points the same app at the machine's servers. */
module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const server = (port, user) => ({
    host: env('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', port),
    database: env('DATABASE_NAME', 'test'),
    user: env('DATABASE_USERNAME', user),
    password: env('DATABASE_PASSWORD', ''),
  });
  const connections = {
    sqlite: {
      connection: {
        filename: path.resolve(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
    postgres: {
      connection: { ...server(5432, 'postgres'), schema: env('DATABASE_SCHEMA', 'public') },
      pool: { min: 0, max: 5 },
    },
    mysql: { connection: server(3306, 'root'), pool: { min: 0, max: 5 } },
  };
  return { connection: { client, ...connections[client], acquireConnectionTimeout: 60000 } };
};

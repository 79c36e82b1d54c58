/**
 * Makes playground/.env on first run, with fresh secrets (git-ignored; nothing secret is committed),
 * and returns its values.
 */
const fs = require('fs');
const path = require('path');
const { freshStrapiSecrets } = require('./strapi-secrets');

const ENV_FILE = path.resolve(__dirname, '..', 'playground', '.env');

const ensurePlaygroundEnv = () => {
  if (!fs.existsSync(ENV_FILE)) {
    const values = {
      HOST: '127.0.0.1',
      PORT: '1337',
      ...freshStrapiSecrets(),
    };
    fs.writeFileSync(
      ENV_FILE,
      Object.entries(values)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
      { mode: 0o600 }
    );
    console.log(
      `[playground] generated ${path.relative(process.cwd(), ENV_FILE)} with fresh secrets`
    );
  }
  return Object.fromEntries(
    fs
      .readFileSync(ENV_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  );
};

module.exports = { ensurePlaygroundEnv };

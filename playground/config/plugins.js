const fs = require('fs');
const path = require('path');

module.exports = ({ env }) => ({
  // The stock provider: mail that matches no SMTP account (fallback "provider") goes here,
  // and all mail while the module is switched off. In the playground it is the local mail catcher.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('STOCK_SMTP_HOST', '127.0.0.1'),
        port: env.int('STOCK_SMTP_PORT', 1025),
        secure: false,
        ignoreTLS: true,
        auth: { user: 'stock-provider', pass: 'stock-provider' },
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 20000,
      },
      settings: {
        defaultFrom: env('EMAIL_DEFAULT_FROM', 'Playground <no-reply@playground.test>'),
        defaultReplyTo: env('EMAIL_DEFAULT_REPLY_TO', 'support@playground.test'),
      },
    },
  },
  // a real client of Strapi's email service that cannot pass the newsletter flag (issue 19's test enables it)
  ...(env.bool('PLAYGROUND_EMAIL_DESIGNER', false)
    ? {
        'email-designer-5': {
          enabled: true,
          resolve: path.dirname(require.resolve('strapi-plugin-email-designer-5/package.json')),
        },
      }
    : {}),
  'smtp-accounts': {
    enabled: true,
    // the plugin is this repository (built into dist/ by `npm run build`)
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      settings: { enabled: env.bool('SMTP_ACCOUNTS_ENABLED', true) },
      timeouts: {
        connectionMs: env.int('SMTP_ACCOUNTS_CONNECTION_TIMEOUT_MS', 5000),
        greetingMs: env.int('SMTP_ACCOUNTS_GREETING_TIMEOUT_MS', 5000),
        socketMs: env.int('SMTP_ACCOUNTS_SOCKET_TIMEOUT_MS', 30000),
        sendMs: env.int('SMTP_ACCOUNTS_SEND_TIMEOUT_MS', 60000),
      },
      sync: { intervalMs: env.int('SMTP_ACCOUNTS_SYNC_INTERVAL_MS', 2000) },
      // OAuth2: the tests use short-lived tokens, so they refresh closer to expiry
      oauth: {
        refreshMarginMs: env.int('SMTP_ACCOUNTS_OAUTH_REFRESH_MARGIN_MS', 120000),
        lockMs: env.int('SMTP_ACCOUNTS_OAUTH_LOCK_MS', 30000),
        timeoutMs: env.int('SMTP_ACCOUNTS_OAUTH_TIMEOUT_MS', 10000),
        stateTtlMs: 10 * 60 * 1000,
      },
      // the domain check's DNS (tests run a local DNS server; empty: the system's resolver)
      dns: {
        servers: env('SMTP_ACCOUNTS_DNS_SERVERS') ? env.array('SMTP_ACCOUNTS_DNS_SERVERS') : [],
        timeoutMs: env.int('SMTP_ACCOUNTS_DNS_TIMEOUT_MS', 3000),
      },
      // one-click unsubscribe links point here (empty: server.url)
      unsubscribe: {
        baseUrl: env('SMTP_ACCOUNTS_UNSUBSCRIBE_BASE_URL', ''),
        mailto: env('SMTP_ACCOUNTS_UNSUBSCRIBE_MAILTO', ''),
      },
      // the campaign queue: in the database unless SMTP_ACCOUNTS_QUEUE_REDIS names a Redis (BullMQ)
      queue: {
        redis: env('SMTP_ACCOUNTS_QUEUE_REDIS', '') || null,
        worker: env.bool('SMTP_ACCOUNTS_QUEUE_WORKER', true),
        concurrency: env.int('SMTP_ACCOUNTS_QUEUE_CONCURRENCY', 16),
        pollMs: env.int('SMTP_ACCOUNTS_QUEUE_POLL_MS', 1000),
        leaseMs: env.int('SMTP_ACCOUNTS_QUEUE_LEASE_MS', 60000),
        retryDelaysMs: env('SMTP_ACCOUNTS_QUEUE_RETRY_DELAYS_MS')
          ? env.array('SMTP_ACCOUNTS_QUEUE_RETRY_DELAYS_MS').map(Number)
          : null,
      },
      // a private CA for SMTP servers with self-signed certificates (the tests make one)
      tls: env('SMTP_ACCOUNTS_TLS_CA_FILE')
        ? { ca: fs.readFileSync(env('SMTP_ACCOUNTS_TLS_CA_FILE')) }
        : {},
    },
  },
});

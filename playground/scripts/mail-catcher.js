/**
 * A local mail catcher for the playground: an SMTP server on 127.0.0.1 that accepts any login,
 * keeps every message in memory and shows them on a small page, with the username the sender
 * authenticated as — so you can see which SMTP account sent which mail.
 *
 *   SMTP  127.0.0.1:${MAIL_CATCHER_SMTP_PORT:-1025}   (point your SMTP accounts here, security "none")
 *   Web   http://127.0.0.1:${MAIL_CATCHER_HTTP_PORT:-1080}   (JSON at /messages.json)
 *
 * Port 0 takes a free port; the line printed once both listen names the ports (the tests read it).
 */
const http = require('http');
const { SMTPServer } = require('smtp-server');

const SMTP_PORT = Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025);
const HTTP_PORT = Number(process.env.MAIL_CATCHER_HTTP_PORT || 1080);
const KEEP = 200;
/** The SMTP port bound (differs from SMTP_PORT when that is 0). */
let smtpPort = SMTP_PORT;
/** The playground's admin, for the link from each mail to the account that sent it. */
const ADMIN_URL =
  process.env.PUBLIC_URL || `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 1337}`;
/** The username of Strapi's stock provider in the playground (config/plugins.js): it is no account. */
const STOCK_PROVIDER_USER = 'stock-provider';
const link = (href, title, text) =>
  `<a href="${escapeHtml(href)}" title="${escapeHtml(title)}">${escapeHtml(text)}</a>`;
/**
 * An account's mail links to the accounts list searched by the SMTP username it was sent with (the list
 * searches usernames); the stock provider's to the send log filtered on what it took by fallback.
 */
const accountLink = (user) => {
  if (!user) return '(no auth: a login-less account, or a stock provider without one)';
  if (user === STOCK_PROVIDER_USER)
    return link(
      `${ADMIN_URL}/admin/plugins/smtp-accounts/log?status=fallback`,
      'The send log, filtered on the mails the stock provider took by fallback (no account matched their From). Mail sent while the module is off is not logged.',
      user
    );
  return link(
    `${ADMIN_URL}/admin/plugins/smtp-accounts?_q=${encodeURIComponent(user)}`,
    'Open this account in the admin',
    user
  );
};
const messages = [];

const header = (raw, name) => {
  const match = raw.match(new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
};

const smtp = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  banner: 'smtp-accounts playground mail catcher',
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const message = {
        id: messages.length ? messages[0].id + 1 : 1,
        receivedAt: new Date().toISOString(),
        authenticatedAs: session.user || null,
        envelopeFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        from: header(raw, 'From'),
        subject: header(raw, 'Subject'),
        raw,
      };
      messages.unshift(message);
      messages.length = Math.min(messages.length, KEEP);
      console.log(
        `[mail-catcher] #${message.id} account=${message.authenticatedAs ?? '(none)'} from=${message.from} to=${message.envelopeTo.join(', ')} subject=${message.subject}`
      );
      callback();
    });
  },
});
smtp.on('error', (error) => console.error('[mail-catcher] SMTP error:', error.message));

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]
  );

const page = () => `<!doctype html><meta charset="utf-8"><title>Mail catcher</title>
<style>body{font-family:system-ui;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;max-height:12rem;overflow:auto;background:#f6f6f9;margin:0}</style>
<h1>Mail catcher</h1><p>${messages.length} message(s). SMTP on 127.0.0.1:${smtpPort}. <a href="/messages.json">JSON</a></p>
<table><tr><th>#</th><th>received</th><th>account (auth user)</th><th>From</th><th>To</th><th>Subject</th><th>source</th></tr>
${messages.map((m) => `<tr><td>${m.id}</td><td>${escapeHtml(m.receivedAt)}</td><td>${accountLink(m.authenticatedAs)}</td><td>${escapeHtml(m.from)}</td><td>${escapeHtml(m.envelopeTo.join(', '))}</td><td>${escapeHtml(m.subject)}</td><td><details><summary>raw</summary><pre>${escapeHtml(m.raw)}</pre></details></td></tr>`).join('')}
</table>`;

const web = http.createServer((req, res) => {
  if (req.url === '/messages.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(messages));
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page());
});

smtp.listen(SMTP_PORT, '127.0.0.1', () => {
  smtpPort = smtp.server.address().port;
  web.listen(HTTP_PORT, '127.0.0.1', () => {
    console.log(
      `[mail-catcher] SMTP on 127.0.0.1:${smtpPort}, messages at http://127.0.0.1:${web.address().port}`
    );
  });
});

const stop = () => {
  smtp.close(() => process.exit(0));
  web.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

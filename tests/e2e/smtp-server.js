'use strict';
/** A real smtp-server on 127.0.0.1 port 0 for the e2e run (a JS port of tests/helpers/smtp-server.ts). */
const { SMTPServer } = require('smtp-server');

const header = (raw, name) => {
  const match = raw.match(new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
};

/**
 * @param {{ users?: Record<string, string>, xoauth2?: (user: string, token: string) => boolean }} options
 *   users: username → password; xoauth2: accepts an XOAUTH2 login when it says the token is valid. AUTH is required.
 */
const startSmtpServer = async ({ users = {}, xoauth2 }) => {
  const received = [];
  const auths = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    allowInsecureAuth: true,
    authMethods: xoauth2 ? ['XOAUTH2'] : ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        const ok = Boolean(xoauth2 && xoauth2(auth.username || '', auth.accessToken || ''));
        auths.push({ user: auth.username || '', method: auth.method, ok });
        if (!ok)
          return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'smtp' } });
        return callback(null, { user: auth.username });
      }
      const expected = users[auth.username || ''];
      const ok =
        expected !== undefined &&
        (auth.method === 'CRAM-MD5'
          ? Boolean(auth.validatePassword(expected))
          : auth.password === expected);
      auths.push({ user: auth.username || '', method: auth.method, ok });
      if (!ok)
        return callback(
          Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
            responseCode: 535,
          })
        );
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          user: session.user || null,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          from: header(raw, 'From'),
          subject: header(raw, 'Subject'),
          messageId: header(raw, 'Message-ID'),
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    received,
    auths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

module.exports = { startSmtpServer };

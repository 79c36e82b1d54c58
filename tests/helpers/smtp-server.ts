import net from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import type { TestCertificate } from './certificate';

export interface ReceivedMail {
  /** The username the client authenticated as: tells which account sent the mail. */
  user: string | null;
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  /** The From header as received. */
  from: string;
  subject: string;
}

export interface TestSmtpServerOptions {
  /** username → password (or several accepted passwords); when set, AUTH is required and checked. */
  users?: Record<string, string | string[]>;
  /** XOAUTH2: accepts a login when this says the access token is valid for the user (ask the OAuth server). */
  xoauth2?: (user: string, token: string) => boolean;
  /** A careless server: its 535 reply quotes the password it got, plain and as the AUTH PLAIN token. */
  echoSecrets?: boolean;
  /** 'plain': no TLS; 'starttls': offers STARTTLS; 'ssl': implicit TLS on connect. */
  tls?: 'plain' | 'starttls' | 'ssl';
  certificate?: TestCertificate;
  /** MAIL FROM addresses the server refuses with 550. */
  rejectSenders?: string[];
  /** RCPT TO addresses the server refuses with 550. */
  rejectRecipients?: string[];
  authMethods?: string[];
  /** Keep only user, envelope and headers of each mail (load tests). */
  light?: boolean;
  /** Answer AUTH only this many ms later (a slow server: a save's check takes that long). */
  authDelayMs?: number;
  /** Answer each message only this many ms after its data ended (a slow server: mail queues up in the pool). */
  dataDelayMs?: number;
  /** A failure the server answers every session with. */
  fault?: 'greeting-421' | 'mail-550' | 'rcpt-451' | 'data-554';
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  auths: { user: string; method: string; ok: boolean }[];
  /** The password of each AUTH in `auths` (to prove where a password went; '' for CRAM-MD5). */
  authPasswords: string[];
  mailFroms: string[];
  close(): Promise<void>;
}

const header = (raw: string, name: string) => {
  const match = raw.match(new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
};

/** A real smtp-server on 127.0.0.1, port 0, recording who authenticated, MAIL FROMs and messages. */
export const startSmtpServer = async (
  options: TestSmtpServerOptions = {}
): Promise<TestSmtpServer> => {
  const received: ReceivedMail[] = [];
  const auths: TestSmtpServer['auths'] = [];
  const authPasswords: string[] = [];
  const passwordOf = new Map<string, string>();
  const mailFroms: string[] = [];
  const tls = options.tls ?? 'plain';
  const users = options.users;

  const config: SMTPServerOptions = {
    secure: tls === 'ssl',
    disabledCommands: [
      ...(tls === 'plain' ? ['STARTTLS'] : []),
      ...(users || options.xoauth2 ? [] : ['AUTH']),
    ],
    ...(tls !== 'plain' && options.certificate
      ? { key: options.certificate.key, cert: options.certificate.cert }
      : {}),
    authOptional: !users && !options.xoauth2,
    allowInsecureAuth: true,
    authMethods:
      options.authMethods ?? (options.xoauth2 ? ['XOAUTH2'] : ['PLAIN', 'LOGIN', 'CRAM-MD5']),
    logger: false,
    onConnect(_session, callback) {
      if (options.fault === 'greeting-421') {
        return callback(
          Object.assign(new Error('4.3.2 Too many connections, try again later'), {
            responseCode: 421,
          })
        );
      }
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        const ok = Boolean(options.xoauth2?.(auth.username ?? '', auth.accessToken ?? ''));
        auths.push({ user: auth.username ?? '', method: auth.method, ok });
        authPasswords.push(auth.accessToken ?? '');
        passwordOf.set(_session.id, auth.accessToken ?? '');
        if (!ok)
          return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'smtp' } });
        return callback(null, { user: auth.username });
      }
      const accepted = ([] as string[]).concat(users?.[auth.username ?? ''] ?? []);
      const ok = accepted.some((expected) =>
        auth.method === 'CRAM-MD5'
          ? Boolean(auth.validatePassword?.(expected))
          : auth.password === expected
      );
      auths.push({ user: auth.username ?? '', method: auth.method, ok });
      authPasswords.push(auth.password ?? '');
      passwordOf.set(_session.id, auth.password ?? '');
      if (options.authDelayMs) {
        const answer = ok
          ? () => callback(null, { user: auth.username })
          : () =>
              callback(
                Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
                  responseCode: 535,
                })
              );
        setTimeout(answer, options.authDelayMs);
        return;
      }
      if (!ok && options.echoSecrets) {
        const token = Buffer.from(`\u0000${auth.username}\u0000${auth.password}`).toString(
          'base64'
        );
        return callback(
          Object.assign(
            new Error(`5.7.8 Bad credentials for ${auth.username}: "${auth.password}" (${token})`),
            { responseCode: 535 }
          )
        );
      }
      if (!ok)
        return callback(
          Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
            responseCode: 535,
          })
        );
      callback(null, { user: auth.username });
    },
    onMailFrom(address, _session, callback) {
      mailFroms.push(address.address);
      if (options.fault === 'mail-550') {
        return callback(
          Object.assign(new Error('5.7.1 Sender rejected by policy'), { responseCode: 550 })
        );
      }
      if (options.rejectSenders?.some((s) => s.toLowerCase() === address.address.toLowerCase())) {
        return callback(
          Object.assign(new Error(`5.7.1 Sender <${address.address}> not owned by user`), {
            responseCode: 550,
          })
        );
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.fault === 'rcpt-451') {
        return callback(
          Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 })
        );
      }
      if (
        options.rejectRecipients?.some((r) => r.toLowerCase() === address.address.toLowerCase())
      ) {
        return callback(
          Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), {
            responseCode: 550,
          })
        );
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.fault === 'data-554') {
          return callback(
            Object.assign(new Error('5.7.1 Message content rejected as spam'), {
              responseCode: 554,
            })
          );
        }
        const whole = Buffer.concat(chunks).toString('utf8');
        const raw = options.light ? whole.slice(0, whole.indexOf('\r\n\r\n') + 1) : whole;
        received.push({
          user: (session.user as string | undefined) ?? null,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          from: header(raw, 'From'),
          subject: header(raw, 'Subject'),
        });
        // a careless server quotes back what it got in its 250 too
        const reply = options.echoSecrets
          ? `queued; you logged in with ${passwordOf.get(session.id)}`
          : undefined;
        if (options.dataDelayMs) setTimeout(() => callback(null, reply), options.dataDelayMs);
        else callback(null, reply);
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => undefined); // client-side failures (bad TLS etc.) are what some tests provoke
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    auths,
    authPasswords,
    mailFroms,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A TCP server that accepts connections and never says anything (a hung SMTP server). */
export const startSilentServer = async () => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
};

/** A port on 127.0.0.1 with nothing listening: bind, read the port, close. */
export const refusedPort = async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/**
 * A scripted SMTP server that accepts the session and the start of DATA, then drops the connection
 * in the middle of the message (no reply to it): the client cannot know whether it was taken.
 */
export const startDropMidDataServer = async () => {
  let dataStarts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let inData = false;
    let buffer = '';
    socket.write('220 drop.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      if (inData) {
        socket.destroy();
        return;
      }
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') socket.write('250-drop.test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (verb === 'AUTH') socket.write('235 2.7.0 Accepted\r\n');
        else if (verb === 'DATA') {
          dataStarts += 1;
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    dataStarts: () => dataStarts,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
};

/**
 * A server that never stops answering but never finishes an answer: after its greeting it drips the reply
 * to EHLO (`at: 'ehlo'`), or accepts the whole session and drips the reply to the message (`at: 'data'`),
 * one character every 100 ms, forever. No socket timeout notices it: only an overall deadline does.
 */
export const startTricklingServer = async ({ at }: { at: 'ehlo' | 'data' }) => {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  const drip = (socket: net.Socket, head: string) => {
    socket.write(head);
    const timer = setInterval(
      () => (socket.destroyed ? clearInterval(timer) : socket.write('x')),
      100
    );
    timers.add(timer);
    socket.on('close', () => clearInterval(timer));
  };
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let inData = false;
    let buffer = '';
    socket.write('220 trickle.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (inData) {
        if (buffer.includes('\r\n.\r\n')) drip(socket, '250 ');
        return;
      }
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO' && at === 'ehlo') return drip(socket, '250-trickle.test ');
        if (verb === 'EHLO') socket.write('250-trickle.test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (verb === 'AUTH') socket.write('235 2.7.0 Accepted\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach((t) => clearInterval(t));
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
};

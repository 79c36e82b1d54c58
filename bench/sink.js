'use strict';
/**
 * A minimal, fast SMTP sink for the benchmark, run as a child process (child_process.fork).
 *
 * Why hand-written: smtp-server 3.21.6 waits a fixed 100 ms before its greeting
 * ("Keep a small delay for detecting early talkers", dist/cjs/smtp-connection.js, init():
 * `setTimeout(() => this.connectionReady(), 100)`), with no option to turn it off. That delay
 * would dominate every non-pooled send and hide the real cost of the code under test.
 *
 * Speaks just enough SMTP for nodemailer: greeting, EHLO/HELO (advertises AUTH PLAIN LOGIN and
 * 8BITMIME, no STARTTLS), AUTH PLAIN (inline or on the next line), AUTH LOGIN, MAIL, RCPT, DATA
 * (354, then 250 after CRLF.CRLF), RSET, NOOP, QUIT. Every AUTH is accepted.
 *
 * Counts: connections opened, currently open, peak open, messages received (per authenticated
 * user too), AUTHs. The parent asks with IPC { type: 'stats', id } and gets { type: 'stats', id, ... };
 * { type: 'resetPeak' } sets the peak to the current number of open connections.
 * Listens on 127.0.0.1 only, on a free port, and reports { type: 'ready', port }.
 *
 * Recording (the queue bench, bench/queue/): after { type: 'record', file } every message received is
 * appended to `file` as a line `<ms since epoch>\t<user>\t<Message-ID without <>>`; { type: 'flush', id }
 * closes that file and answers { type: 'flushed', id }. Off by default (the send bench does not pay for it).
 */
const fs = require('fs');
const net = require('net');

let recorder = null; // a write stream while recording
const MESSAGE_ID = /^message-id:[ \t]*<?([^>\r\n]*)>?/im;
const recordMessage = (user, content) => {
  const head = content.indexOf('\r\n\r\n');
  const match = MESSAGE_ID.exec(head === -1 ? content : content.slice(0, head));
  recorder.write(`${Date.now()}\t${user}\t${match ? match[1].trim() : '-'}\n`);
};

const stats = {
  connections: 0,
  open: 0,
  peakOpen: 0,
  messages: 0,
  auths: 0,
  bytes: 0,
  byUser: {},
  unknownCommands: 0,
};

const b64 = (s) => Buffer.from(s, 'base64').toString('utf8');
const plainUser = (payload) => {
  // authzid \0 authcid \0 passwd
  const parts = b64(payload).split('\u0000');
  return parts.length >= 3 ? parts[1] : '?';
};

const server = net.createServer((socket) => {
  stats.connections += 1;
  stats.open += 1;
  if (stats.open > stats.peakOpen) stats.peakOpen = stats.open;
  socket.setNoDelay(true);

  let buffer = '';
  let mode = 'command'; // command | data | auth-plain | auth-login-user | auth-login-pass
  let user = '(none)';
  let loginUser = '';
  let closed = false;
  let dataStart = false; // nothing of the message read yet (an empty message is just ".\r\n")
  let content = ''; // the message so far, only while recording

  const reply = (text) => {
    if (!closed) socket.write(text + '\r\n');
  };

  const onLine = (line) => {
    if (mode === 'auth-plain') {
      mode = 'command';
      user = plainUser(line.trim());
      stats.auths += 1;
      return reply('235 2.7.0 Authentication successful');
    }
    if (mode === 'auth-login-user') {
      loginUser = b64(line.trim());
      mode = 'auth-login-pass';
      return reply('334 UGFzc3dvcmQ6');
    }
    if (mode === 'auth-login-pass') {
      mode = 'command';
      user = loginUser;
      stats.auths += 1;
      return reply('235 2.7.0 Authentication successful');
    }
    const space = line.indexOf(' ');
    const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const rest = space === -1 ? '' : line.slice(space + 1).trim();
    switch (verb) {
      case 'EHLO':
        return reply(
          '250-127.0.0.1 bench sink\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8'
        );
      case 'HELO':
        return reply('250 127.0.0.1 bench sink');
      case 'AUTH': {
        const [method, initial] = rest.split(/\s+/);
        const m = (method || '').toUpperCase();
        if (m === 'PLAIN') {
          if (initial) {
            user = plainUser(initial);
            stats.auths += 1;
            return reply('235 2.7.0 Authentication successful');
          }
          mode = 'auth-plain';
          return reply('334 ');
        }
        if (m === 'LOGIN') {
          if (initial) {
            loginUser = b64(initial);
            mode = 'auth-login-pass';
            return reply('334 UGFzc3dvcmQ6');
          }
          mode = 'auth-login-user';
          return reply('334 VXNlcm5hbWU6');
        }
        return reply('504 5.5.4 Unrecognized authentication type');
      }
      case 'MAIL':
      case 'RCPT':
      case 'RSET':
      case 'NOOP':
        return reply('250 2.0.0 OK');
      case 'DATA':
        mode = 'data';
        dataStart = true;
        return reply('354 End data with <CR><LF>.<CR><LF>');
      case 'QUIT':
        reply('221 2.0.0 Bye');
        closed = true;
        return socket.end();
      default:
        stats.unknownCommands += 1;
        return reply('502 5.5.2 Command not implemented');
    }
  };

  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    while (buffer.length) {
      if (mode === 'data') {
        // the terminator; the leading CRLF may be the one that ended the DATA line, so look for
        // ".\r\n" at the very start as well
        let end = dataStart && buffer.startsWith('.\r\n') ? 0 : -1;
        if (buffer.length >= 3) dataStart = false;
        let skip = 3;
        if (end === -1) {
          const at = buffer.indexOf('\r\n.\r\n');
          if (at !== -1) {
            end = at;
            skip = 5;
          }
        }
        if (end === -1) {
          // keep only a tail that could start the terminator
          if (buffer.length > 8) {
            stats.bytes += buffer.length - 4;
            if (recorder) content += buffer.slice(0, -4);
            buffer = buffer.slice(-4);
          }
          return;
        }
        stats.bytes += end;
        if (recorder) {
          recordMessage(user, content + buffer.slice(0, end));
          content = '';
        }
        buffer = buffer.slice(end + skip);
        mode = 'command';
        stats.messages += 1;
        stats.byUser[user] = (stats.byUser[user] || 0) + 1;
        reply('250 2.0.0 Ok: queued');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol === -1) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      onLine(line);
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
    stats.open -= 1;
  });
  reply('220 127.0.0.1 ESMTP bench sink');
});

server.maxConnections = 2000;
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'ready', port: server.address().port });
});

process.on('message', (msg) => {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'stats')
    process.send({ type: 'stats', id: msg.id, ...stats, byUser: { ...stats.byUser } });
  else if (msg.type === 'resetPeak') stats.peakOpen = stats.open;
  else if (msg.type === 'record') {
    if (recorder) recorder.end();
    recorder = fs.createWriteStream(msg.file, { flags: 'w' });
  } else if (msg.type === 'flush') {
    const done = () => process.send({ type: 'flushed', id: msg.id });
    if (!recorder) done();
    else {
      const stream = recorder;
      recorder = null;
      stream.end(done);
    }
  } else if (msg.type === 'stop') {
    server.close();
    process.exit(0);
  }
});
// the parent died or closed the channel: go away too
process.on('disconnect', () => process.exit(0));

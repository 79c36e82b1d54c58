'use strict';
/**
 * A DNS server on 127.0.0.1 for the browser suite (dns2, UDP and TCP on one port: long DKIM records need
 * TCP), answering from a zone the steps edit: what the plugin's domain check asks instead of the internet
 * (SMTP_ACCOUNTS_DNS_SERVERS). The JavaScript twin of tests/helpers/dns-server.ts.
 */
const net = require('node:net');
const dns2 = require('dns2');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** TXT strings longer than 255 bytes are split, as a zone file does (the resolver joins them again). */
const chunks = (text) => text.match(/.{1,255}/g) || [''];

/** @returns {Promise<{ address: string, set: (name: string, records: { txt?: string[], a?: string[] }) => void, close: () => Promise<void> }>} */
const startDnsServer = async () => {
  const { Packet } = dns2;
  const zone = new Map();
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const records = zone.get(name);
      if (!records) response.header.rcode = Packet.RCODE.NXDOMAIN ?? 3;
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      if (question.type === Packet.TYPE.TXT)
        for (const text of (records && records.txt) || [])
          response.answers.push({ ...base, type: Packet.TYPE.TXT, data: chunks(text) });
      if (question.type === Packet.TYPE.A)
        for (const address of (records && records.a) || [])
          response.answers.push({ ...base, type: Packet.TYPE.A, address });
      send(response);
    },
  });
  server.on('requestError', () => undefined);
  server.on('error', () => undefined);
  const port = await freePort();
  await server.listen({ udp: { port, address: '127.0.0.1' }, tcp: { port, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${port}`,
    set: (name, records) => void zone.set(name.toLowerCase(), records),
    close: () => server.close(),
  };
};

module.exports = { startDnsServer };

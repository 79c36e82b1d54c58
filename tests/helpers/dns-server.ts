import net from 'node:net';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns2 = require('dns2') as {
  createServer(options: {
    udp: boolean;
    tcp: boolean;
    handle: (request: DnsPacket, send: (response: DnsPacket) => void) => void;
  }): {
    listen(options: {
      udp: { port: number; address: string };
      tcp: { port: number; address: string };
    }): Promise<unknown>;
    close(): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  };
  Packet: {
    TYPE: Record<string, number>;
    CLASS: Record<string, number>;
    RCODE: Record<string, number>;
    createResponseFromRequest(request: DnsPacket): DnsPacket;
  };
};

interface DnsPacket {
  questions: { name: string; type: number }[];
  answers: Record<string, unknown>[];
  header: { rcode: number };
}

export interface ZoneRecords {
  txt?: string[];
  a?: string[];
  mx?: string[];
}

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for the plugin's `dns.servers` (SMTP_ACCOUNTS_DNS_SERVERS). */
  address: string;
  port: number;
  /** The zone, editable while the server runs (names in lower case). */
  zone: Map<string, ZoneRecords>;
  set(name: string, records: ZoneRecords): void;
  /** Every query it answered: name and type. */
  queries: { name: string; type: string }[];
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** TXT strings longer than 255 bytes are split, as a zone file does (the resolver joins them again). */
const chunks = (text: string) => text.match(/.{1,255}/g) ?? [''];

/**
 * A real DNS server on 127.0.0.1 (dns2, UDP and TCP on one port: long DKIM records need TCP) answering from an
 * in-memory zone: what the domain check and mailauth's verifier ask instead of the internet.
 */
export const startDnsServer = async (
  initial: Record<string, ZoneRecords> = {}
): Promise<TestDnsServer> => {
  const { Packet } = dns2;
  const zone = new Map(
    Object.entries(initial).map(([name, records]) => [name.toLowerCase(), records])
  );
  const queries: TestDnsServer['queries'] = [];
  const typeName = (type: number) =>
    Object.entries(Packet.TYPE).find(([, value]) => value === type)?.[0] ?? String(type);
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question.name.toLowerCase().replace(/\.$/, '');
      queries.push({ name, type: typeName(question.type) });
      const records = zone.get(name);
      if (!records) response.header.rcode = Packet.RCODE.NXDOMAIN ?? 3;
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      if (question.type === Packet.TYPE.TXT)
        for (const text of records?.txt ?? [])
          response.answers.push({ ...base, type: Packet.TYPE.TXT, data: chunks(text) });
      if (question.type === Packet.TYPE.A)
        for (const address of records?.a ?? [])
          response.answers.push({ ...base, type: Packet.TYPE.A, address });
      if (question.type === Packet.TYPE.MX)
        records?.mx?.forEach((exchange, i) =>
          response.answers.push({ ...base, type: Packet.TYPE.MX, exchange, priority: 10 + i })
        );
      send(response);
    },
  });
  server.on('requestError', () => undefined);
  server.on('error', () => undefined);
  const port = await freePort();
  await server.listen({ udp: { port, address: '127.0.0.1' }, tcp: { port, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${port}`,
    port,
    zone,
    set: (name, records) => void zone.set(name.toLowerCase(), records),
    queries,
    close: () => server.close(),
  };
};

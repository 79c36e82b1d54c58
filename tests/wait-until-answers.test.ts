/**
 * `npm run develop` prints the admin URL only when GET /admin answers 200 (scripts/wait-until-answers.js):
 * a real HTTP server on a free port that is not there yet, then answers 503, then 200.
 */
import http from 'node:http';
import net from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { waitUntilAnswers } = require('../scripts/wait-until-answers') as {
  waitUntilAnswers: (
    url: string,
    options?: { intervalMs?: number; requestTimeoutMs?: number; signal?: AbortSignal }
  ) => Promise<boolean>;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server answering `statuses` in turn (the last one from then on); records when each request came. */
const serve = (port: number, statuses: number[]) => {
  const asked: number[] = [];
  const server = http.createServer((_req, res) => {
    asked.push(Date.now());
    res.writeHead(statuses[Math.min(asked.length, statuses.length) - 1]).end();
  });
  servers.push(server);
  return new Promise<number[]>((resolve) => server.listen(port, '127.0.0.1', () => resolve(asked)));
};

it('waits through "not listening" and a 503 until the answer is 200', async () => {
  const port = await freePort();
  const answered = waitUntilAnswers(`http://127.0.0.1:${port}/admin`, { intervalMs: 50 });
  await new Promise((r) => setTimeout(r, 200)); // refused connections meanwhile
  const asked = await serve(port, [503, 503, 200]);
  const started = Date.now();
  expect(await answered).toBe(true);
  expect(asked).toHaveLength(3);
  expect(Date.now() - started).toBeLessThan(2000);
});

it('gives up as soon as the signal is aborted (the server exited, or a stop began)', async () => {
  const port = await freePort();
  const asked = await serve(port, [503]);
  const stopped = new AbortController();
  const answered = waitUntilAnswers(`http://127.0.0.1:${port}/admin`, {
    intervalMs: 10000,
    signal: stopped.signal,
  });
  await new Promise((r) => setTimeout(r, 200));
  const abortedAt = Date.now();
  stopped.abort();
  expect(await answered).toBe(false);
  expect(Date.now() - abortedAt).toBeLessThan(500); // not after the 10 s interval
  expect(asked).toHaveLength(1);
});

it('counts a request that hangs past requestTimeoutMs as "not yet"', async () => {
  const port = await freePort();
  let requests = 0;
  const server = http.createServer((_req, res) => {
    // the first request hangs (as a server busy starting), the next is answered
    if (++requests > 1) res.writeHead(200).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  expect(
    await waitUntilAnswers(`http://127.0.0.1:${port}/admin`, {
      intervalMs: 10,
      requestTimeoutMs: 200,
    })
  ).toBe(true);
  expect(requests).toBe(2);
});

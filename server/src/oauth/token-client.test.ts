import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthTokenError, requestTokens } from './token-client';

/**
 * The token endpoint is reached at the address the host policy checked, never through a second DNS
 * answer (finding 9 of issue 17: `fetch` resolved the name again), within one deadline and a size cap.
 */
describe('token client', () => {
  let server: http.Server;
  let port = 0;
  let answer: (response: http.ServerResponse) => void = (response) =>
    response.end(JSON.stringify({ access_token: 'at', refresh_token: 'rt', expires_in: 60 }));
  const hosts: string[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      hosts.push(String(request.headers.host));
      request.resume();
      request.on('end', () => answer(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connects to the address the policy admitted, not to what the name resolves to now', async () => {
    const admitted: string[] = [];
    // "rebind.invalid" resolves nowhere: only the admitted address can have been used
    const tokens = await requestTokens(
      `http://rebind.invalid:${port}/token`,
      { grant_type: 'refresh_token' },
      {
        timeoutMs: 2000,
        maxBytes: 4096,
        admit: async (host) => {
          admitted.push(host);
          return '127.0.0.1';
        },
      }
    );
    expect(tokens).toMatchObject({ accessToken: 'at', refreshToken: 'rt' });
    expect(admitted).toEqual(['rebind.invalid']);
    expect(hosts[hosts.length - 1]).toBe(`rebind.invalid:${port}`); // the name is still what the server is told
  });

  it('a refused host never gets a connection', async () => {
    const before = hosts.length;
    await expect(
      requestTokens(
        `http://127.0.0.1:${port}/token`,
        {},
        {
          timeoutMs: 2000,
          maxBytes: 4096,
          admit: () => Promise.reject(new Error('denied by policy')),
        }
      )
    ).rejects.toThrow('denied by policy');
    expect(hosts.length).toBe(before);
  });

  it('an answer over the cap is cut off: response_too_large', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`{"access_token":"${'a'.repeat(64 * 1024)}`);
      response.end('"}');
    };
    await expect(
      requestTokens(
        `http://127.0.0.1:${port}/token`,
        {},
        { timeoutMs: 2000, maxBytes: 4096, admit: async () => '127.0.0.1' }
      )
    ).rejects.toMatchObject({
      oauthError: 'response_too_large',
    });
  });

  it('an answer that never ends is given up at the deadline: timeout', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
    };
    const started = Date.now();
    const error = await requestTokens(
      `http://127.0.0.1:${port}/token`,
      {},
      { timeoutMs: 500, maxBytes: 4096, admit: async () => '127.0.0.1' }
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({ oauthError: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("an OAuth error answer carries the provider's code, not the body", async () => {
    answer = (response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: 'invalid_grant', error_description: 'revoked\r\ntoken secret-xyz' })
      );
    };
    const error = (await requestTokens(
      `http://127.0.0.1:${port}/token`,
      {},
      { timeoutMs: 2000, maxBytes: 4096, admit: async () => '127.0.0.1' }
    ).catch((e: unknown) => e)) as OAuthTokenError;
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.needsReauthorization).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
  });
});

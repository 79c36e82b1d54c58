/**
 * `npm run develop` prints the admin URL only once the admin really answers: Strapi listens some
 * seconds before its first page is served, and a URL printed earlier opens an error page.
 */

/** Waits `ms`, or less when `signal` is aborted meanwhile. */
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Asks `url` with GET every `intervalMs` until it answers 200.
 * Resolves `true` then; `false` as soon as `signal` is aborted (the server exited, or a stop began),
 * without asking again. Refused connections, timeouts (`requestTimeoutMs` per request) and other
 * statuses only mean "not yet".
 *
 * @param {string} url
 * @param {{ intervalMs?: number, requestTimeoutMs?: number, signal?: AbortSignal }} [options]
 * @returns {Promise<boolean>}
 */
const waitUntilAnswers = async (
  url,
  { intervalMs = 500, requestTimeoutMs = 5000, signal } = {}
) => {
  while (!signal?.aborted) {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await response.body?.cancel();
      if (response.status === 200) return !signal?.aborted;
    } catch {
      // not listening yet, or too slow to answer: ask again
    }
    await sleep(intervalMs, signal);
  }
  return false;
};

module.exports = { waitUntilAnswers };

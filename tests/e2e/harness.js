'use strict';
/**
 * The suite's harness: Chromium with the console of every page watched, the step runner (a step fails on
 * its own exception or on a browser console error; after a failure the rest are skipped), and the waiting
 * helpers every step module uses.
 */
const fs = require('node:fs');
const path = require('node:path');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The admin is built with React's development bundle (tests/e2e/strapi-process.js), so React warnings reach the
 * console. Strapi's own pages warn too (its settings pages call useRBAC with an object): a warning whose stack or
 * component stack names none of this plugin's components is marked as Strapi's and only listed at the end.
 */
const INTERNAL_MARK = '[strapi-internal] ';
const OUR_CODE = new RegExp(
  fs
    .readdirSync(path.join(__dirname, '..', '..', 'admin', 'src'), { recursive: true })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.basename(file).replace(/\.tsx?$/, ''))
    .filter((name) => name.length >= 6 && name !== 'index')
    .join('|')
);
/** Runs in the page before the admin: tags warnings that do not come from this plugin. */
function markStrapiInternalWarnings(ourCodeSource) {
  const ours = new RegExp(ourCodeSource);
  for (const level of ['warn', 'error']) {
    const original = console[level];
    console[level] = function (...args) {
      const first = String(args[0]);
      const isWarning = first.startsWith('Warning:') || first.startsWith('useRBAC');
      const where = `${new Error().stack || ''}\n${args.slice(1).map(String).join('\n')}`;
      if (isWarning && !ours.test(where)) args[0] = `[strapi-internal] ${first}`;
      return original.apply(this, args);
    };
  }
}

const log = (line) => console.log(`[e2e] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const waitFor = async (what, check, timeout = 15000) => {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};
const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};
/** A full-page screenshot `<dir>/<name>.png` (tests/artifacts). */
const screenshot = (page, dir, name) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });

/**
 * One run's step runner: `step(name, fn)`, `watchConsole(page)` for every page opened, the `results` so far,
 * the warnings of Strapi's own admin (`strapiInternal`), and `setPage(page)`: the page a failed step's
 * screenshot is taken of (`<artifacts>/failure-<step>.png`).
 */
const createStepRunner = ({ artifacts }) => {
  const results = { passed: 0, failed: 0 };
  let failedEarlier = false;
  let page = null;

  /**
   * Every browser console error and React warning fails the step it happened in. Chrome reports an
   * expected 4xx answer of the API (a refused save) as "Failed to load resource": those are the tests' point.
   */
  const consoleProblems = [];
  const strapiInternal = new Set();
  const watchConsole = (watched) => {
    watched.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(INTERNAL_MARK)) {
        strapiInternal.add(text.slice(INTERNAL_MARK.length, 200));
        return;
      }
      const isReactWarning =
        message.type() === 'warning' && /^Warning: |useRBAC|validateDOMNesting/.test(text);
      if (message.type() !== 'error' && !isReactWarning) return;
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      // the admin calls outside services (marketplace, updates, analytics): this machine has no Internet
      const where = (message.location() && message.location().url) || '';
      if (/Failed to load resource: net::/.test(text) && !where.startsWith('http://127.0.0.1'))
        return;
      consoleProblems.push(`${message.type()}: ${text.slice(0, 500)}`);
    });
    watched.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  };

  /**
   * Steps depend on each other, so after a failure the rest are reported as failed without running.
   * `E2E_ONLY=<regexp>` runs only the steps whose name matches it (and the login), while working on them.
   */
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
  const step = async (name, fn) => {
    if (only && name !== 'log in' && !only.test(name)) return;
    if (failedEarlier) {
      results.failed += 1;
      log(`SKIP ${name} (an earlier step failed)`);
      return;
    }
    const started = Date.now();
    const problemsBefore = consoleProblems.length;
    try {
      await fn();
      const problems = consoleProblems.slice(problemsBefore);
      if (problems.length) throw new Error(`browser console:\n  ${problems.join('\n  ')}`);
      results.passed += 1;
      log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.failed += 1;
      failedEarlier = true;
      log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
      if (page)
        await screenshot(page, artifacts, `failure-${name.replace(/\W+/g, '-')}`).catch(
          () => undefined
        );
    }
  };

  return { results, strapiInternal, step, watchConsole, setPage: (p) => (page = p) };
};

/** Chromium; every context it opens marks Strapi's own warnings, and every page in it is watched. */
const launchChromium = async (chromium, watchConsole) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // every page of every context (the read-only role's too) is watched
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const created = await newContext(...args);
    await created.addInitScript(markStrapiInternalWarnings, OUR_CODE.source);
    created.on('page', watchConsole);
    return created;
  };
  return browser;
};

module.exports = {
  CHROMIUM,
  log,
  sleep,
  waitFor,
  assert,
  screenshot,
  createStepRunner,
  launchChromium,
};

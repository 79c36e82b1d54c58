'use strict';
/**
 * What the step modules do alike, so that each says only what it tests: an account made through the
 * plugin's API, a mail through Strapi's email route, its send-log entry awaited, the panel in Russian for a
 * while, the unsaved-changes guard answered. `ctx` is the one panel.e2e.js builds.
 */
const { waitFor } = require('./harness');

/**
 * `POST /accounts`: a PLAIN-login account (alice) on SMTP server A unless `fields` say otherwise; the
 * answer `{ status, body }` as the test asserts it.
 * @param {{ api: Function, smtpA: { port: number }, password: string }} ctx
 * @param {{ name: string, email: string, port?: number, username?: string }} fields
 */
const createAccount = ({ api, smtpA, password }, fields) =>
  api('POST', '/accounts', {
    data: {
      host: '127.0.0.1',
      port: smtpA.port,
      security: 'none',
      authType: 'plain',
      username: 'alice',
      password,
      ...fields,
    },
  });

/**
 * Strapi's own admin email route (`POST /email`), i.e. what any plugin calling the email service does;
 * the fetch Response.
 * @param {{ url: string, token: string }} ctx
 * @param {{ from: string, to: string, subject: string, text: string, cc?: string }} message
 */
const postEmail = ({ url, token }, message) =>
  fetch(`${url}/email`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(message),
  });

/** The send-log entry of the mail with this subject, once it is there (among the newest 100). */
const findLogged = ({ api }, subject) =>
  waitFor(`the log entry "${subject}"`, async () =>
    (await api('GET', '/log?pageSize=100')).body.data.find((e) => e.subject === subject)
  );

const setLanguage = (page, language) =>
  page.evaluate((value) => localStorage.setItem('strapi-admin-language', value), language);

/** Runs `fn` with the admin in Russian (from the next page load), back in English afterwards, failed or not. */
const inRussian = async (page, fn) => {
  await setLanguage(page, 'ru');
  try {
    await fn();
  } finally {
    await setLanguage(page, 'en');
  }
};

/** The unsaved-changes guard also asks the browser before unloading: leave when a step navigates away. */
const leaveOnUnload = (page) => {
  if (page.listenerCount('dialog') > 0) return;
  page.on('dialog', (dialog) =>
    dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()
  );
};

module.exports = {
  createAccount,
  postEmail,
  findLogged,
  setLanguage,
  inRussian,
  leaveOnUnload,
};

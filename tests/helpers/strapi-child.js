/**
 * Another Strapi process on the playground, for the two-process and export/import tests: boots with
 * the environment it is given (database, keys) and answers its parent over IPC. With
 * STRAPI_CHILD_SERVE=1 it also serves HTTP (`strapi.start()`, as the playground's `npm start`): the
 * browser suite's Strapi, which the suite drives over the same IPC (tests/e2e/strapi-process.js).
 * Commands:
 * `send` (Strapi's email service), `create` (an SMTP account through the document service, so
 * verified on save), `list` (the accounts as the admin API answers them), `enqueue` / `status` /
 * `queueStats` (the campaign queue).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const main = async () => {
  const playground = path.resolve(__dirname, '..', '..', 'playground');
  const app = createStrapi({ appDir: playground, distDir: playground });
  const strapi = process.env.STRAPI_CHILD_SERVE === '1' ? await app.start() : await app.load();
  const commands = {
    send: (message) =>
      strapi
        .plugin('email')
        .service('email')
        .send(message.options)
        .then(() => null),
    create: (message) =>
      strapi
        .documents('plugin::smtp-accounts.smtp-account')
        .create({ data: message.data })
        .then((doc) => ({ id: doc.id })),
    list: () => strapi.plugin('smtp-accounts').service('accounts').list(),
    // the campaign queue: a batch of `count` mails from `from` (a list: taken in turn), subjects `${tag} <n>`; its status; what this process sent
    // (`invalid`: that many more messages without a recipient, refused at enqueue; `newsletter`: a newsletter batch,
    // `recipient`: the addresses' local part, `r` by default)
    enqueue: (message) => {
      const froms = [message.from].flat();
      return strapi
        .plugin('smtp-accounts')
        .service('queue')
        .enqueue(
          [
            ...Array.from({ length: message.count }, (_, i) => ({
              from: froms[i % froms.length],
              to: `${message.recipient ?? 'r'}${i}@example.test`,
              subject: `${message.tag} ${i}`,
              text: 'x',
            })),
            ...Array.from({ length: message.invalid ?? 0 }, (_, i) => ({
              from: froms[0],
              subject: `${message.tag} invalid ${i}`,
              text: 'x',
            })),
          ],
          { campaign: message.tag, newsletter: message.newsletter === true }
        );
    },
    status: (message) => strapi.plugin('smtp-accounts').service('queue').status(message.batchId),
    // the suppression list: an address unsubscribed through this process (issue 19)
    suppress: (message) =>
      strapi
        .plugin('smtp-accounts')
        .service('suppressions')
        .add({ address: message.address, reason: 'unsubscribe' })
        .then(() => null),
    queueStats: () => strapi.plugin('smtp-accounts').service('queue').stats(),
    // an OAuth2 account's access token, as a send would get it (refresh under the lock when due)
    token: (message) =>
      strapi.plugin('smtp-accounts').service('oauth').accessToken(message.accountId, false),
  };
  process.on('message', async (message) => {
    if (commands[message.cmd]) {
      try {
        const result = await commands[message.cmd](message);
        process.send({ id: message.id, ok: true, result });
      } catch (error) {
        process.send({ id: message.id, ok: false, error: error.message, details: error.details });
      }
    }
    if (message.cmd === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
  process.send({ ready: true });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

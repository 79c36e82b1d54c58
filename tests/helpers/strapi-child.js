/**
 * Another Strapi process on the playground, for the two-process and export/import tests: boots with
 * the environment it is given (database, keys) and answers its parent over IPC:
 * `send` (Strapi's email service), `create` (an SMTP account through the document service, so
 * verified on save), `list` (the accounts as the admin API answers them), `enqueue` / `status` /
 * `queueStats` (the campaign queue).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const main = async () => {
  const playground = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir: playground, distDir: playground }).load();
  const commands = {
    send: (message) => strapi.plugin('email').service('email').send(message.options).then(() => null),
    create: (message) => strapi.documents('plugin::smtp-accounts.smtp-account').create({ data: message.data }).then((doc) => ({ id: doc.id })),
    list: () => strapi.plugin('smtp-accounts').service('accounts').list(),
    // the campaign queue: a batch of `count` mails from `from`, subjects `${tag} <n>`; its status; what this process sent
    enqueue: (message) =>
      strapi.plugin('smtp-accounts').service('queue').enqueue(
        Array.from({ length: message.count }, (_, i) => ({ from: message.from, to: `r${i}@example.test`, subject: `${message.tag} ${i}`, text: 'x' })),
        { campaign: message.tag }
      ),
    status: (message) => strapi.plugin('smtp-accounts').service('queue').status(message.batchId),
    queueStats: () => strapi.plugin('smtp-accounts').service('queue').stats(),
    // an OAuth2 account's access token, as a send would get it (refresh under the lock when due)
    token: (message) => strapi.plugin('smtp-accounts').service('oauth').accessToken(message.accountId, false),
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

/**
 * Another Strapi process on the playground, for the two-process and export/import tests: boots with
 * the environment it is given (database, keys) and answers its parent over IPC:
 * `send` (Strapi's email service), `create` (an SMTP account through the document service, so
 * verified on save), `list` (the accounts as the admin API answers them).
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

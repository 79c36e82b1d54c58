/**
 * A second Strapi process for the two-process test: boots the playground with the environment it
 * is given (same database, same keys) and sends mail when its parent asks, over IPC.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const main = async () => {
  const playground = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir: playground, distDir: playground }).load();
  process.on('message', async (message) => {
    if (message.cmd === 'send') {
      try {
        await strapi.plugin('email').service('email').send(message.options);
        process.send({ id: message.id, ok: true });
      } catch (error) {
        process.send({ id: message.id, ok: false, error: error.message });
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

export default {
  config: { locales: ['ru'] },
  bootstrap() {},
};

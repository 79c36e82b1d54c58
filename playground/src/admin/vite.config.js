'use strict';

/**
 * `SMTP_ACCOUNTS_REACT_DEV=1 strapi build` (the browser tests) builds the admin with React's development
 * bundle, so that React's warnings (validateDOMNesting, keys, unknown props …) reach the console, where
 * the browser suite fails on them. Any other build is Strapi's own production build.
 */
module.exports = (config) =>
  process.env.SMTP_ACCOUNTS_REACT_DEV === '1'
    ? {
        ...config,
        mode: 'development',
        define: { ...(config.define || {}), 'process.env.NODE_ENV': JSON.stringify('development') },
        build: { ...config.build, minify: false },
      }
    : config;

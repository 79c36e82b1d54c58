#!/usr/bin/env node
/**
 * `npm run bench`: send throughput of the smtp-accounts router vs raw pooled nodemailer vs the
 * stock Strapi nodemailer provider, plus the account-choice micro-bench. See bench/README.md.
 * Needs a built plugin (`npm run build` → dist/). Env: BENCH_MESSAGES (2000), BENCH_REPS (2),
 * BENCH_STOCK_MESSAGES (300), BENCH_CONCURRENCY (1,10,50), BENCH_MICRO_ACCOUNTS (10000),
 * BENCH_MICRO_CHOICES (100000), BENCH_ORDER (a,b,c), BENCH_WARMUP (1000).
 */
require('../bench/main.js');

#!/usr/bin/env node
/**
 * `npm run bench:queue`: the campaign queue bench (BullMQ on three processes vs raw nodemailer, limits,
 * a killed process, the embedded engine on SQLite). See bench/README.md, "Queue bench". Needs a built
 * plugin (`npm run build`), PostgreSQL and Redis on 127.0.0.1. Prints a Markdown table and writes the same result as
 * JSON (bench/results/, or BENCH_QUEUE_JSON), naming the file on its last line. Env: BENCH_QUEUE_N (100000), BENCH_QUEUE_KILL_N (30000), BENCH_QUEUE_SQLITE_N (10000), BENCH_QUEUE_PHASES, … (table in bench/README.md).
 */
require('../bench/queue/main.js');

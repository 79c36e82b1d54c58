/** Unit tests sit next to the code (server/src/**\/*.test.ts); integration tests boot a real Strapi (tests/**). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  testTimeout: 120000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};

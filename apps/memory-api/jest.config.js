module.exports = {
  displayName: 'memory-api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
};

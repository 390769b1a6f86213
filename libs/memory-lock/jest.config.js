module.exports = {
  displayName: 'memory-lock',
  preset: '../../jest.preset.js',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
};

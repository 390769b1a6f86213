export * from './lock.error';
export * from './lock-timeout.error';
export * from './lock-lost.error';
export * from './lock-backend.error';
export * from './invalid-lock-options.error';

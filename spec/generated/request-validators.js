export * from './request-validators-strict.js';
export * from './request-validators-coercing.js';

// In dist/, the build writes the request validators it precompiled over this module
// (scripts/compile-validators.mjs): one export per schema, by schemaKey(). The sources have none,
// and every schema is compiled on first use instead.
export {};

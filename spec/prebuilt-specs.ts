// In the command line's bundle (dist/mock/cli.cjs), the build puts here both specs dereferenced,
// as code (spec/document-module.ts; scripts/bundle.mjs): `api` and `admin`. Everywhere else this
// module is empty, and the specs are read and dereferenced from their files.
export {};

import { performance } from 'node:perf_hooks';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ADMIN_SPEC_PATH } from '../exports/server.js';
import { loadSpec, SPEC_PATH } from '../spec/spec.js';
import { SpecValidators } from '../spec/validators.js';

/**
 * How long compiling every operation's request validators takes (SpecValidators.warmUp), and
 * whether any schema object is compiled twice by the same Ajv instance.
 *
 *   npx tsx bench/validators-warm-up.ts
 */
interface SchemaEnv {
  schema: unknown;
}
// Ajv's code generation for a root schema; counted per Ajv instance and schema object.
type Compile = (this: object, env: SchemaEnv) => unknown;
const proto = Ajv2020.prototype as unknown as { _compileSchemaEnv: Compile };
const original = proto._compileSchemaEnv;
const compiled = new Map<object, Map<unknown, number>>();
let compilations = 0;
proto._compileSchemaEnv = function (this: object, env: SchemaEnv) {
  compilations += 1;
  const counts = compiled.get(this) ?? new Map<unknown, number>();
  compiled.set(this, counts);
  counts.set(env.schema, (counts.get(env.schema) ?? 0) + 1);
  return original.call(this, env);
};
const twice = () => {
  let n = 0;
  for (const counts of compiled.values()) for (const count of counts.values()) if (count > 1) n += 1;
  return n;
};

for (const [name, path] of [
  ['openapi.yaml', SPEC_PATH],
  ['admin-openapi.yaml', ADMIN_SPEC_PATH],
] as const) {
  const spec = await loadSpec(path);
  const validators = new SpecValidators(spec);
  const before = compilations;
  const start = performance.now();
  validators.warmUp();
  const ms = performance.now() - start;
  const operations = spec.operations.size;
  const warmStart = performance.now();
  validators.warmUp();
  const again = performance.now() - warmStart;
  process.stdout.write(
    `${name}: warmUp() of ${operations} operations ${ms.toFixed(0)} ms ` +
      `(${compilations - before} Ajv compilations; a second warmUp() ${again.toFixed(1)} ms)\n`,
  );
}
process.stdout.write(`schema objects compiled more than once by the same Ajv: ${twice()}\n`);

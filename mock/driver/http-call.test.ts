import { describe, expect, it } from 'vitest';
import { loadSpecSync } from '../../spec/spec.js';
import { ADMIN_SPEC_PATH } from '../files/spec-files.js';
import { ADMIN_ROUTES } from './http-call.js';

const admin = loadSpecSync(ADMIN_SPEC_PATH);

describe('ADMIN_ROUTES', () => {
  it('has a row for every operation of the admin spec, and no other', () => {
    expect(Object.keys(ADMIN_ROUTES).sort()).toEqual([...admin.operations.keys()].sort());
  });

  it.each(Object.entries(ADMIN_ROUTES))('%s is where the spec says', (operationId, [method, path]) => {
    const operation = admin.operations.get(operationId);
    expect([operation?.method.toUpperCase(), operation?.path]).toEqual([method, path]);
  });
});

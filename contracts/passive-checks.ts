import type { SpecValidators } from '../spec/validators.js';
import { judgeProblemBody } from './checks/problem-body.js';
import { judgeRateLimitFields } from './checks/rate-limit-fields.js';
import type { Exchange } from './exchange.js';
import type { ResultMatrix } from './results.js';

/**
 * Judges any response of a documented operation against what the spec documents for its status:
 * `status-documented`, `content-type`, `headers`, `rate-limit-fields`, `schema`, `problem-body` and `no-5xx`. Every request the suite
 * sends passes through here, whatever check sent it.
 */
export function judgeResponse(
  validators: SpecValidators,
  matrix: ResultMatrix,
  operationId: string | undefined,
  exchange: Exchange,
): void {
  // An undocumented method has no operation to judge by; the undocumented-method check judges it.
  if (exchange.status === 0 || !operationId) return;
  if (exchange.status >= 500) matrix.fail(operationId, 'no-5xx', `answered ${exchange.status}`, exchange);
  else matrix.pass(operationId, 'no-5xx');
  const errors = validators.validateResponse(operationId, {
    status: exchange.status,
    headers: exchange.responseHeaders,
    contentType: exchange.responseHeaders['content-type'],
    body: exchange.json ?? (exchange.responseBody === '' ? undefined : exchange.responseBody),
  });
  const statusErrors = errors.filter((e) => e.path === '/status');
  if (statusErrors.length > 0) {
    matrix.fail(operationId, 'status-documented', statusErrors[0]?.message ?? '', exchange);
    return;
  }
  matrix.pass(operationId, 'status-documented');
  const describe = (list: typeof errors) => list.map((e) => `${e.path} ${e.message}`).join('; ');
  const typeErrors = errors.filter((e) => e.path === '/header/content-type');
  if (typeErrors.length > 0) matrix.fail(operationId, 'content-type', describe(typeErrors), exchange);
  else matrix.pass(operationId, 'content-type');
  const headerErrors = errors.filter(
    (e) => e.path.startsWith('/header/') && e.path !== '/header/content-type',
  );
  if (headerErrors.length > 0) matrix.fail(operationId, 'headers', describe(headerErrors), exchange);
  else matrix.pass(operationId, 'headers');
  const fields = judgeRateLimitFields(exchange);
  if (fields === undefined) matrix.pass(operationId, 'rate-limit-fields');
  else if (fields !== 'absent') matrix.fail(operationId, 'rate-limit-fields', fields, exchange);
  // Without the documented media type there is no schema to judge by; content-type already failed.
  if (typeErrors.length > 0) return;
  const bodyErrors = errors.filter((e) => e.path.startsWith('/body'));
  if (bodyErrors.length > 0) matrix.fail(operationId, 'schema', describe(bodyErrors), exchange);
  else matrix.pass(operationId, 'schema');
  const problem = judgeProblemBody(validators.spec, exchange);
  if (problem === undefined) matrix.pass(operationId, 'problem-body');
  else if (problem !== 'not a problem') matrix.fail(operationId, 'problem-body', problem, exchange);
}

import type { createCore } from '../core.js';
import { inProcessCall } from './in-process-call.js';
import { createDriver, type MockDriver } from './mock-driver.js';

type Core = Pick<
  ReturnType<typeof createCore>,
  'adminHandlers' | 'adminValidators' | 'telephony' | 'nextRequestId' | 'logger' | 'webhooks'
>;

/**
 * The test driver of a mock in this process (`startMock`, the MSW handlers): each control calls
 * its admin operation's handler, and `runUntil` waits for the dispatcher's deliveries in flight.
 * `onChange` is told after each operation that may have changed the state.
 */
export function inProcessDriver(core: Core, onChange?: () => void): MockDriver {
  const call = inProcessCall({
    handlers: core.adminHandlers,
    validators: core.adminValidators,
    tenants: core.telephony.tenants,
    nextRequestId: core.nextRequestId,
    logger: core.logger,
    onChange,
  });
  return createDriver(call, () => core.webhooks.settled());
}

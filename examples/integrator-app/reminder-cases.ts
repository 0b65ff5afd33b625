import type { TelephonyClient } from 'telemock';
import type { MockDriver } from 'telemock/server';
import { remind } from './reminder.js';

/** The sandbox numbers the example's tests dial, and what the app should do for each. */
export const reminderCases: Array<
  [string, { to: string; callStatus: string; spoken: boolean; sms: boolean }]
> = [
  ['a person answers', { to: '+14155550123', callStatus: 'completed', spoken: true, sms: false }],
  ['the line is busy', { to: '+15005550011', callStatus: 'busy', spoken: false, sms: true }],
  ['nobody answers', { to: '+15005550012', callStatus: 'no-answer', spoken: false, sms: true }],
  ['voicemail picks up', { to: '+15005550014', callStatus: 'completed', spoken: false, sms: true }],
];

/** The part of an outcome the cases speak of, to compare with a case's expectations. */
export const observed = (outcome: { callStatus: string; spoken: boolean; smsId: string | null }) => ({
  callStatus: outcome.callStatus,
  spoken: outcome.spoken,
  sms: outcome.smsId !== null,
});

/**
 * Runs one case's reminder against the mock, whichever handle steers it (the driver is the same on
 * all three): the app's clock is the mock's, so `wait` advances it instead of sleeping.
 */
export async function remindOnMock(
  api: TelephonyClient,
  mock: Pick<MockDriver, 'clock'>,
  to: string,
): Promise<ReturnType<typeof observed>> {
  const agent = await api.POST('/agents', { body: { name: 'Clinic' } });
  const wait = async (ms: number) => {
    await mock.clock.advance(ms / 1000);
  };
  const outcome = await remind(api, { to, agentId: agent.data?.id ?? '', message: 'See you at 3pm.' }, wait);
  return observed(outcome);
}

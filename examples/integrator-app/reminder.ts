import type { components, TelephonyClient } from 'telemock';

type Call = components['schemas']['Call'];

const ENDED = new Set<Call['status']>(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export interface Reminder {
  to: string;
  agentId: string;
  message: string;
}

export interface ReminderOutcome {
  callStatus: Call['status'];
  spoken: boolean;
  /** The SMS sent when nobody (or a voicemail) took the call. */
  smsId: string | null;
}

/**
 * An integrator's feature: phone a patient, have the agent read the reminder, hang up; when the
 * call is not answered by a person, send the reminder by SMS instead. `wait` is how the app lets
 * time pass (real sleeping in production; advancing the mock's clock in tests).
 */
export async function remind(
  api: TelephonyClient,
  reminder: Reminder,
  wait: (ms: number) => Promise<void>,
): Promise<ReminderOutcome> {
  const created = await api.POST('/calls', { body: { to: reminder.to, agentId: reminder.agentId } });
  if (!created.data) throw new Error(`could not place the call: ${created.error?.code}`);
  const path = { callId: created.data.id };
  let call: Call = created.data;
  let spoken = false;
  while (!ENDED.has(call.status)) {
    if (call.status === 'in-progress' && call.answeredBy === 'human' && !spoken) {
      await api.POST('/calls/{callId}/respond', { params: { path }, body: { text: reminder.message } });
      spoken = true;
      const hungUp = await api.PUT('/calls/{callId}/hangup', { params: { path } });
      if (hungUp.data) call = hungUp.data;
      continue;
    }
    if (call.status === 'in-progress' && call.answeredBy === 'machine') {
      const hungUp = await api.PUT('/calls/{callId}/hangup', { params: { path } });
      if (hungUp.data) call = hungUp.data;
      continue;
    }
    await wait(1000);
    const read = await api.GET('/calls/{callId}', { params: { path } });
    if (!read.data) throw new Error(`lost the call: ${read.error?.code}`);
    call = read.data;
  }
  if (spoken) return { callStatus: call.status, spoken, smsId: null };
  const sms = await api.POST('/texts', { body: { to: reminder.to, body: reminder.message.slice(0, 1600) } });
  return { callStatus: call.status, spoken, smsId: sms.data?.id ?? null };
}

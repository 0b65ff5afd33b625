import { type components, type TelephonyClient, verifyWebhook } from 'telemock';

type Call = components['schemas']['Call'];
type CallEvent = components['schemas']['CallEvent'];

/** What the clinic's agent answers to what the patient just said. */
export function reminderReply(said: string): string {
  if (/another day|move it|reschedule/i.test(said)) return 'Of course. I can move you to Thursday at 10 am.';
  if (/thursday works|that works/i.test(said)) return 'Done: Thursday at 10 am. Goodbye!';
  if (/\byes\b|i'll be there|see you/i.test(said)) return 'Thank you, your visit is confirmed. Goodbye!';
  return 'Hello! This is Dr. Lee’s office: your appointment is on Tuesday at 3 pm. Can you make it?';
}

const ENDED = new Set<Call['status']>(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/**
 * The clinic app's side of a reminder campaign. Webhooks come at least once and in no guaranteed
 * order, so the careful app (`dedupe: true`) drops a `webhook-id` it has handled and answers each
 * of the patient's lines once, however often or late its event arrives; and since an event may
 * come late, it also `reconcile`s now and then: reads the live calls it has not heard of for a
 * while and answers a line no webhook has brought yet. The naive app (`dedupe: false`) answers every `call.callee.spoke` it gets.
 */
export function reminderApp(api: TelephonyClient, secret: () => string, options = { dedupe: true }) {
  const seenIds = new Set<string>();
  /** Per live call: how many of the patient's lines the agent has answered. */
  const answered = new Map<string, number>();
  /** Per live call: when (the mock's clock) the app last heard of it; and the latest such time. */
  const heard = new Map<string, number>();
  let latest = 0;

  const answer = async (call: Call) => {
    const lines = call.transcript.filter((line) => line.speaker === 'callee');
    const said = lines.at(-1);
    if (!said || call.status !== 'in-progress') return;
    const before = answered.get(call.id) ?? 0;
    if (options.dedupe && before >= lines.length) return;
    answered.set(call.id, lines.length);
    const sent = await api.POST('/calls/{callId}/respond', {
      params: { path: { callId: call.id } },
      body: { text: reminderReply(said.text) },
    });
    // Not answered after all (a 429, say): the next reconcile tries again.
    if (sent.error && answered.get(call.id) === lines.length) answered.set(call.id, before);
  };

  return {
    /** The call webhook: verify, deduplicate, then act on the event. */
    async handle(body: string, headers: Record<string, string | undefined> | Headers): Promise<void> {
      const event = verifyWebhook(body, headers, secret()) as CallEvent;
      const id = headers instanceof Headers ? headers.get('webhook-id') : headers['webhook-id'];
      if (options.dedupe) {
        if (!id || seenIds.has(id)) return;
        seenIds.add(id);
      }
      const call = event.data;
      if (ENDED.has(call.status)) {
        answered.delete(call.id);
        heard.delete(call.id);
        return;
      }
      const at = Date.parse(event.timestamp);
      heard.set(call.id, at);
      latest = Math.max(latest, at);
      // A machine took the call: the reminder goes by SMS instead (reminder.ts), not to the voicemail.
      if (event.type === 'call.answered' && call.answeredBy === 'machine') {
        await api.PUT('/calls/{callId}/hangup', { params: { path: { callId: call.id } } });
        return;
      }
      if (!answered.has(call.id)) answered.set(call.id, 0);
      if (event.type === 'call.callee.spoke') await answer(call);
    },
    /**
     * Reads the live calls it has heard nothing of for `quietMs` (the mock's clock, as the events
     * tell it) and answers any line no webhook has brought yet: a held-back event may come late.
     */
    async reconcile(quietMs = 3000): Promise<void> {
      if (!options.dedupe) return;
      for (const [callId, at] of [...heard]) {
        if (latest - at < quietMs) continue;
        heard.set(callId, latest);
        const read = await api.GET('/calls/{callId}', { params: { path: { callId } } });
        if (!read.data || ENDED.has(read.data.status)) {
          answered.delete(callId);
          heard.delete(callId);
        } else if (read.data.answeredBy === 'machine') {
          // Its `call.answered` has not come yet: hang up on the voicemail all the same.
          await api.PUT('/calls/{callId}/hangup', { params: { path: { callId } } });
        } else await answer(read.data);
      }
    },
  };
}

/** Places the morning's reminder calls, one per patient, each with the app's webhook. */
export async function dialReminders(
  api: TelephonyClient,
  patients: readonly string[],
  agentId: string,
  webhookUrl: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const to of patients) {
    const created = await api.POST('/calls', { body: { to, agentId, webhookUrl } });
    if (!created.data) throw new Error(`could not call ${to}: ${created.error?.detail}`);
    ids.push(created.data.id);
  }
  return ids;
}

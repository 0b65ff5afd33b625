import type { components, TelephonyClient } from 'telemock';

type CallEvent = components['schemas']['CallEvent'];

/** The app's conversation logic: what the agent answers to what the callee just said. */
export function replyTo(said: string): string {
  if (/waiting|ridiculous/i.test(said)) return "I'm so sorry for the wait. How can I help?";
  if (/book a table/i.test(said)) return 'Of course! We have a table at 7:30 pm tonight.';
  if (/perfect/i.test(said)) return "You're booked for 7:30 pm. See you tonight!";
  if (/address/i.test(said)) return 'Of course. Please text us the new address.';
  return 'Thank you for calling.';
}

/**
 * The integrator's webhook handler for calls: when the callee speaks (`call.callee.spoke`), the
 * agent answers with `POST /calls/{callId}/respond`. `reply` is the conversation logic.
 */
export async function handleCallEvent(
  api: TelephonyClient,
  event: CallEvent,
  reply: (said: string) => string = replyTo,
): Promise<void> {
  if (event.type !== 'call.callee.spoke') return;
  const said = event.data.transcript.filter((line) => line.speaker === 'callee').at(-1);
  if (!said) return;
  const sent = await api.POST('/calls/{callId}/respond', {
    params: { path: { callId: event.data.id } },
    body: { text: reply(said.text) },
  });
  if (sent.error) throw new Error(`could not respond: ${sent.error.code}`);
}

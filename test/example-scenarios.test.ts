import { describe, expect, it } from 'vitest';
import { createHandlers } from '../exports/msw.js';
import { readScenarioFile } from '../mock/files/scenario-files.js';

const files = ['booking.yaml', 'voicemail.yaml', 'impatient-caller.yaml'];
const load = async () =>
  (await Promise.all(files.map((f) => readScenarioFile(`examples/scenarios/${f}`)))).flat();

/** The shipped scenarios, loaded through the schema check, on the domain of an in-process mock. */
async function mockWithExamples() {
  const mock = await createHandlers({ scenarios: await load() });
  const t = mock.telephony;
  const agent = t.agents.create('demo', { name: 'Desk' });
  const dial = (to: string) => t.calls.create('demo', '+15005550100', { to, agentId: agent.id }).id;
  const say = (id: string, text: string) => t.calls.respond('demo', id, text);
  return { mock, t, dial, say };
}

describe('the shipped example scenarios', () => {
  it('all load through the schema', async () => {
    const { mock } = await mockWithExamples();
    expect((await mock.listScenarios()).map((s) => s.name)).toEqual([
      'booking',
      'voicemail',
      'impatient-caller',
    ]);
  });

  it('booking: a full evening takes the second branch; the diner gives up and hangs up', async () => {
    const { mock, t, dial, say } = await mockWithExamples();
    const id = dial('+15005550140');
    mock.advance(3 + 1);
    say(id, 'Sorry, we are fully booked tonight.');
    mock.advance(1 + 2);
    const run = await mock.scenarioRun(id);
    expect(run.status).toBe('passed');
    expect(run.steps.map((s) => s.status)).toEqual([
      'passed',
      'passed',
      'skipped',
      'skipped',
      'skipped',
      'passed',
      'passed',
    ]);
    expect(t.calls.get('demo', id).endedReason).toBe('callee-hangup');
  });

  it('voicemail: a machine answers; a call-back message passes, and the line closes', async () => {
    const { mock, t, dial, say } = await mockWithExamples();
    const id = dial('+15005550160');
    mock.advance(1 + 3);
    expect(t.calls.get('demo', id).answeredBy).toBe('machine');
    say(id, 'Hi, this is the clinic. Please call us back about tomorrow.');
    mock.advance(2);
    expect((await mock.scenarioRun(id)).status).toBe('passed');
    expect(t.calls.get('demo', id).status).toBe('completed');
  });

  it('impatient caller: no apology within 10 s and the caller hangs up; the run fails', async () => {
    const { mock, t, dial } = await mockWithExamples();
    const id = dial('+15005550170');
    mock.advance(4 + 1 + 10);
    const run = await mock.scenarioRun(id);
    expect(run).toMatchObject({
      status: 'failed',
      reason: 'step /steps/1: the agent said nothing within 10 s',
    });
    expect(t.calls.get('demo', id)).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
  });

  it('impatient caller: after an apology, texts the new address (with the call id) and hangs up', async () => {
    const { mock, t, dial, say } = await mockWithExamples();
    const id = dial('+15005550170');
    mock.advance(4 + 1);
    say(id, 'I am so sorry about that.');
    mock.advance(1);
    say(id, 'What is the new address?');
    mock.advance(0);
    expect(t.texts.list('demo', {}).data[0]?.body).toBe(`The new address is 12 Elm Street, for call ${id}.`);
    expect((await mock.scenarioRun(id)).status).toBe('passed');
  });
});

/** Who speaks first when a call is answered, and what they say. */
export interface FirstWords {
  speaker: 'agent' | 'callee';
  text: string;
}

const VOICEMAIL_GREETING = "Hi, you've reached my voicemail. Please leave a message after the tone.";

/** The first line of an answered call: a machine plays its voicemail greeting; to a person, the agent greets. */
export function firstWords(answeredBy: 'human' | 'machine', agentGreeting: string | undefined): FirstWords {
  if (answeredBy === 'machine') return { speaker: 'callee', text: VOICEMAIL_GREETING };
  return { speaker: 'agent', text: agentGreeting ?? 'Hello!' };
}

/** The shipped scenarios the conversation handler is tested against, and the number each claims. */
export const conversationCases: Array<[string, { file: string; to: string; spoken: RegExp }]> = [
  [
    'booking: the agent offers a time, the diner takes it',
    { file: 'booking.yaml', to: '+15005550140', spoken: /7:30 pm is perfect/ },
  ],
  [
    'an impatient caller: the agent apologises, the caller stays',
    { file: 'impatient-caller.yaml', to: '+15005550170', spoken: /change my delivery address/ },
  ],
];

/** Where the shipped scenario files are. */
export const scenarioFile = (name: string) => new URL(`../scenarios/${name}`, import.meta.url).pathname;

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

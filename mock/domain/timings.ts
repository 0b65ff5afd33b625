/** How long things take by themselves on the mock's clock, in milliseconds (docs/behaviour.md: Calls). */
export const TIMINGS = {
  queuedToRinging: 1_000,
  ringingToAnswer: 3_000,
  ringingToBusy: 5_000,
  ringingToNoAnswer: 20_000,
  queuedToFailed: 1_000,
  calleeSpeaksAfterAnswer: 2_000,
  voiceCloning: 10_000,
  textQueuedToSent: 1_000,
  textSentToDelivered: 2_000,
} as const;

/**
 * Why the mock will not send to `target`, or null when it may: only http(s) URLs, and never one
 * the server marks forbidden (its own admin API, which a webhook could otherwise reset or steer).
 */
export function refuseWebhookTarget(target: string, isForbidden: (url: URL) => boolean): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `refused: ${target} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `refused: only http and https URLs receive webhooks, not ${url.protocol}`;
  if (isForbidden(url)) return "refused: the target is the mock's own admin API";
  return null;
}

import { parseHttpUrl } from '../../spec/url-rule.js';
import type { InjectAudioRequest } from './types.js';

/** What a call records of audio injected into it: a URL's format from its extension, inline audio's size. */
export function playbackOf(input: InjectAudioRequest, at: string) {
  if ('url' in input)
    return { source: 'url' as const, url: input.url, format: input.format ?? formatOf(input.url), at };
  return { source: 'inline' as const, bytes: base64ByteLength(input.content), format: input.format, at };
}

function formatOf(url: string): 'wav' | 'mp3' | 'ogg' | 'ulaw' {
  const parsed = parseHttpUrl(url);
  const ext = parsed.ok ? parsed.url.pathname.split('.').pop()?.toLowerCase() : undefined;
  return ext === 'mp3' || ext === 'ogg' || ext === 'ulaw' ? ext : 'wav';
}

// How many bytes base64 text decodes to, reckoned from its length as Node's Buffer.byteLength does.
function base64ByteLength(content: string): number {
  let length = content.length;
  if (content.endsWith('=')) length--;
  if (content.endsWith('==')) length--;
  return (length * 3) >>> 2;
}

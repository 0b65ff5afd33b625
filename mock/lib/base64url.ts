/** A string's UTF-8 as base64url without padding, as `Buffer.from(s).toString('base64url')` gives. */
export function encodeBase64Url(text: string): string {
  const binary = Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The UTF-8 text a base64url string holds; '' for a string that is not base64url. */
export function decodeBase64Url(encoded: string): string {
  try {
    const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, ''));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    // atob refuses what is not base64: such a cursor matches nothing, as an unknown one does.
    return '';
  }
}

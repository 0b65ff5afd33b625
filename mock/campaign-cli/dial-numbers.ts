/**
 * The numbers a dial places, from a file: one a line (a CSV's first column), blank lines and
 * `#` comments skipped.
 */
export function numbersFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.split('#')[0] ?? '').split(',')[0]?.trim() ?? '')
    .filter((n) => n !== '');
}

/**
 * `count` numbers under `prefix`, in order: the suffix zero-padded to four digits at least (so
 * `+1415555` gives full North American numbers, +14155550000 …), never past E.164's 15 digits.
 */
export function numbersFromPrefix(prefix: string, count: number): string[] {
  if (!/^\+[1-9][0-9]*$/.test(prefix))
    throw new Error(`--prefix takes '+' and digits, like +1415555, not '${prefix}'`);
  const width = Math.max(4, String(Math.max(0, count - 1)).length);
  if (prefix.length - 1 + width > 15)
    throw new Error(`--prefix ${prefix} leaves no room for ${count} numbers within E.164's 15 digits`);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(width, '0')}`);
}

/** Each number `repeat` times, round by round: all numbers once, then all again. */
export function dialList(numbers: readonly string[], repeat: number): string[] {
  return Array.from({ length: repeat }, () => numbers).flat();
}

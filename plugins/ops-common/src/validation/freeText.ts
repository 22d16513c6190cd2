/**
 * Free text a person must write (a waiver's reason), as it is kept: NFKC
 * normalised, with invisible characters (zero-width spaces and joiners, other
 * format and control characters, Hangul fillers) removed and the ends
 * trimmed. Text made only of invisible characters comes out empty, so it
 * cannot pass for a reason. Line breaks and tabs stay.
 *
 * @public
 */
export function visibleText(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0]|(?![\n\t])\p{Cc}/gu, '')
    .trim();
}

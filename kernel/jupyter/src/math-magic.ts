/** Recognising `%%math` cells (kept apart from math-cell.ts so that checking a cell does not load mathjs). */

/** The magic line that marks a math cell. */
export const MATH_MAGIC = /^\s*%%math[^\S\n]*(\n|$)/;

export function isMathCell(src: string): boolean {
  return MATH_MAGIC.test(src);
}

export function mathBody(src: string): string {
  return src.replace(MATH_MAGIC, "");
}

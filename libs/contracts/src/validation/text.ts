/**
 * Text as the database will store it. Postgres counts a string's length in code points, where
 * JavaScript's `length` counts UTF-16 units and class-validator's `Length` also discounts
 * variation selectors; it refuses NUL outright and silently replaces a lone surrogate. So every
 * text field is measured and screened here, the same way on the gateway and on the bus.
 */
export interface TextRules {
  /** Code points, after trimming unless `trim` is false. */
  min?: number;
  max: number;
  /** Descriptions and message bodies may hold tabs and line breaks; nothing else may. */
  multiline?: boolean;
  /** Passwords and tokens are taken exactly as typed. */
  trim?: boolean;
}

// C0 controls, DEL and C1 controls; the multi-line form lets \t, \n and \r through.
// Matching control characters is the point of these two expressions.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function codePointLength(value: string): number {
  return [...value].length;
}

/** What is wrong with `value` as text under `rules`, or null when nothing is. */
export function textProblem(value: unknown, rules: TextRules): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (!value.isWellFormed()) return 'must be valid Unicode (it holds a lone surrogate)';
  const control = rules.multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS;
  if (control.test(value)) {
    return rules.multiline
      ? 'must not contain control characters other than tab and line breaks'
      : 'must not contain control characters';
  }
  const length = codePointLength(value);
  const min = rules.min ?? 0;
  if (length < min || length > rules.max) {
    const range = min === 0 ? `at most ${rules.max}` : `${min}-${rules.max}`;
    return `must be ${range} characters${rules.trim === false ? '' : ', spaces aside'}`;
  }
  return null;
}

export function trimText(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

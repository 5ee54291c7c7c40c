import type { ModerationFlag } from '#contracts';

/** A small default block list; `REVIEW_BLOCKED_WORDS` replaces it. */
export const DEFAULT_BLOCKED_WORDS = [
  'fuck',
  'shit',
  'cunt',
  'bastard',
  'bollocks',
  'wanker',
  'twat',
  'prick',
];

const EMAIL =
  /[a-z0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[a-z0-9-]+)+/i;
const URL = /\b(?:https?:\/\/|www\.)\S+/i;
const TOP_LEVEL_DOMAINS = [
  'com',
  'co\\.uk',
  'org\\.uk',
  'uk',
  'net',
  'org',
  'io',
  'biz',
  'info',
  'me',
];
const BARE_DOMAIN = new RegExp(`\\b[a-z0-9-]{2,}\\.(?:${TOP_LEVEL_DOMAINS.join('|')})\\b`, 'i');
/** Ten digits or more in one run, whatever separates them: "07911 123 456", "+44 (0) 7911...". */
const PHONE = /(?:\+\s*)?(?:\d[\s().-]{0,2}){9,}\d/;

/**
 * Why a review's or a response's text must be held for an admin, if at all: contact details
 * (phone numbers, emails, web addresses; trading outside the platform starts there) or words of
 * the block list (whole words, with the usual endings, in any case).
 */
export function moderationFlags(text: string, blockedWords: readonly string[]): ModerationFlag[] {
  const normalised = text.normalize('NFKC');
  const flags: ModerationFlag[] = [];
  if (PHONE.test(normalised)) flags.push('phone');
  if (EMAIL.test(normalised)) flags.push('email');
  if (URL.test(normalised) || (!EMAIL.test(normalised) && BARE_DOMAIN.test(normalised))) {
    flags.push('url');
  }
  if (blockedWords.some((word) => blockedWordPattern(word).test(normalised))) {
    flags.push('blocked_word');
  }
  return flags;
}

/** `REVIEW_BLOCKED_WORDS`: comma-separated, blanks ignored, compared in lower case. */
export function parseBlockedWords(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_BLOCKED_WORDS;
  return value
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word.length > 0);
}

function blockedWordPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${escaped}(?:s|es|ed|er|ers|ing|y)?(?![\\p{L}\\p{N}])`,
    'iu',
  );
}

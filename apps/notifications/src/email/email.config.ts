import { envBoolean, envInt, envString } from '#platform';

export const EMAIL_CONFIG = Symbol('EMAIL_CONFIG');

export interface EmailConfig {
  /** `smtp://` or `smtps://` URL of the mail server; unset, mails are written to `mailDir`. */
  smtpUrl: string | null;
  mailFrom: string;
  mailDir: string;
  /** At most one email per conversation and recipient this often. */
  messageDigestMs: number;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts before a delivery is `failed` for good. */
  maxAttempts: number;
}

/**
 * In production an email must reach a person: writing it to a file would lose it, unless a demo
 * stack says so (`ALLOW_MAIL_FILES=true`).
 */
export function loadEmailConfig(): EmailConfig {
  const smtpUrl = envString('SMTP_URL', '');
  const production = process.env.NODE_ENV === 'production';
  if (smtpUrl === '' && production && !envBoolean('ALLOW_MAIL_FILES', false)) {
    throw new Error(
      'SMTP_URL must be set in production (or ALLOW_MAIL_FILES=true, for demos): notifications send email through it',
    );
  }
  return {
    smtpUrl: smtpUrl === '' ? null : smtpUrl,
    mailFrom: envString('MAIL_FROM', 'TradeMatch <no-reply@tradematch.local>'),
    mailDir: envString('MAIL_DIR', '.data/mail'),
    messageDigestMs: envInt('MESSAGE_EMAIL_DIGEST_MS', 15 * 60 * 1000),
    pollMs: envInt('EMAIL_POLL_MS', 1000),
    retryBaseMs: envInt('EMAIL_RETRY_BASE_MS', 2000),
    retryMaxMs: envInt('EMAIL_RETRY_MAX_MS', 15 * 60 * 1000),
    maxAttempts: Math.max(1, envInt('EMAIL_MAX_ATTEMPTS', 8)),
  };
}

import { loadEmailConfig } from './email.config.js';

const VARIABLES = [
  'NODE_ENV',
  'SMTP_URL',
  'ALLOW_MAIL_FILES',
  'MESSAGE_EMAIL_DIGEST_MS',
  'MAIL_DIR',
];

describe('email configuration', () => {
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    for (const name of VARIABLES) delete process.env[name];
  });

  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('writes emails to .data/mail without SMTP_URL, and batches messages per 15 minutes', () => {
    expect(loadEmailConfig()).toMatchObject({
      smtpUrl: null,
      mailDir: '.data/mail',
      messageDigestMs: 900_000,
    });
  });

  it('sends over SMTP_URL when it is set', () => {
    process.env.SMTP_URL = 'smtp://mail.example.com:587';
    expect(loadEmailConfig().smtpUrl).toBe('smtp://mail.example.com:587');
  });

  it('refuses to run in production without a mail server, unless told emails may go to files', () => {
    process.env.NODE_ENV = 'production';
    expect(() => loadEmailConfig()).toThrow(/SMTP_URL must be set in production/);
    process.env.ALLOW_MAIL_FILES = 'true';
    expect(loadEmailConfig().smtpUrl).toBeNull();
  });
});

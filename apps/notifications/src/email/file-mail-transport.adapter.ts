import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { MailTransport, OutgoingMail } from './mail-transport.js';

/**
 * Without `SMTP_URL` (`npm start` on a laptop), each email becomes a file in `MAIL_DIR` and one
 * log line, so a developer can read what would have been sent.
 */
export class FileMailTransport implements MailTransport {
  private sent = 0;

  constructor(
    private readonly directory: string,
    private readonly from: string,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const stamp = this.now().toISOString().replaceAll(':', '-');
    const file = path.join(this.directory, `${stamp}-${process.pid}-${++this.sent}.eml`);
    const message = [
      `From: ${this.from}`,
      `To: ${mail.to}`,
      `Subject: ${mail.subject}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      mail.text,
      '',
    ].join('\r\n');
    await writeFile(file, message, 'utf8');
    this.logger.info({ to: mail.to, subject: mail.subject, file }, 'email written to a file');
  }

  close(): void {}
}

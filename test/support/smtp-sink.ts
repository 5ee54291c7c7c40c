import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** "=?UTF-8?Q?=C2=A3120?=" and "=?UTF-8?B?wqMxMjA=?=" words of a header, decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < unfolded.length; index++) {
    const hex = unfolded.slice(index + 1, index + 3);
    if (unfolded[index] === '=' && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[index], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The subject and plain-text body of a single-part message as nodemailer writes it. */
function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headerLines = raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n');
  const header = (name: string) =>
    headerLines
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { to, subject: decodeHeader(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server on a free port that keeps what it receives, and can refuse a recipient's
 * next attempts with a 451 (try again later), as a busy mail server does.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private readonly refusals = new Map<string, { times: number; code: number }>();
  private readonly attempts = new Map<string, number>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => this.admit(address, callback),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address);
        this.mails.push(parse(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  private port = 0;

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.server.listen(0, '127.0.0.1');
    await once(sink.server.server, 'listening');
    sink.port = (sink.server.server.address() as AddressInfo).port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * The next `times` attempts to mail `address` are answered `code`: 451 (try again later), as a
   * busy server does, or a 5xx, as one that will never take it.
   */
  refuse(address: string, times: number, code = 451): void {
    this.refusals.set(address.toLowerCase(), { times, code });
  }

  attemptsFor(address: string): number {
    return this.attempts.get(address.toLowerCase()) ?? 0;
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  subjectsTo(address: string): string[] {
    return this.mailsTo(address)
      .map((mail) => mail.subject)
      .sort();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private admit(address: SMTPServerAddress, callback: (error?: Error | null) => void): void {
    const to = address.address.toLowerCase();
    this.attempts.set(to, this.attemptsFor(to) + 1);
    const refusal = this.refusals.get(to);
    if (refusal && refusal.times > 0) {
      this.refusals.set(to, { ...refusal, times: refusal.times - 1 });
      const error = new Error(refusal.code >= 500 ? 'No such mailbox' : 'Mailbox busy, try later');
      callback(Object.assign(error, { responseCode: refusal.code }));
      return;
    }
    callback();
  }
}

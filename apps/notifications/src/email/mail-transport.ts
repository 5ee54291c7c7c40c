/** One email, plain text. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where emails go: an SMTP server, or files when none is configured. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

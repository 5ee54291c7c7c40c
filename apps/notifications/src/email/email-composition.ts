import type { OutgoingMail } from './mail-transport.js';

export interface EmailContent {
  title: string;
  body: string;
}

/** A header holds one line: whatever a title carries, it cannot add headers. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const FOOTER =
  'You can choose which emails you get in your notification settings; payments and disputes always reach you.';

/**
 * The email for one notification, or for several batched under one digest key (the messages of
 * a conversation since the last email), oldest first.
 */
export function composeEmail(
  recipient: { name: string; email: string },
  contents: readonly EmailContent[],
): OutgoingMail {
  const latest = contents[contents.length - 1];
  const more = contents.length - 1;
  const subject = more === 0 ? latest.title : `${latest.title} (and ${more} more)`;
  const lead =
    more === 0 ? latest.body : `${contents.length} new since we last wrote. ${latest.body}`;
  return {
    to: recipient.email,
    subject: oneLine(subject),
    text: [`Hi ${recipient.name},`, '', lead, '', '— TradeMatch', '', FOOTER, ''].join('\n'),
  };
}

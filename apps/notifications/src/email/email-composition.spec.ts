import { composeEmail } from './email-composition.js';

const recipient = { name: 'Carol Customer', email: 'carol@example.com' };

describe('composeEmail', () => {
  it('writes one notification as one plain email to the recipient', () => {
    const mail = composeEmail(recipient, [{ title: 'Quote received: £120', body: 'Read it.' }]);
    expect(mail).toMatchObject({ to: 'carol@example.com', subject: 'Quote received: £120' });
    expect(mail.text).toContain('Hi Carol Customer,\n\nRead it.');
  });

  it('batches a digest into one email that says how many came', () => {
    const message = { title: 'New message from your tradesperson', body: 'Sign in to read it.' };
    const mail = composeEmail(recipient, [message, message, message]);
    expect(mail.subject).toBe('New message from your tradesperson (and 2 more)');
    expect(mail.text).toContain('3 new since we last wrote.');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const mail = composeEmail(recipient, [{ title: 'New lead:\r\nBcc: x@y.z', body: '' }]);
    expect(mail.subject).toBe('New lead: Bcc: x@y.z');
  });
});

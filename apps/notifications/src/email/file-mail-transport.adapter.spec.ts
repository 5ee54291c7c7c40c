import { createLogger } from '#platform';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMailTransport } from './file-mail-transport.adapter.js';

describe('FileMailTransport', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'tradematch-mail-spec-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('writes each email to a file of its own in the mail directory', async () => {
    const transport = new FileMailTransport(
      path.join(directory, 'mail'),
      'TradeMatch <no-reply@tradematch.local>',
      createLogger('notifications', 'silent'),
      () => new Date('2026-12-01T12:00:00.000Z'),
    );
    await transport.send({ to: 'carol@example.com', subject: 'Quote received: £120', text: 'Hi' });
    await transport.send({ to: 'carol@example.com', subject: 'Job complete', text: 'Done' });
    const files = (await readdir(path.join(directory, 'mail'))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^2026-12-01T12-00-00\.000Z-\d+-1\.eml$/);
    const first = await readFile(path.join(directory, 'mail', files[0]), 'utf8');
    expect(first).toBe(
      'From: TradeMatch <no-reply@tradematch.local>\r\nTo: carol@example.com\r\n' +
        'Subject: Quote received: £120\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi\r\n',
    );
  });
});

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { api } from './support/http-client.js';
import { openConversation, type OpenConversation } from './support/marketplace.js';
import { TestSystem } from './support/system.js';

/** Debian's package; CHROMIUM_PATH names another build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The gateway's /stream-demo page in a real browser (headless Chromium): it signs in, opens the
 * stream with a ticket through EventSource, under the page's own Content-Security-Policy, and
 * shows a message sent through the API as it arrives.
 */
describe('the /stream-demo page in a browser', () => {
  let system: TestSystem;
  let browser: Browser;
  let pair: OpenConversation;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `The browser test needs Chromium at ${CHROMIUM}: apt-get install chromium ` +
          '(.ci/run installs it), or set CHROMIUM_PATH.',
      );
    }
    system = await TestSystem.start();
    pair = await openConversation(system.baseUrl, 'SE8');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in a container has no user namespace for Chromium's sandbox.
      args: ['--no-sandbox'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows a message sent through the API as it arrives', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const served = await page.goto(`${system.baseUrl}/stream-demo`);
    expect(served?.status()).toBe(200);
    expect(served?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.fill('#email', pair.customer.email);
    await page.fill('#password', pair.customer.password);
    await page.click('#connect');
    await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });

    const sent = await api(
      system.baseUrl,
      'POST',
      `/api/connection/conversations/${pair.conversationId}/messages`,
      { token: pair.vendor.token, body: { body: 'I can come round at 9 tomorrow' } },
    );
    expect(sent.status).toBe(201);
    const shown = page.locator('#events li[data-kind="message"] .text');
    await shown.first().waitFor({ timeout: 10_000 });
    expect(await shown.first().textContent()).toBe('vendor: I can come round at 9 tomorrow');
    expect(await page.locator('#events li[data-kind="notification"]').count()).toBeGreaterThan(0);
    // No script or connection the page's policy refused, no script error.
    expect(problems).toEqual([]);
  }, 60_000);
});

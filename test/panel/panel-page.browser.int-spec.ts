import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Secret, TOTP } from 'otpauth';
import { Browser, Page, chromium } from 'playwright-core';
import { SystemHarness, withKey } from '../system.harness';
import { webhookReceiver } from '../webhooks/fixtures/webhook-receiver';
const { ensureChromium } = require('../../scripts/services');

// What the page functions below use of the browser's DOM (evaluated in Chromium, not in Node).
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * A person's first visit, in Debian's Chromium: sign up, create a scoped key, read its secret
 * from the show-once dialog, call the gateway with it, see the chart count the call, revoke it,
 * and see the next call refused. Screenshots land in docs/screenshots/ for the README.
 */
describe('the Panel page in a real browser', () => {
  // The webhook receiver below is on loopback: private targets are allowed for this harness only.
  const system = new SystemHarness(
    { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
    { usageService: true },
  );
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const executablePath = ensureChromium();
    await system.start(1);
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    // A page of its own context: axe-core opens its frames in the context.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await system.stop();
  });

  const shot = (name: string, fullPage = true) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

  /** What axe-core finds serious or critical on the page as it is now (WCAG 2.1 AA rules). */
  const accessibilityProblems = async (on: Page = page) => {
    const results = await new AxeBuilder({ page: on })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  };

  it('signs up, issues a scoped key, meters its call, revokes it', async () => {
    const panel = system.panel.url;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${panel}/panel`);
    await page.locator('#signup-form input[name=accountName]').fill('Acme Books');
    await page
      .locator('#signup-form input[name=email]')
      .fill(`owner-${Date.now()}@acme-books.example`);
    await page.locator('#signup-form input[name=password]').fill('a long passphrase');
    await shot('1-sign-up');
    expect(await accessibilityProblems()).toEqual([]);
    await page.locator('#signup-form button[type=submit]').click();

    const secretDialog = page.locator('#secret-dialog');
    await secretDialog.waitFor({ state: 'visible' });
    expect(await page.locator('#secret-value').textContent()).toMatch(/^kg_sk_/);
    await secretDialog.locator('[data-close]').click();
    // The account's application keys: a live pair and a test pair.
    await page.locator('#keys tbody tr').nth(3).waitFor();
    expect(await page.locator('#keys tbody tr').count()).toBe(4);
    expect(await page.locator('#keys tbody tr .test-key').count()).toBe(2);

    await page.locator('#new-key').click();
    await page.locator('#create-form input[name=name]').fill('Storefront (books, read)');
    await page.locator('#rule-editor input[type=text]').fill('book');
    await shot('2-create-key', false);
    await page.locator('#create-form button[type=submit]').click();
    await secretDialog.waitFor({ state: 'visible' });
    const secret = (await page.locator('#secret-value').textContent())!;
    expect(secret).toMatch(/^kg_sk_[0-9A-Za-z]{38}$/);
    expect(await page.locator('#secret-qr img').count()).toBe(1);
    await shot('3-secret-shown-once', false);
    await secretDialog.locator('[data-close]').click();
    // Closing the dialog forgets the secret.
    await page.waitForFunction(() => document.querySelector('#secret-value')?.textContent === '');

    await system.gatewaysCaughtUp();
    expect((await system.call('/api/v1/content/book', { headers: withKey(secret) })).status).toBe(
      200,
    );
    expect((await system.call('/api/v1/content/author', { headers: withKey(secret) })).status).toBe(
      403,
    );

    await page.reload();
    await page.locator('#usage-summary').filter({ hasText: '1 of 100,000' }).waitFor();
    const row = page.locator('#keys tbody tr', { hasText: 'Storefront' });
    await row.locator('td', { hasText: /^1$/ }).waitFor();
    await shot('4-keys-and-usage');
    expect(await accessibilityProblems()).toEqual([]);

    // Why was the author read refused? The key's decisions say, with the answer's request id.
    await row.getByRole('button', { name: 'Decisions' }).click();
    await page
      .locator('#refusals tbody tr', { hasText: 'missing_permission (permission author:read)' })
      .waitFor();
    await page.locator('#decisions-summary', { hasText: '1 admitted, 1 refused' }).waitFor();
    await shot('7-recent-refusals', false);
    await page.locator('#decisions-dialog [data-close]').click();

    // An admin gives the key a rate limit from its row.
    await row.getByRole('button', { name: 'Limits' }).click();
    await page.locator('#add-limit').click();
    await page.locator('#limits-editor input').fill('5');
    await page.locator('#limits-editor select').selectOption('60');
    await page.locator('#limits-form button[type=submit]').click();
    await row.filter({ hasText: 'at most 5/min' }).waitFor();

    // And edits it: a new name, one more content type to read.
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.locator('#edit-form input[name=name]').fill('Storefront (books and authors, read)');
    await page.locator('#edit-add-rule').click();
    await page
      .locator('#edit-rule-editor tbody tr')
      .nth(1)
      .locator('input[type=text]')
      .fill('author');
    await page.locator('#edit-form button[type=submit]').click();
    await row.filter({ hasText: 'author: read' }).waitFor();
    await page.locator('#audit tbody tr', { hasText: 'KeyUpdated' }).first().waitFor();
    await system.gatewaysCaughtUp();
    expect((await system.call('/api/v1/content/author', { headers: withKey(secret) })).status).toBe(
      200,
    );

    // A scanner reports the key leaked (notify only): the page says so above the keys.
    await system.send('keys.report-leaks', {
      secrets: [secret],
      source: 'gitleaks',
      url: 'https://paste.example/k1',
      action: 'notify',
    });
    await page.reload();
    await page
      .locator('#leak-banner', {
        hasText: 'Key “Storefront (books and authors, read)” was reported leaked by gitleaks',
      })
      .waitFor();

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('#confirm-ok').click();
    await row.locator('.status-revoked').waitFor();
    await page
      .locator('#revocation-notice', {
        hasText: 'is revoked: refused on 1 of 1 gateways',
      })
      .waitFor();
    await system.gatewaysCaughtUp();
    const refused = await system.call('/api/v1/content/book', { headers: withKey(secret) });
    expect(refused.status).toBe(401);
    await page.locator('#audit tbody tr', { hasText: 'KeyRevoked' }).waitFor();
    await shot('5-revoked-and-audit');
    expect(errors).toEqual([]);
  });

  it('adds a webhook endpoint, shows its secret once, tests it and lists the delivery', async () => {
    const hooks = await webhookReceiver();
    try {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.locator('#new-webhook').click();
      await page.locator('#webhook-form input[name=url]').fill(hooks.url);
      await page.locator('#webhook-form button[type=submit]').click();
      const secretDialog = page.locator('#secret-dialog');
      await secretDialog.waitFor({ state: 'visible' });
      const secret = String(await page.locator('#secret-value').textContent());
      expect(secret).toMatch(/^whsec_/);
      await secretDialog.locator('[data-close]').click();
      const row = page.locator('#webhooks tbody tr', { hasText: hooks.url });
      await row.waitFor();

      // The result is shown in place, not in an alert box.
      await row.getByRole('button', { name: 'Test' }).click();
      await page.locator('#webhooks-status', { hasText: /^Delivered: 204/ }).waitFor();
      await row.getByRole('button', { name: 'Deliveries' }).click();
      await page.locator('#deliveries tbody tr', { hasText: 'webhook.test' }).waitFor();
      expect(hooks.verified(secret).map((message) => message.type)).toEqual(['webhook.test']);
      await shot('6-webhook-deliveries', false);
      await page.locator('#deliveries-dialog [data-close]').click();
      expect(errors).toEqual([]);
    } finally {
      await hooks.close();
    }
  });

  it('shows least-privilege advice beside a key that used less than it holds, and applies it', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'kg_session')!.value;
    const signedIn = await system.call('/panel/api/session', {
      headers: { cookie: `kg_session=${session}` },
    });
    const { secret } = await system.createKey(signedIn.body.account.id, {
      name: 'Catalogue (books and authors)',
      rules: [
        { resource: 'book', actions: ['read'] },
        { resource: 'author', actions: ['read'] },
      ],
    });
    await system.gatewaysCaughtUp();
    for (let i = 0; i < 100; i++)
      expect((await system.call('/api/v1/content/book', { headers: withKey(secret) })).status).toBe(
        200,
      );

    await page.reload();
    const row = page.locator('#keys tbody tr', { hasText: 'Catalogue' });
    const advice = row.locator('.advice', { hasText: 'unused in 30 days: author:read' });
    await advice.waitFor();
    expect(await advice.textContent()).toContain('needs only book: read');
    await row.scrollIntoViewIfNeeded();
    await shot('8-least-privilege-advice', false);
    await advice.getByRole('button', { name: 'Apply' }).click();
    await row.locator('td', { hasText: /^book: read$/ }).waitFor();
    await page.locator('#audit tbody tr', { hasText: 'KeyUpdated' }).first().waitFor();
    expect(await row.locator('.advice').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets a team in and out: invite, the teammate turns on two-factor and logs in with a code, then is removed', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.reload();
    const email = `teammate-${Date.now()}@acme-books.example`;
    const password = 'violet lantern orbit';
    await page.locator('#add-user-form input[name=email]').fill(email);
    await page.locator('#add-user-form input[name=password]').fill(password);
    await page.locator('#add-user-form button[type=submit]').click();
    const teammateRow = page.locator('#users tbody tr', { hasText: email });
    await teammateRow.waitFor();

    const theirs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const their = await theirs.newPage();
      their.on('pageerror', (error) => errors.push(error.message));
      const logIn = async () => {
        await their.goto(`${system.panel.url}/panel`);
        await their.locator('#login-form input[name=email]').fill(email);
        await their.locator('#login-form input[name=password]').fill(password);
        await their.locator('#login-form button[type=submit]').click();
      };
      await logIn();
      await their.locator('#security-card').waitFor();

      // Two-factor sign-in: scan (here: read) the secret, confirm with a code, keep the codes.
      await their.locator('#two-factor-start').click();
      await their.locator('#two-factor-enrol:not([hidden])').waitFor();
      const secret = (await their.locator('#two-factor-secret').textContent())!;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const totp = new TOTP({ secret: Secret.fromBase32(secret) });
      await their.locator('#two-factor-confirm input[name=code]').fill(totp.generate());
      await their.locator('#two-factor-confirm button[type=submit]').click();
      await their.locator('#recovery-codes:not([hidden])').waitFor();
      expect((await their.locator('#recovery-codes-list').textContent())!.split('\n')).toHaveLength(
        10,
      );
      await their
        .locator('#security-card')
        .screenshot({ path: join(SCREENSHOTS, '9-two-factor-on.png') });

      // Out, and in again: the password alone asks for a code (the next step's: this one is spent).
      await their.locator('#logout').click();
      await logIn();
      await their.locator('#two-factor-form:not([hidden])').waitFor();
      await their
        .locator('#two-factor-form input[name=code]')
        .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await their.locator('#two-factor-form button[type=submit]').click();
      await their.locator('#security-card').waitFor();
      await their.locator('#two-factor-status', { hasText: 'On:' }).waitFor();
      expect(await accessibilityProblems(their)).toEqual([]);

      // The admin sees they sign in with two factors, then removes them: their page fails on its
      // next action.
      await page.reload();
      await teammateRow.locator('td', { hasText: /^on$/ }).waitFor();
      await teammateRow.getByRole('button', { name: 'Remove' }).click();
      await page.locator('#confirm-ok').click();
      await teammateRow.waitFor({ state: 'detached' });
      await their.reload();
      await their.locator('#auth:not([hidden])').waitFor();
      await page.locator('#audit tbody tr', { hasText: 'PanelUserRemoved' }).waitFor();
      await page.locator('#team-card').screenshot({ path: join(SCREENSHOTS, '10-team.png') });
    } finally {
      await theirs.close();
    }
    expect(errors).toEqual([]);
  });
});

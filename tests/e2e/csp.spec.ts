/**
 * Security in the real browser: the built app's Content-Security-Policy is strict (no
 * 'unsafe-eval', no inline scripts), and nothing the app does violates it — every
 * route, KaTeX formulas, Plotly charts (drawn and hovered), a live run in the Worker.
 * Violations are caught two ways: `securitypolicyviolation` events recorded on the page
 * from before its first script, and the console's "Refused to…" errors. Text a reader
 * types is rendered as text, never as HTML.
 */
import { expect, test, type Page } from '@playwright/test';
import { h1, ROUTES } from './helpers';

const RUN_TIMEOUT = 150_000;

/** Records every CSP violation of each document the page loads, on window.__cspViolations. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        w.__cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        ),
      true,
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/** Console messages about the policy (Chromium: "Refused to …", "… Content Security Policy …"). */
function collectCspConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

async function policy(page: Page): Promise<string> {
  return (
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? ''
  );
}

/** Waits for the page's formulas (KaTeX) and charts (Plotly) to render, then hovers a chart. */
async function renderEverything(page: Page): Promise<void> {
  const formulas = page.locator('.formula');
  if ((await formulas.count()) > 0) {
    await expect(formulas.first().locator('.katex').first()).toBeVisible();
  }
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.chart-loading')).toHaveCount(0);
  const plot = page.locator('figure .main-svg').first();
  if ((await plot.count()) > 0) {
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    // Hovering the middle of the plot area: Plotly's hover labels and spikes.
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
}

test.describe('Content-Security-Policy', () => {
  test('is strict: no eval, no inline scripts, nothing from elsewhere', async ({ page }) => {
    await page.goto('/');
    const csp = await policy(page);
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:|\*/);
    // The built page has no inline script: every <script> has a src.
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  test.describe('the detector', () => {
    // page.route must see the probe script's request: no service worker in between.
    test.use({ serviceWorkers: 'block' });

    test('works: an injected inline script and eval in app code are refused and recorded', async ({
      page,
    }) => {
      // A same-origin script ('self' allows it) that tries eval, as app code would.
      await page.route('**/e2e-eval-probe.js', (route) =>
        route.fulfill({
          contentType: 'text/javascript',
          body: "try { eval('1 + 1'); window.__eval = 'ran'; } catch { window.__eval = 'refused'; }",
        }),
      );
      await recordViolations(page);
      const cspConsole = collectCspConsole(page);
      await page.goto('/');
      await expect(h1(page)).toHaveText(ROUTES[0].h1);
      await page.evaluate(() => {
        const inline = document.createElement('script');
        inline.textContent = 'window.__injected = true;';
        document.head.append(inline);
        const probe = document.createElement('script');
        probe.src = '/e2e-eval-probe.js';
        document.head.append(probe);
      });
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __eval?: string }).__eval))
        .toBe('refused');
      expect(
        await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
      ).toBeUndefined();
      const recorded = await violations(page);
      expect(recorded.some((v) => v.startsWith('script-src-elem blocked inline'))).toBe(true);
      expect(recorded.some((v) => v.startsWith('script-src blocked eval'))).toBe(true);
      expect(cspConsole.length).toBeGreaterThan(0);
    });
  });

  test('no violation on any route, with formulas, charts and a live run', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT + 90_000);
    await recordViolations(page);
    const cspConsole = collectCspConsole(page);
    const seen: string[] = [];

    for (const route of ROUTES) {
      await page.goto(route.path);
      await expect(h1(page)).toHaveText(route.h1);
      await renderEverything(page);
      seen.push(...(await violations(page)).map((v) => `${route.path}: ${v}`));
    }

    // A live run: the Worker starts and the charts stream.
    await page.goto('/pretraining?pretrain.steps=20&pretrain.evalEvery=10');
    await page.getByRole('button', { name: 'Train live' }).click();
    await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'completed', {
      timeout: RUN_TIMEOUT,
    });
    await renderEverything(page);
    seen.push(...(await violations(page)).map((v) => `live run: ${v}`));

    expect(seen).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  test('text typed by the reader is shown as text, never as HTML', async ({ page }) => {
    await recordViolations(page);
    const cspConsole = collectCspConsole(page);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await page.goto('/reward-model');
    await expect(h1(page)).toHaveText('Reward model');
    const section = page.locator('#score-your-own');
    await section.getByLabel('Your answer').fill(attack);
    await section.getByRole('button', { name: 'Score this answer' }).click();
    const yours = section.locator('.score-row--yours .score-answer');
    await expect(yours).toHaveText(attack, { timeout: 30_000 });
    await expect(section.locator('img')).toHaveCount(0);
    await expect(section.locator('.score-result script')).toHaveCount(0);
    expect(dialogs).toBe(0);
    expect(await violations(page)).toEqual([]);
    expect(cspConsole).toEqual([]);
  });
});

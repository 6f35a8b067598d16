/**
 * Presentation mode, the "?" shortcuts dialog, reduced motion and the phone layout,
 * in the built app. (Axe in presentation mode and both themes: a11y.spec.ts.)
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, DISCLAIMER, h1, ROUTES } from './helpers';

const bar = (page: Page) => page.getByRole('complementary', { name: 'Presentation' });
const status = (page: Page) => bar(page).getByRole('status');

/** The section headings of the page, in reading order (as presentation mode counts them). */
function sectionTitles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('article.page section.section')]
      .filter((s) => s.parentElement?.closest('section.section') === null)
      .map((s) => s.querySelector('h2')?.textContent ?? ''),
  );
}

/** The focused element's text and tag, for readable failures. */
function focused(page: Page): Promise<string> {
  return page.evaluate(
    () => `${document.activeElement?.tagName}: ${document.activeElement?.textContent ?? ''}`,
  );
}

test('P and the header button start and stop presentation mode', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/pretraining');
  await expect(h1(page)).toHaveText('Pretraining');
  const header = page.locator('.site-header');
  const toggle = page.getByRole('button', { name: 'Present', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // The same button, also while hidden (role queries skip hidden elements).
  const toggleAnyway = page.locator('[data-present-toggle]');
  const normalSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  await expect(header).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Previous and next page' })).toBeHidden();
  // What must stay: the disclaimer (on every screen) and a way out.
  await expect(bar(page).getByText(DISCLAIMER)).toBeVisible();
  await expect(bar(page).getByRole('button', { name: 'Exit presentation' })).toBeVisible();
  await expect(status(page)).toContainText('Pretraining: top of the page');
  // Larger type, and taller charts drawn at their new size.
  const presentedSize = await page.evaluate(
    () => getComputedStyle(document.documentElement).fontSize,
  );
  expect(parseFloat(presentedSize)).toBeGreaterThan(parseFloat(normalSize));
  const chartArea = page.locator('.chart--standard .chart-area').first();
  await expect
    .poll(async () => (await chartArea.boundingBox())?.height ?? 0)
    .toBeGreaterThan(0.6 * 720 - 2);
  await expect
    .poll(() =>
      chartArea.evaluate((area) => {
        const svg = area.querySelector('svg.main-svg');
        return svg ? Math.abs(svg.getBoundingClientRect().height - area.clientHeight) : -1;
      }),
    )
    .toBeLessThan(2);

  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenting', '');
  await expect(header).toBeVisible();
  await expect(bar(page)).toHaveCount(0);

  await toggle.click();
  await expect(toggleAnyway).toHaveAttribute('aria-pressed', 'true');
  await expect(header).toBeHidden();
  await bar(page).getByRole('button', { name: 'Exit presentation' }).click();
  await expect(header).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toBeFocused();
  expect(errors).toEqual([]);
});

test('arrow keys step through the sections, on to the next page, and back', async ({ page }) => {
  const errors = collectErrors(page);
  // ?present=1 starts presenting (a lecturer's bookmark) and leaves the address.
  await page.goto('/sft?present=1');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  await expect(page).toHaveURL(/\/sft$/);
  const titles = await sectionTitles(page);
  expect(titles.length).toBeGreaterThan(2);

  // → goes to the first section: its heading at the top of the screen, focused, announced.
  await page.keyboard.press('ArrowRight');
  const first = page.getByRole('heading', { level: 2, name: titles[0], exact: true });
  await expect(first).toBeFocused();
  await expect(status(page)).toHaveText(`Section 1 of ${titles.length}: ${titles[0]}`);
  const top = await first.evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(60);

  // ↓ and Page Down go on: through the rest of a long section, then the next sections…
  const seen = new Set<string>();
  const keys = ['ArrowDown', 'PageDown', 'ArrowRight'];
  for (let press = 0; press < 80; press += 1) {
    // The press that went past the last section has changed the address at once; the
    // next page may still be loading, and one more press would land on it.
    if (/\/reward-model$/.test(page.url())) break;
    if ((await h1(page).textContent()) === 'Reward model') break;
    await page.keyboard.press(keys[press % keys.length]);
    const text = (await status(page).textContent()) ?? '';
    const match = /^Section (\d+) of/.exec(text);
    if (match) seen.add(match[1]);
  }
  // …every one of them, and past the last one to the next page, at its top.
  expect([...seen].map(Number).sort((a, b) => a - b)).toEqual(titles.map((_, i) => i + 1));
  await expect(h1(page)).toHaveText('Reward model');
  await expect(h1(page)).toBeFocused();
  await expect(page).toHaveURL(/\/reward-model$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(status(page)).toContainText('Reward model: top of the page');

  // ← from the top of a page goes back to where the previous page ended: its last section.
  await page.keyboard.press('ArrowLeft');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  const last = page.getByRole('heading', { level: 2, name: titles.at(-1), exact: true });
  await expect(last).toBeFocused();
  await expect(status(page)).toHaveText(
    `Section ${titles.length} of ${titles.length}: ${titles.at(-1)}`,
  );
  // Page Up keeps going back, to the previous section.
  for (let press = 0; press < 20; press += 1) {
    if ((await status(page).textContent())?.startsWith(`Section ${titles.length - 1} `)) break;
    await page.keyboard.press('PageUp');
  }
  await expect(
    page.getByRole('heading', { level: 2, name: titles.at(-2), exact: true }),
  ).toBeFocused();

  // Escape leaves presentation mode where the reader is.
  await page.keyboard.press('Escape');
  await expect(page.locator('.site-header')).toBeVisible();
  expect(errors).toEqual([]);
});

test('arrow keys are left to fields and sliders, and to the page outside presentation mode', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/ppo');
  await expect(h1(page)).toHaveText('RLHF with PPO');
  await page.waitForLoadState('networkidle');

  // Outside presentation mode ↓ scrolls the page as usual and moves no focus.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(await focused(page)).not.toMatch(/^H2/);

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  await expect(status(page)).toContainText('Presentation mode');
  const before = (await status(page).textContent()) ?? '';

  // A slider keeps its arrows: the value moves, the page does not step.
  const slider = page.locator('main input[type="range"]').first();
  await slider.scrollIntoViewIfNeeded();
  await slider.focus();
  const value = await slider.inputValue();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toBeFocused();
  await expect(slider).not.toHaveValue(value);
  await expect(status(page)).toHaveText(before);

  // So does a number field (and P typed there does not leave presentation mode).
  const field = page.locator('main input[type="number"]').first();
  await field.focus();
  for (const key of ['ArrowDown', 'ArrowLeft', 'PageDown', 'p']) await page.keyboard.press(key);
  await expect(field).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  await expect(status(page)).toHaveText(before);
});

test('"?" opens the list of every shortcut, as a modal dialog', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/reward-model');
  await expect(h1(page)).toHaveText('Reward model');
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  for (const action of [
    'Previous page',
    'Next page',
    'Start or stop presentation mode',
    'Show this list of shortcuts',
    'Leave presentation mode',
  ]) {
    await expect(dialog.getByText(action, { exact: true })).toBeVisible();
  }
  const caps = await dialog.locator('kbd').allTextContents();
  for (const cap of ['[', ']', 'P', '?', 'Esc', '→', 'Page Down', 'Page Up']) {
    expect(caps.some((text) => text.startsWith(cap))).toBe(true);
  }
  // Modal: the page behind is inert, so its keys do nothing while the list is open.
  await page.keyboard.press(']');
  await expect(h1(page)).toHaveText('Reward model');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The "?" key opens it too, in presentation mode as well (the header is hidden then).
  await page.keyboard.press('p');
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // Escape closed the dialog only, not presentation mode as well.
  await page.keyboard.press('?');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  expect(errors).toEqual([]);
});

test('reduced motion: no smooth scrolling and no running animations', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/ppo');
  await expect(h1(page)).toHaveText('RLHF with PPO');
  const scrollBehavior = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
  const runningAnimations = () =>
    page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
  expect(await scrollBehavior()).toBe('smooth');

  // The PPO step-through shows a turning ring while an iteration runs in its worker.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Start step-through' }).click();
  await expect(page.locator('.ppo-step-spinner')).toBeVisible({ timeout: 20_000 });
  expect(await runningAnimations()).toBeGreaterThan(0);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await scrollBehavior()).toBe('auto');
  await expect.poll(runningAnimations).toBe(0);
  await expect(page.locator('.ppo-step-spinner')).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
});

test('the phone layout (375 px): no sideways scrolling on any route, navigation usable', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 375, height: 740 });
  for (const route of [...ROUTES, { path: '/missing', h1: 'Page not found' }]) {
    await page.goto(route.path);
    await expect(h1(page)).toHaveText(route.h1);
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({
      page: document.scrollingElement?.scrollWidth ?? 0,
      // Anything wider than the screen, outside a container that scrolls it.
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return false;
          }
          return true;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
        .slice(0, 5),
    }));
    expect(widths, route.path).toEqual({ page: expect.any(Number), wide: [] });
    expect(widths.page, route.path).toBeLessThanOrEqual(376);
    // Charts fit the screen.
    for (const box of await page
      .locator('.chart')
      .evaluateAll((charts) => charts.map((c) => c.getBoundingClientRect().right))) {
      expect(box, route.path).toBeLessThanOrEqual(376);
    }
    // Tables and formulas that scroll sideways here must be reachable by keyboard, etc.
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      route.path,
    ).toEqual([]);
  }
  // The header's controls and the navigation are on screen and work.
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link', { name: /Simulator/ })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeInViewport();
  await nav.getByRole('link', { name: /Reward model/ }).click();
  await expect(h1(page)).toHaveText('Reward model');
  // Presentation mode on a phone still fits, bar included.
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(bar(page).getByRole('button', { name: 'Exit presentation' })).toBeInViewport();
  expect(
    await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0),
  ).toBeLessThanOrEqual(376);
});

import type { ConsoleMessage, Page } from '@playwright/test';

export const DISCLAIMER = 'Teaching examples only — not medical advice.';

/** Every route, with its h1 (kept in step with src/app/pages.ts). */
export const ROUTES: readonly { path: string; h1: string }[] = [
  { path: '/', h1: 'Four stages from text to assistant' },
  { path: '/pretraining', h1: 'Pretraining' },
  { path: '/sft', h1: 'Supervised fine-tuning' },
  { path: '/reward-model', h1: 'Reward model' },
  { path: '/ppo', h1: 'RLHF with PPO' },
  { path: '/pharma', h1: 'Pharmaceutical applications' },
  { path: '/challenges', h1: 'Challenges and solutions' },
  { path: '/simulator', h1: 'Simulator' },
];

/** Collects console errors and uncaught exceptions (CSP violations appear as console errors). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

export function h1(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

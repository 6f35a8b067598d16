/**
 * Every page of the app, in reading order. The navigation, the previous/next links,
 * the keyboard shortcuts and the tests all derive from this one list; the route
 * elements themselves are in routes.tsx (lazily loaded).
 */
export type PageId =
  'home' | 'pretraining' | 'sft' | 'reward-model' | 'ppo' | 'pharma' | 'challenges' | 'simulator';

export interface PageInfo {
  id: PageId;
  path: string;
  /** The page's h1 (and document title). */
  title: string;
  /** Short label for the navigation bar. */
  navLabel: string;
  /** 'stage' pages form the pipeline in the navigation, numbered 1–4. */
  kind: 'home' | 'stage' | 'more';
  stageNumber?: 1 | 2 | 3 | 4;
}

export const PAGES: readonly PageInfo[] = [
  {
    id: 'home',
    path: '/',
    title: 'Four stages from text to assistant',
    navLabel: 'Home',
    kind: 'home',
  },
  {
    id: 'pretraining',
    path: '/pretraining',
    title: 'Pretraining',
    navLabel: 'Pretraining',
    kind: 'stage',
    stageNumber: 1,
  },
  {
    id: 'sft',
    path: '/sft',
    title: 'Supervised fine-tuning',
    navLabel: 'SFT',
    kind: 'stage',
    stageNumber: 2,
  },
  {
    id: 'reward-model',
    path: '/reward-model',
    title: 'Reward model',
    navLabel: 'Reward model',
    kind: 'stage',
    stageNumber: 3,
  },
  {
    id: 'ppo',
    path: '/ppo',
    title: 'RLHF with PPO',
    navLabel: 'PPO',
    kind: 'stage',
    stageNumber: 4,
  },
  {
    id: 'pharma',
    path: '/pharma',
    title: 'Pharmaceutical applications',
    navLabel: 'Pharma',
    kind: 'more',
  },
  {
    id: 'challenges',
    path: '/challenges',
    title: 'Challenges and solutions',
    navLabel: 'Challenges',
    kind: 'more',
  },
  {
    id: 'simulator',
    path: '/simulator',
    title: 'Simulator',
    navLabel: 'Simulator',
    kind: 'more',
  },
];

export const APP_NAME = 'Pipeline Lab';

/** How links name a page: Home is "Home", other pages by their title. */
export function linkLabel(page: PageInfo): string {
  return page.kind === 'home' ? 'Home' : page.title;
}

export function pageById(id: PageId): PageInfo {
  const page = PAGES.find((p) => p.id === id);
  if (!page) throw new Error(`Unknown page ${id}`);
  return page;
}

/** The page before and after `pathname` in reading order (404 counts as before Home). */
export function neighbours(pathname: string): { previous?: PageInfo; next?: PageInfo } {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const index = PAGES.findIndex((p) => p.path === path);
  if (index === -1) return { next: PAGES[0] };
  return { previous: PAGES[index - 1], next: PAGES[index + 1] };
}

/**
 * The route table. Every page is its own lazily loaded chunk, so Home's JavaScript
 * stays small (budget: tests/e2e/build-size.spec.ts). Page errors render inside the
 * layout (the pathless route's errorElement, with "Try again"), so navigation keeps
 * working; if the layout itself fails, AppError replaces the whole page.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppError } from './AppError';
import { Layout } from './Layout';
import { PAGES, type PageId } from './pages';
import { RouteError } from './RouteError';

const PAGE_COMPONENTS: Record<PageId, LazyExoticComponent<ComponentType>> = {
  home: lazy(() => import('../pages/home/HomePage')),
  pretraining: lazy(() => import('../pages/pretraining/PretrainingPage')),
  sft: lazy(() => import('../pages/sft/SftPage')),
  'reward-model': lazy(() => import('../pages/reward-model/RewardModelPage')),
  ppo: lazy(() => import('../pages/ppo/PpoPage')),
  pharma: lazy(() => import('../pages/pharma/PharmaPage')),
  challenges: lazy(() => import('../pages/challenges/ChallengesPage')),
  simulator: lazy(() => import('../pages/simulator/SimulatorPage')),
};
const NotFoundPage = lazy(() => import('../pages/not-found/NotFoundPage'));

function pageRoute(id: PageId, path: string): RouteObject {
  const Page = PAGE_COMPONENTS[id];
  return path === '/' ? { index: true, element: <Page /> } : { path, element: <Page /> };
}

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    errorElement: <AppError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...PAGES.map((page) => pageRoute(page.id, page.path)),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

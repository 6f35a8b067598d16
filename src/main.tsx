import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { routes } from './app/routes';
import { takePresentParam } from './store/presentation';
import { registerServiceWorker } from './app/serviceWorker';
import './app/styles/theme.css';
import './app/styles/base.css';
import './app/styles/layout.css';
import './app/styles/page.css';
import './app/styles/presentation.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// `?present=1` starts presentation mode (a lecturer's bookmark); it is removed from the
// address before the router reads it, so the config sync never sees it.
takePresentParam();

createRoot(root).render(
  <StrictMode>
    <RouterProvider router={createBrowserRouter(routes)} />
  </StrictMode>,
);

// Offline use after the first visit (production builds only).
registerServiceWorker();

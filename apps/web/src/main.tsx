import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { onUnauthorized } from './api/connectivity.js';
import { sessionExpired } from './auth/session-store.js';
import { useUiStore } from './stores/ui-store.js';
import './styles/theme.css';
import './styles/app.css';

// The theme is on the root before the first paint, so a dark-mode user never sees a light flash.
document.documentElement.dataset.theme = useUiStore.getState().theme;

onUnauthorized(sessionExpired);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

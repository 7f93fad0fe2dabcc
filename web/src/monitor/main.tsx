import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '../ui';
import './monitor.css';
import { i18n } from './i18n';
import { Monitor } from './Monitor';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <Monitor />
    </I18nextProvider>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '../ui';
import './staff.css';
import { i18n } from './i18n';
import { StaffApp } from './StaffApp';

// The staff console's entry (staff.html, served at /staff): no service worker, no offline queue and nothing of
// a report kept on the device.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StaffApp />
    </I18nextProvider>
  </StrictMode>,
);

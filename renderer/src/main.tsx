import '@patternfly/react-core/dist/styles/base.css';
import '@patternfly/react-styles/css/components/Table/table.css';
import './app.css';
import './pictures/pictures.css';
import './pictures/disks.css';
import './wizard/placeholders.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './api/client';
import { createSiteStore } from './store/site-store';

const { api, transport } = connect();
const store = createSiteStore(api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} api={api} transport={transport} />
  </StrictMode>,
);

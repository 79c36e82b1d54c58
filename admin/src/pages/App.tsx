import { Route, Routes } from 'react-router-dom';

import { AccountFormPage } from './AccountFormPage';
import { AccountsPage } from './AccountsPage';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { DeliverabilityPage } from './DeliverabilityPage';
import { LogPage } from './LogPage';
import { NotFoundPage } from './NotFoundPage';
import { OAuthCallbackPage } from './OAuthCallbackPage';
import { RoutingPreviewPage } from './RoutingPreviewPage';
import { SuppressionsPage } from './SuppressionsPage';

const App = () => {
  return (
    <Routes>
      <Route index element={<AccountsPage />} />
      <Route path="new" element={<AccountFormPage />} />
      <Route path="routing" element={<RoutingPreviewPage />} />
      <Route path="log" element={<LogPage />} />
      <Route path="campaigns" element={<CampaignsPage />} />
      <Route path="campaigns/:batchId" element={<CampaignPage />} />
      <Route path="oauth/callback" element={<OAuthCallbackPage />} />
      <Route path="deliverability" element={<DeliverabilityPage />} />
      <Route path="suppressions" element={<SuppressionsPage />} />
      <Route path=":id" element={<AccountFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
};

export default App;

import { Page } from '@strapi/strapi/admin';
import { Routes, Route } from 'react-router-dom';

import { AccountsPage } from './AccountsPage';

const App = () => {
  return (
    <Routes>
      <Route index element={<AccountsPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;

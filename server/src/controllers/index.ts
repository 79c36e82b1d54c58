import accounts from './accounts';
import resolve from './resolve';
import settings from './settings';

export default { accounts, resolve, settings };

import { PLUGIN_ID } from '../../../shared/constants';

/** i18n keys are `smtp-accounts.<page>.<element>`. */
const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;

export { getTranslation };

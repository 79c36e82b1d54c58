import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS, PLUGIN_ID } from '../../shared/constants';
import { PluginIcon } from './components/PluginIcon';
import { getTranslation } from './utils/getTranslation';
import { panelPaths } from './utils/panelPaths';

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'SMTP accounts' },
      Component: () => import('./pages/App'),
      // any one of these shows the link (Strapi's menu checks "at least one"); the index page sends a
      // role without accounts.read on to the campaigns, the send log, the domains or the suppressions
      permissions: [
        PERMISSIONS.accountsRead,
        PERMISSIONS.campaignsRead,
        PERMISSIONS.logRead,
        PERMISSIONS.domainsRead,
        PERMISSIONS.suppressionsRead,
      ].map((action) => ({ action, subject: null })),
    });

    app.addSettingsLink(
      {
        id: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.section'), defaultMessage: 'SMTP accounts' },
      },
      {
        id: 'settings',
        to: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Settings' },
        Component: () => import('./pages/SettingsPage'),
        permissions: [{ action: PERMISSIONS.settingsRead, subject: null }],
      }
    );

    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    // the home-page widget API arrived during Strapi 5.x: older versions run the plugin without it
    if ('widgets' in app && app.widgets?.register) {
      app.widgets.register({
        icon: Mail,
        title: { id: getTranslation('widget.title'), defaultMessage: 'Mail in the last 24 hours' },
        component: async () => (await import('./components/SendStatsWidget')).SendStatsWidget,
        pluginId: PLUGIN_ID,
        id: 'send-stats',
        link: {
          label: { id: getTranslation('widget.openLog'), defaultMessage: 'Open the send log' },
          href: panelPaths.log(),
        },
        permissions: [{ action: PERMISSIONS.logRead }],
      });
    }
  },

  async registerTrads({ locales }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Record<string, string>;
          };
          return {
            data: Object.fromEntries(
              Object.entries(data).map(([key, value]) => [getTranslation(key), value])
            ),
            locale,
          };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;

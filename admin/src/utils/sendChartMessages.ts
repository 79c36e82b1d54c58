/**
 * The send-rate chart's texts (campaign page), with their English defaults. `admin/src/translations/check.ts`
 * types en.json and ru.json by these ids, so a text missing from either file fails `tsc -b`.
 */
export const SEND_CHART_MESSAGES = {
  'campaign.chart.title': 'Send rate per account',
  'campaign.chart.description':
    'Mails sent (solid lines) and failed (dashed lines) per {slice}, one line per account, from {start} to {end}.',
  'campaign.chart.empty': 'Nothing sent yet: the chart starts with the first mail.',
  'campaign.chart.loadFailed':
    'The send rate could not be loaded; it is tried again with the next refresh.',
  'campaign.chart.axisY': 'Mails per {slice}',
  'campaign.chart.axisX': 'Time',
  'campaign.chart.slice.seconds': '{count, plural, one {# second} other {# seconds}}',
  'campaign.chart.slice.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'campaign.chart.slice.hours': '{count, plural, one {# hour} other {# hours}}',
  'campaign.chart.slice.days': '{count, plural, one {# day} other {# days}}',
  'campaign.chart.legend': 'Accounts',
  'campaign.chart.legend.item': '{account}: {sent} sent, {failed} failed',
  'campaign.chart.legend.key': 'solid: sent · dashed: failed',
  'campaign.chart.showTable': 'Show the numbers',
  'campaign.chart.hideTable': 'Hide the numbers',
  'campaign.chart.table.caption':
    'Mails per {slice} and account (slices in which nothing was sent are left out)',
  'campaign.chart.table.time': 'Time',
  'campaign.chart.table.sent': '{account}: sent',
  'campaign.chart.table.failed': '{account}: failed',
} as const;

export type SendChartMessageId = keyof typeof SEND_CHART_MESSAGES;

import common from './common.json';
import board from './board.json';
import records from './records.json';
import settings from './settings.json';
import insights from './insights.json';
import gadgets from './gadgets.json';
import metrics from './metrics.json';
import imports from './imports.json';
import quality from './quality.json';
import leads from './leads.json';
import renewals from './renewals.json';
import setup from './setup.json';

/**
 * The German table, one file per area like en-US. Loaded only through a dynamic import in
 * lib/i18n.ts, so Vite puts it in its own chunk and English users never download it.
 */
const german: Record<string, string> = { ...common, ...board, ...records, ...settings, ...insights, ...gadgets, ...metrics, ...imports, ...quality, ...leads, ...renewals, ...setup };
export default german;
